// npx tsx bench/push-writes.ts [--quick]   Web Push (issue #14): what pushes cost writes, through the server
//
// Issue #14's throughput figure as it states it: 50 writers post comments through the real server
// (form post, session, CSRF) into a discussion followed by 100 people. In alternate rounds those
// 100 people each have a device subscribed at a mock push service on 127.0.0.1 (every comment
// queues a fan-out that the server's delivery loop turns into 100 encrypted pushes while the
// writes go on), or have none (no push work at all). bench/push.ts measures latency and fan-out
// in process.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Db } from '../db/connection.ts';
import { createRepositories } from '../db/repositories/index.ts';
import { deviceKeys } from '../test/push/support.ts';
import { WRITERS, writeComments } from './server-writes.ts';
import { makeBenchDirectory, seedDemoWithThread, withDatabase } from './support/database.ts';
import { signUpMany } from './support/http.ts';
import { CONNECTIONS, FULL, median, QUICK } from './support/load.ts';
import { ensureBuilt, startApp } from './support/servers.ts';
import { consoleTable, formatInt, formatMs, formatRatio, type Row, verdict } from './support/table.ts';

const WRITES_TARGET_PER_S = 2_000;
const FOLLOWERS = 100;
/** The push service's answer takes this long, as a real one's over the internet would at least. */
const PUSH_SERVICE_DELAY_MS = 20;

/** A push service that takes every push (201) after a short delay, and counts them. */
async function mockPushService() {
  let received = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received += 1;
      setTimeout(() => response.writeHead(201).end(), PUSH_SERVICE_DELAY_MS);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received: () => received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * `count` discussions, each followed by the same `FOLLOWERS` people; with `pushOrigin`, each of
 * those people has one device at that push service.
 */
function followedDiscussions(db: Db, label: string, count: number, pushOrigin?: string): number[] {
  const { users, discussions, follows, pushSubscriptions } = createRepositories(db);
  return db.transaction(() => {
    const starter = users.create(`${label}_starter`, 'x', Date.now()) as number;
    const ids = Array.from({ length: count }, (_, i) =>
      discussions.create(
        { authorId: starter, title: `${label} ${i}`, url: null, bodyMd: 'b', bodyHtml: '<p>b</p>' },
        Date.now(),
      ),
    );
    for (let i = 0; i < FOLLOWERS; i++) {
      const follower = users.create(`${label}_${i}`, 'x', Date.now()) as number;
      for (const id of ids) follows.choose(follower, id, true);
      if (pushOrigin)
        pushSubscriptions.save(
          follower,
          { endpoint: `${pushOrigin}/${label}/${i}`, ...deviceKeys() },
          Date.now(),
        );
    }
    return ids;
  })();
}

export async function benchPushWrites(quick: boolean, log: (line: string) => void): Promise<Row> {
  ensureBuilt();
  const durations = quick ? QUICK : FULL;
  const rounds = Math.max(2, durations.rounds);
  const directory = makeBenchDirectory('push-writes');
  const path = directory.databasePath;
  const service = await mockPushService();
  await seedDemoWithThread(path);
  const threads = withDatabase(path, (db) => ({
    with: followedDiscussions(db, 'subscribed', rounds, service.origin),
    without: followedDiscussions(db, 'unsubscribed', rounds),
  }));
  const app = await startApp(path, { PUSH_TEST_ENDPOINTS: 'loopback' });
  try {
    const sessions = await signUpMany(app.url, 'pushwriter', WRITERS);
    const rates = { with: [] as number[], without: [] as number[] };
    const errors = { with: 0, without: 0 };
    let sentDuringWrites = 0;
    for (let round = 0; round < rounds; round++) {
      // Alternating which goes first, so a machine that grows busier mid-round hits both alike.
      const order = round % 2 === 0 ? (['with', 'without'] as const) : (['without', 'with'] as const);
      for (const kind of order) {
        const before = service.received();
        const { result } = await writeComments(app.url, sessions, threads[kind][round] as number, durations);
        // Errors are requests that got no answer in time (autocannon's timeout): reported, not hidden.
        errors[kind] += result.errors;
        if (kind === 'with') sentDuringWrites += service.received() - before;
        rates[kind].push(result.rps);
        log(
          `push writes ${round + 1}/${rounds} ${kind} devices: ${formatInt(result.rps)} comments/s, p99 ${formatMs(result.p99)}, ${result.errors} errors`,
        );
      }
    }
    const ratio = median(rates.with.map((rate, index) => rate / (rates.without[index] as number)));
    const withDevices = median(rates.with);
    return {
      part: 'Web Push',
      figure: `Comments written per second, ${CONNECTIONS} writers through the server, ${FOLLOWERS} followers each with a device ÷ without`,
      measured: `${formatInt(withDevices)} ÷ ${formatInt(median(rates.without))}`,
      ratio: formatRatio(ratio),
      target: `≥ ${formatInt(WRITES_TARGET_PER_S)}/s with devices`,
      verdict: verdict(withDevices >= WRITES_TARGET_PER_S && errors.with === 0),
      note: `${rounds} rounds of each, alternating; ${formatInt(sentDuringWrites)} pushes reached the mock service while the writes went on; requests unanswered in time: ${errors.with} with devices, ${errors.without} without`,
    };
  } finally {
    await app.stop();
    await service.close();
    directory.remove();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } }, strict: true });
  const row = await benchPushWrites(values.quick, (line) => process.stderr.write(`${line}\n`));
  console.log(`\n${consoleTable([row])}\n`);
  process.exitCode = row.verdict === 'FAIL' ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
