import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { replyPlacement } from '../../app/domain/tree.ts';
import { openDatabase } from '../../db/connection.ts';
import { migrate } from '../../db/migrate.ts';
import { ServerProcess } from './support/server-process.ts';
import { FULL, MODE } from './support/stress-mode.ts';

/** What one account can write in under six hours at 60 comments a minute (issue #16, item 3). */
const COMMENTS = 20_000;
const READERS = 4;
const READ_SECONDS = FULL ? 30 : 6;
/** The bar for the rest of the site while the discussion is read. */
const HEALTHZ_P95_MS = 50;
/**
 * What readers of cached pages may add to /healthz's median: a page rendered on every view holds the
 * event loop for a render at a time and moves the median by more than this; serving kept bytes does not.
 */
const HEALTHZ_P50_MARGIN_MS = 10;
/** A page of comments stays a page, not the 13.8 MB the whole discussion rendered to. */
const MAX_PAGE_BYTES = 1024 * 1024;
const BODY = 'A reply that says a little more than it needs to, as replies in a long thread do. '.repeat(3);

/** Writes the discussion straight into a fresh database, before any server opens it. */
function writeHugeDiscussion(databasePath: string): number {
  const db = openDatabase(databasePath);
  migrate(db);
  const now = Date.now();
  const userId = Number(
    db.prepare("INSERT INTO users (username, password_hash, created_at) VALUES ('prolific', 'x', ?)").run(now)
      .lastInsertRowid,
  );
  const discussionId = Number(
    db
      .prepare(
        "INSERT INTO posts (author_id, title, body_md, body_html, created_at) VALUES (?, 'Huge', 'text', '<p>text</p>', ?)",
      )
      .run(userId, now).lastInsertRowid,
  );
  const insert =
    db.prepare(`INSERT INTO comments (post_id, parent_id, author_id, depth, body_md, body_html, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  let seed = 16;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  db.transaction(() => {
    const written: { id: number; parentId: number | null; depth: number }[] = [];
    for (let i = 0; i < COMMENTS; i++) {
      // One comment in ten starts a thread; the rest reply anywhere, a long thread grows deep and wide.
      const parent = i === 0 || random() < 0.1 ? undefined : written[Math.floor(random() * written.length)];
      const placement = parent ? replyPlacement(parent) : { parentId: null, depth: 0 };
      const body = `${BODY}(${i})`;
      const id = Number(
        insert.run(discussionId, placement.parentId, userId, placement.depth, body, `<p>${body}</p>`, now + i)
          .lastInsertRowid,
      );
      written.push({ id, ...placement });
    }
    db.prepare('UPDATE posts SET comment_count = ? WHERE id = ?').run(COMMENTS, discussionId);
  })();
  db.close();
  return discussionId;
}

/** Threads continued on their own pages that the readers also read. */
const THREAD_PAGES_READ = 20;

/** Every page of the discussion and some of the thread pages they link to, each read once (so cached). */
async function pagesOf(baseUrl: string, discussionId: number): Promise<string[]> {
  const first = await (await fetch(`${baseUrl}/discuss/${discussionId}`)).text();
  const pageCount = Number(first.match(/\(page 1 of (\d+)\)/)?.[1] ?? 1);
  const pages = Array.from({ length: pageCount }, (_, i) => `/discuss/${discussionId}?page=${i + 1}`);
  const threads: string[] = [];
  for (const path of pages) {
    const html = await (await fetch(baseUrl + path)).text();
    assert.ok(Buffer.byteLength(html) <= MAX_PAGE_BYTES, `${path}: ${Buffer.byteLength(html)} bytes`);
    for (const match of html.matchAll(/<p class="continue-thread"><a href="([^"]+)">/g))
      threads.push(String(match[1]));
  }
  const threadPages = threads.slice(0, THREAD_PAGES_READ);
  for (const path of threadPages) assert.equal((await fetch(baseUrl + path)).status, 200, path);
  return [...pages, ...threadPages];
}

/** Asks /healthz one request at a time until `stop` resolves; the answer times in ms. */
async function probeHealth(baseUrl: string, stop: Promise<unknown>): Promise<number[]> {
  let stopped = false;
  void stop.then(() => {
    stopped = true;
  });
  const times: number[] = [];
  while (!stopped) {
    const start = performance.now();
    const response = await fetch(`${baseUrl}/healthz`);
    await response.arrayBuffer();
    assert.equal(response.status, 200);
    times.push(performance.now() - start);
    await sleep(10);
  }
  return times;
}

const percentile = (times: number[], p: number) =>
  [...times].sort((a, b) => a - b)[Math.min(times.length - 1, Math.floor(times.length * p))] ?? 0;

test(`${READERS} readers of a ${COMMENTS}-comment discussion leave /healthz p95 within ${HEALTHZ_P95_MS} ms (${MODE})`, async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'charcha-huge-'));
  const discussionId = writeHugeDiscussion(join(dataDir, 'charcha.db'));
  const server = await ServerProcess.start({ dataDir });
  t.after(async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const baseUrl = server.url;
  const paths = await pagesOf(baseUrl, discussionId);
  assert.ok(paths.length > 3, `the discussion is paged: ${paths.length} pages`);

  const idle = await probeHealth(baseUrl, sleep(2000));
  // Each reader reads the next page in the list, as readers of a long discussion spread over its
  // pages; each page was rendered once already, and is again when the cache's minute turns.
  let next = 0;
  const readers = autocannon({
    url: baseUrl,
    connections: READERS,
    duration: READ_SECONDS,
    headers: { 'accept-encoding': 'gzip, br' },
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] as string }),
      },
    ],
  });
  const loaded = await probeHealth(baseUrl, readers);
  const result = await readers;
  const idleAfter = await probeHealth(baseUrl, sleep(2000));

  // Idle is measured on both sides of the readers, so noise that starts or stops while they read
  // is counted once at least; the larger of the two is the machine's noise for this run.
  const idleP95 = Math.max(percentile(idle, 0.95), percentile(idleAfter, 0.95));
  const idleP50 = Math.max(percentile(idle, 0.5), percentile(idleAfter, 0.5));
  const loadedP50 = percentile(loaded, 0.5);
  const loadedP95 = percentile(loaded, 0.95);
  t.diagnostic(
    `${paths.length} pages; readers: ${result.requests.total} pages read; /healthz idle p50 ${idleP50.toFixed(1)} ms, p95 ${idleP95.toFixed(1)} ms, ` +
      `with readers p50 ${loadedP50.toFixed(1)} ms, p95 ${loadedP95.toFixed(1)} ms (${loaded.length} probes)`,
  );
  assert.equal(result.errors, 0, 'no reader request failed');
  assert.equal(result.non2xx, 0, 'every page answered 200');
  assert.ok(result.requests.total >= READERS, 'the readers read');
  // The machine's own noise (other processes on its two cores) is measured in the same run
  // without readers and allowed on top: what is asserted is what the readers add. Rendering the
  // whole discussion as one page blocks the event loop for far longer than the p95 margin.
  assert.ok(
    loadedP95 <= HEALTHZ_P95_MS + idleP95,
    `/healthz p95 ${loadedP95.toFixed(1)} ms with readers, ${idleP95.toFixed(1)} ms without`,
  );
  assert.ok(
    loadedP50 <= HEALTHZ_P50_MARGIN_MS + idleP50,
    `/healthz p50 ${loadedP50.toFixed(1)} ms with readers, ${idleP50.toFixed(1)} ms without: are pages rendered on every view?`,
  );
});
