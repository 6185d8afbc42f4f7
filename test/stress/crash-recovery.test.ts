import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { test } from 'node:test';
import { DEMO_PASSWORD, DEMO_USERNAMES } from '../../db/seed.ts';
import { checkDatabase } from './support/database-check.ts';
import { ServerProcess } from './support/server-process.ts';
import { CRASH_ROUNDS, MODE, WRITERS } from './support/stress-mode.ts';
import { type Ack, logInMany, startWriters } from './support/writers.ts';

/** How long the writers run before the kill: long enough for a few hundred writes, random so the kill lands anywhere. */
const KILL_AFTER_MS = { min: 300, max: 1500 };

async function threadIds(baseUrl: string): Promise<number[]> {
  const html = await (await fetch(`${baseUrl}/new`)).text();
  const ids = [...html.matchAll(/href="\/discuss\/(\d+)"/g)].map((m) => Number(m[1]));
  assert.ok(ids.length > 0, 'the demo forum has threads');
  return [...new Set(ids)].slice(0, 10);
}

test(`no acknowledged write is lost when the server is SIGKILLed under ${WRITERS} writers (${CRASH_ROUNDS} rounds, ${MODE})`, async (t) => {
  let server = await ServerProcess.start({ env: { SEED: 'demo' } });
  const dataDir = server.dataDir;
  t.after(async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const sessions = await logInMany(server.url, WRITERS, (i) => ({
    username: DEMO_USERNAMES[i % DEMO_USERNAMES.length] ?? 'asha',
    password: DEMO_PASSWORD,
  }));

  const postIds = await threadIds(server.url);
  const acks: Ack[] = [];
  const rounds: string[] = [];
  let unanswered = 0;

  for (let round = 1; round <= CRASH_ROUNDS; round++) {
    const writers = startWriters({
      baseUrl: server.url,
      sessions,
      postIds,
      tag: `round ${round}`,
      stopOnNetworkError: true,
    });
    const delay = KILL_AFTER_MS.min + Math.random() * (KILL_AFTER_MS.max - KILL_AFTER_MS.min);
    await new Promise((resolve) => setTimeout(resolve, delay));
    server.signal('SIGKILL');
    const exit = await server.exited;
    const report = await writers.finished();
    assert.equal(exit.signal, 'SIGKILL');
    assert.deepEqual(report.refusals, {}, 'every write before the kill was accepted');
    acks.push(...report.acks);
    unanswered += report.networkErrors;

    server = await ServerProcess.start({ dataDir, env: { SEED: 'demo' } });
    const health = await fetch(`${server.url}/healthz`);
    assert.equal(health.status, 200, 'the restarted server is healthy');
    const counts = checkDatabase(server.databasePath, acks);
    rounds.push(
      `round ${round}: killed after ${Math.round(delay)} ms, ${report.acks.length} acknowledged, ${report.networkErrors} cut off; ${counts.comments} comments in the file`,
    );
  }

  // Sessions written before the first kill still work: a restarted server is the same forum.
  const after = await fetch(`${server.url}/session`, { headers: { cookie: sessions[0]?.cookie ?? '' } });
  assert.ok(((await after.json()) as { username: string | null }).username);
  for (const line of rounds) t.diagnostic(line);
  t.diagnostic(
    `${CRASH_ROUNDS} SIGKILLs, ${acks.length} acknowledged writes all found after restart, ${unanswered} requests cut off unanswered`,
  );
  assert.ok(acks.length >= CRASH_ROUNDS * 10, 'the writers got writes through in every round');
});
