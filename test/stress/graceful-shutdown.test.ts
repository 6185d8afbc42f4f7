import assert from 'node:assert/strict';
import { existsSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { test } from 'node:test';
import { DEMO_PASSWORD, DEMO_USERNAMES } from '../../db/seed.ts';
import { checkDatabase } from './support/database-check.ts';
import { HttpClient, PASSWORD } from './support/http-client.ts';
import { ServerProcess } from './support/server-process.ts';
import { WRITERS } from './support/stress-mode.ts';
import { logInMany, startWriters } from './support/writers.ts';

/** Logins with a full-cost password hash take a few hundred ms: requests reliably in flight at SIGTERM. */
const SLOW_LOGINS = 8;

/** A request on a new connection, as a browser arriving after the signal would make it. */
function freshRequest(url: string): Promise<string> {
  return new Promise((resolve) => {
    const req = request(`${url}/`, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(`HTTP ${res.statusCode}`));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    req.end();
  });
}

test('SIGTERM under load: in-flight requests finish, new ones are refused cleanly, exit 0, nothing lost', async (t) => {
  const server = await ServerProcess.start({ env: { SEED: 'demo', LOG_LEVEL: 'info' } });
  t.after(async () => {
    await server.stop();
    rmSync(server.dataDir, { recursive: true, force: true });
  });
  const owner = new HttpClient(server.url);
  await owner.signUp('slowhash');
  const sessions = await logInMany(server.url, WRITERS, (i) => ({
    username: DEMO_USERNAMES[i % DEMO_USERNAMES.length] ?? 'asha',
    password: DEMO_PASSWORD,
  }));

  const html = await (await fetch(`${server.url}/new`)).text();
  const postIds = [...html.matchAll(/href="\/discuss\/(\d+)"/g)].map((m) => Number(m[1])).slice(0, 10);
  const visitors = await Promise.all(
    Array.from({ length: SLOW_LOGINS }, async () => {
      const visitor = new HttpClient(server.url);
      await visitor.refreshToken('/login');
      return visitor;
    }),
  );

  const writers = startWriters({
    baseUrl: server.url,
    sessions,
    postIds,
    tag: 'shutdown',
    stopOnNetworkError: false,
  });
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const inFlight = visitors.map((v) =>
    v.post('/login', { username: 'slowhash', password: PASSWORD }).then(
      (response) => response.status,
      (error: Error) => `${error.message}: ${(error.cause as Error | undefined)?.message}`,
    ),
  );
  await new Promise((resolve) => setTimeout(resolve, 50));
  const signalled = performance.now();
  server.signal('SIGTERM');

  const lateAnswers: string[] = [];
  while (server.running) {
    lateAnswers.push(await freshRequest(server.url));
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const exit = await server.exited;
  const shutdownMs = Math.round(performance.now() - signalled);
  const report = await writers.stop();
  const logins = await Promise.all(inFlight);

  const late: Record<string, number> = {};
  for (const answer of lateAnswers) late[answer] = (late[answer] ?? 0) + 1;
  t.diagnostic(
    `exit ${JSON.stringify(exit)} ${shutdownMs} ms after SIGTERM; in-flight logins ${JSON.stringify(logins)}; ` +
      `requests on new connections meanwhile ${JSON.stringify(late)}`,
  );
  t.diagnostic(
    `writers: ${report.acks.length} acknowledged, refusals ${JSON.stringify(report.refusals)}, ${report.networkErrors} refused connections`,
  );
  assert.deepEqual(exit, { code: 0, signal: null }, 'a clean exit');
  assert.match(server.log, /"signal":"SIGTERM","msg":"closing"/, 'the server handled SIGTERM itself');
  assert.deepEqual(logins, Array(SLOW_LOGINS).fill(303), 'requests in flight at SIGTERM completed');
  // A connection still in the kernel's accept queue (or accepted but not yet sent a request) when the
  // listener closes is reset: no request on it was read, so nothing is half done. Anything else fails.
  for (const answer of lateAnswers)
    assert.match(answer, /^(ECONNREFUSED|ECONNRESET|HTTP 503)$/, 'new requests refused cleanly');
  assert.ok(lateAnswers.includes('ECONNREFUSED'), 'the listener closed before the process exited');
  assert.deepEqual(
    Object.keys(report.refusals).filter((code) => code !== '503'),
    [],
    'the only refusal is 503',
  );
  const wal = `${server.databasePath}-wal`;
  assert.ok(!existsSync(wal) || statSync(wal).size === 0, 'the database was closed (WAL checkpointed)');
  const counts = checkDatabase(server.databasePath, report.acks);
  t.diagnostic(
    `all ${report.acks.length} acknowledged writes present; ${counts.comments} comments in the file`,
  );
});
