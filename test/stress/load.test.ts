import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { test } from 'node:test';
import autocannon from 'autocannon';
import { DEMO_PASSWORD, DEMO_USERNAMES } from '../../db/seed.ts';
import { checkDatabase } from './support/database-check.ts';
import { startLockContender } from './support/lock-contender.ts';
import { ServerProcess } from './support/server-process.ts';
import { LOAD_CONNECTIONS, LOAD_SECONDS, MODE } from './support/stress-mode.ts';
import { logIn, type WriterSession } from './support/writers.ts';

/** Nine reads for every write, as on any forum. */
const READS_PER_WRITE = 9;
/**
 * The other writer holds the lock briefly and often, like a cron job or `npm run seed` appending.
 * (better-sqlite3 waits for a lock synchronously, so a long hold stalls every request meanwhile.)
 */
const LOCK_HOLD_MS = 2;
const LOCK_EVERY_MS = 100;
/** Memory may grow with caches and JIT warm-up, but not with the number of requests served. */
const MAX_RSS_GROWTH_KB = 200 * 1024;

interface Voter extends WriterSession {
  /** Comments this user did not write (voting on your own is refused). */
  votable: number[];
}

async function forumShape(baseUrl: string) {
  const listing = await (await fetch(`${baseUrl}/new`)).text();
  const threads = [...new Set([...listing.matchAll(/href="\/discuss\/(\d+)"/g)].map((m) => Number(m[1])))];
  const comments: { id: number; author: string }[] = [];
  for (const id of threads.slice(0, 5)) {
    const html = await (await fetch(`${baseUrl}/discuss/${id}`)).text();
    for (const m of html.matchAll(/data-comment-id="(\d+)"[\s\S]*?class="author"><bdi>([^<]+)</g))
      comments.push({ id: Number(m[1]), author: String(m[2]) });
  }
  assert.ok(threads.length > 0 && comments.length > 0, 'the demo forum has threads and comments');
  return { threads, comments };
}

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)] as T;

test(`${LOAD_CONNECTIONS} connections for ${LOAD_SECONDS} s, 90% reads and 10% writes, with a second writer on the file: 0 errors, 0 5xx (${MODE})`, async (t) => {
  const server = await ServerProcess.start({ env: { SEED: 'demo' } });
  t.after(async () => {
    await server.stop();
    rmSync(server.dataDir, { recursive: true, force: true });
  });
  const { threads, comments } = await forumShape(server.url);
  const voters: Voter[] = [];
  for (const username of DEMO_USERNAMES) {
    const session = await logIn(server.url, username, DEMO_PASSWORD);
    voters.push({ ...session, votable: comments.filter((c) => c.author !== username).map((c) => c.id) });
  }

  const rssStartKb = server.rssKb();
  const contender = startLockContender(server.databasePath, LOCK_HOLD_MS, LOCK_EVERY_MS);
  let writes = 0;
  const read = (): autocannon.Request => ({
    method: 'GET',
    setupRequest: (request) => {
      const path = pick(['/', '/new', ...Array(4).fill('thread')]);
      const cookie = Math.random() < 0.3 ? pick(voters).cookie : '';
      return {
        ...request,
        path: path === 'thread' ? `/discuss/${pick(threads)}` : path,
        headers: { ...request.headers, cookie },
      };
    },
  });
  const write = (): autocannon.Request => ({
    method: 'POST',
    setupRequest: (request) => {
      const voter = pick(voters);
      writes += 1;
      const comment = writes % 2 === 0;
      const fields: Record<string, string> = comment
        ? { _csrf: voter.token, body: `Under load, write ${writes}.` }
        : { _csrf: voter.token, direction: pick(['up', 'down', 'none']) };
      return {
        ...request,
        path: comment ? `/discuss/${pick(threads)}/comments` : `/comments/${pick(voter.votable)}/vote`,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
          cookie: voter.cookie,
        },
        body: new URLSearchParams(fields).toString(),
      };
    },
  });

  const result = await autocannon({
    url: server.url,
    connections: LOAD_CONNECTIONS,
    duration: LOAD_SECONDS,
    requests: [...Array.from({ length: READS_PER_WRITE }, read), write()],
  });
  const lockTaken = await contender.stop();
  const rssEndKb = server.rssKb();

  const statuses = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count ?? 0]),
  );
  t.diagnostic(
    `${result.requests.total} requests (${Math.round(result.requests.average)} req/s, p99 ${result.latency.p99} ms), ` +
      `${writes} writes; statuses ${JSON.stringify(statuses)}; errors ${result.errors}, timeouts ${result.timeouts}; ` +
      `the other writer took the lock ${lockTaken} times; RSS ${Math.round(rssStartKb / 1024)} MB at start, ${Math.round(rssEndKb / 1024)} MB at end`,
  );
  assert.equal(result.errors, 0, 'connection errors');
  assert.equal(result.timeouts, 0, 'timeouts');
  assert.equal(result['5xx'], 0, `5xx responses; server log:\n${server.log.slice(-3000)}`);
  assert.equal(result.non2xx, 0, `every request succeeds: ${JSON.stringify(statuses)}`);
  assert.ok(writes > 0 && lockTaken > 0);
  assert.doesNotMatch(server.log, /SQLITE_BUSY|database is locked/, 'SQLITE_BUSY reached the server log');
  assert.ok(rssEndKb - rssStartKb < MAX_RSS_GROWTH_KB, `RSS grew from ${rssStartKb} kB to ${rssEndKb} kB`);
  checkDatabase(server.databasePath, []);
});
