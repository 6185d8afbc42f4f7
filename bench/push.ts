// npx tsx bench/push.ts           Web Push (issue #14): latency, fan-out, and what pushes cost writes
// npx tsx bench/push.ts --quick   fewer samples: a smoke run, not figures to quote
//
// In one process, as the server runs: the app (its push delivery loop included) on a temporary
// database with PUSH_TEST_ENDPOINTS=loopback, and a mock push service on 127.0.0.1 that answers
// 201 to every push. Comments are posted through the real route (session cookie, CSRF token) with
// inject(), so the figures are the server's work without a load generator's; the mock push service
// does not decrypt, it only counts what arrives.

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type App, buildApp } from '../app/app.ts';
import { Client } from '../test/helpers/app.ts';
import { deviceKeys } from '../test/push/support.ts';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
const LATENCY_SAMPLES = values.quick ? 30 : 200;
const FAN_OUT = 1_000;
const FOLLOWERS = 100;
const WRITERS = 50;
const THROUGHPUT_COMMENTS = values.quick ? 1_000 : 4_000;

function percentile(sorted: readonly number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? Number.NaN;
}

async function mockPushService() {
  let count = 0;
  const waiters: { at: number; resolve: (time: number) => void }[] = [];
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      count += 1;
      response.writeHead(201).end();
      for (const waiter of waiters.filter((w) => w.at <= count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(performance.now());
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    count: () => count,
    /** Resolves with the time the `at`-th push (counted since the start) arrived. */
    arrival: (at: number) =>
      new Promise<number>((resolve) =>
        count >= at ? resolve(performance.now()) : waiters.push({ at, resolve }),
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function forum() {
  const dir = mkdtempSync(join(tmpdir(), 'charcha-bench-push-'));
  const app = await buildApp({
    databasePath: join(dir, 'charcha.db'),
    sessionSecret: 'bench-secret-that-is-long-enough-for-cookies',
    production: false,
    seed: 'none',
    networkTimeoutMs: 3000,
    rateLimits: false,
    pushTestEndpoints: 'loopback',
  });
  await app.ready();
  const writer = new Client(app);
  await writer.signUp('bench_writer');
  const token = await writer.csrfToken();
  const comment = async (discussionId: number, body: string) => {
    const response = await writer.postRaw(`/discuss/${discussionId}/comments`, { _csrf: token, body });
    if (response.statusCode !== 303) throw new Error(`comment refused: ${response.statusCode}`);
  };
  return {
    app,
    writer,
    comment,
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * `count` people following `threads` new discussions, each person with one device at the mock
 * push service when `origin` is given. Returns the discussions' ids.
 */
function followers(app: App, count: number, label: string, origin?: string, threads = 1): number[] {
  const { users, discussions, follows, pushSubscriptions } = app.repositories;
  const starter = users.create(`${label}_starter`, 'x', Date.now()) as number;
  const discussionIds = Array.from({ length: threads }, (_, i) =>
    discussions.create(
      { authorId: starter, title: `${label} thread ${i}`, url: null, bodyMd: 'b', bodyHtml: '<p>b</p>' },
      Date.now(),
    ),
  );
  app.db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const id = users.create(`${label}_${i}`, 'x', Date.now()) as number;
      for (const discussionId of discussionIds) follows.choose(id, discussionId, true);
      if (origin)
        pushSubscriptions.save(id, { endpoint: `${origin}/${label}/${i}`, ...deviceKeys() }, Date.now());
    }
  })();
  return discussionIds;
}

async function latency(): Promise<number[]> {
  const service = await mockPushService();
  const f = await forum();
  const [discussionId = 0] = followers(f.app, 1, 'latency', service.origin);
  const samples: number[] = [];
  for (let i = 0; i < LATENCY_SAMPLES; i++) {
    // Replies arrive at random moments, not right after the loop looked: an idle gap longer than
    // its poll interval makes each sample include the wait for the next look.
    await new Promise((resolve) => setTimeout(resolve, 150 + Math.random() * 100));
    const arrived = service.arrival(i + 1);
    await f.comment(discussionId, `reply ${i}`);
    // The comment's response goes out after its transaction committed: the clock starts there.
    const committed = performance.now();
    samples.push((await arrived) - committed);
  }
  await f.close();
  await service.close();
  return samples.sort((a, b) => a - b);
}

async function fanOut(): Promise<{ writeMs: number; baselineWriteMs: number; allSentMs: number }> {
  const service = await mockPushService();
  const f = await forum();
  const [quiet = 0] = followers(f.app, FAN_OUT, 'quiet');
  const [pushed = 0] = followers(f.app, FAN_OUT, 'pushed', service.origin);
  await f.comment(quiet, 'warm-up');
  let started = performance.now();
  await f.comment(quiet, 'to 1,000 followers without devices');
  const baselineWriteMs = performance.now() - started;
  const allArrived = service.arrival(FAN_OUT);
  started = performance.now();
  await f.comment(pushed, 'to 1,000 followers with devices');
  const writeMs = performance.now() - started;
  const allSentMs = (await allArrived) - started;
  await f.close();
  await service.close();
  return { writeMs, baselineWriteMs, allSentMs };
}

async function throughput(subscribed: boolean): Promise<number> {
  const service = await mockPushService();
  const f = await forum();
  // 100 comments a discussion, as bench/server-writes.ts keeps its threads short: a write's cost
  // grows with its discussion's length, which is not what is measured here.
  const threads = followers(
    f.app,
    FOLLOWERS,
    'tp',
    subscribed ? service.origin : undefined,
    THROUGHPUT_COMMENTS / 100,
  );
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (next < THROUGHPUT_COMMENTS) {
        next += 1;
        await f.comment(threads[next % threads.length] ?? 0, `comment ${next}`);
      }
    }),
  );
  const perSecond = THROUGHPUT_COMMENTS / ((performance.now() - started) / 1000);
  await f.close();
  await service.close();
  return perSecond;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const sorted = await latency();
console.log(`reply committed → push received (${sorted.length} replies, loopback):`);
console.log(
  `  p50 ${ms(percentile(sorted, 0.5))}, p95 ${ms(percentile(sorted, 0.95))}, max ${ms(sorted.at(-1) ?? 0)}`,
);
const fan = await fanOut();
console.log(`fan-out to ${FAN_OUT} subscribed followers:`);
console.log(`  all ${FAN_OUT} sent ${ms(fan.allSentMs)} after the write began`);
console.log(
  `  the comment's write ${ms(fan.writeMs)} (same comment, followers without devices: ${ms(fan.baselineWriteMs)})`,
);
const baseline = await throughput(false);
const withPush = await throughput(true);
console.log(
  `comment throughput, ${WRITERS} writers, ${FOLLOWERS} followers (${THROUGHPUT_COMMENTS} comments):`,
);
console.log(
  `  without devices ${Math.round(baseline)}/s, all subscribed ${Math.round(withPush)}/s, ratio ${(withPush / baseline).toFixed(2)}`,
);
