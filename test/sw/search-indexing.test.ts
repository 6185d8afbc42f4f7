import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PINNED_HEADER, SAVED_AT_HEADER } from '../../sw/shared/saved-page-metadata.ts';
import { createPageStore } from '../../sw/worker/page-store.ts';
import type { SearchIndexStore } from '../../sw/worker/search-index-store.ts';
import { findOffline } from '../../sw/worker/search-offline.ts';
import { type SearchRecord, searchRecordOf } from '../../sw/worker/search-record.ts';
import { trackedPagesCache } from '../../sw/worker/search-saved-keys.ts';
import { FakeCache, htmlPage } from './support/fake-cache.ts';

const ORIGIN = 'https://charcha.test';

/** The index as a Map: what the page store asks of IndexedDB, kept where the test can see it. */
function mapIndex(): SearchIndexStore & { records: Map<string, SearchRecord> } {
  const records = new Map<string, SearchRecord>();
  return {
    records,
    async put(record) {
      records.set(record.key, record);
    },
    async all() {
      return [...records.values()];
    },
    async removeWhere(isRemoved) {
      for (const key of records.keys()) if (isRemoved(key)) records.delete(key);
    },
  };
}

function discussionPage(title: string, user?: string): Response {
  const body = user === undefined ? '<body>' : `<body data-user="${user}">`;
  return htmlPage(
    `<html><head><title>${title} · Charcha</title></head>${body}<main><article class="discussion" id="post">` +
      `<h1 class="discussion-title"><bdi>${title}</bdi></h1></article><section class="comments"></section></main></html>`,
  );
}

function setUp(maxEntries = 10) {
  const cache = new FakeCache();
  const index = mapIndex();
  const store = createPageStore({
    cache: async () => cache.asCache(),
    limits: { maxEntries, maxAgeMs: 60 * 60_000 },
    searchIndex: index,
  });
  return { store, index };
}

const indexedPaths = (index: ReturnType<typeof mapIndex>) =>
  [...index.records.keys()].map((key) => key.replace(ORIGIN, '')).sort();

test('a saved discussion is indexed under its page key; other pages are not', async () => {
  const { store, index } = setUp();
  await store.savePage(`${ORIGIN}/discuss/7#c3`, discussionPage('चाय और समोसा'));
  await store.savePage(`${ORIGIN}/discuss/7?page=2`, discussionPage('चाय और समोसा'));
  await store.savePage(`${ORIGIN}/`, discussionPage('Front page'));
  assert.deepEqual(indexedPaths(index), ['/discuss/7', '/discuss/7?page=2']);
  assert.equal(index.records.get(`${ORIGIN}/discuss/7`)?.title, 'चाय और समोसा');
});

/** A cache whose writes of some pages wait until the test lets them through. */
class HeldCache extends FakeCache {
  readonly held = new Map<string, Promise<void>>();
  override async put(request: Request | string | URL, response: Response): Promise<void> {
    await this.held.get(request instanceof Request ? request.url : String(request));
    return super.put(request, response);
  }
}

test('a page still being written keeps its index through the pruning after another page is saved', async () => {
  const cache = new HeldCache();
  const index = mapIndex();
  const store = createPageStore({
    cache: async () => cache.asCache(),
    limits: { maxEntries: 10, maxAgeMs: 60 * 60_000 },
    searchIndex: index,
  });
  let release = () => {};
  cache.held.set(`${ORIGIN}/discuss/2`, new Promise((resolve) => (release = resolve)));
  const slow = store.savePage(`${ORIGIN}/discuss/2`, discussionPage('Written slowly'));
  await store.savePage(`${ORIGIN}/discuss/1`, discussionPage('Written at once'));
  release();
  await slow;
  assert.deepEqual(indexedPaths(index), ['/discuss/1', '/discuss/2']);
});

test('a page evicted by the count limit takes its index with it', async () => {
  const { store, index } = setUp(2);
  for (const id of [1, 2, 3]) await store.savePage(`${ORIGIN}/discuss/${id}`, discussionPage(`Thread ${id}`));
  assert.deepEqual(indexedPaths(index), ['/discuss/2', '/discuss/3']);
});

test('logging out forgets the index of every page rendered for the signed-in person', async () => {
  const { store, index } = setUp();
  await store.savePage(`${ORIGIN}/discuss/1`, discussionPage('Read while signed in', 'asha'));
  await store.savePage(`${ORIGIN}/discuss/2`, discussionPage('Read signed out'));
  assert.equal(await store.forgetSignedInPages(), 1);
  assert.deepEqual(indexedPaths(index), ['/discuss/2']);
});

test('offline search reads what is saved and shown: not expired copies, not orphaned records', async () => {
  const cache = new FakeCache();
  const index = mapIndex();
  const maxAgeMs = 60_000;
  const old = Date.now() - 2 * maxAgeMs;
  const save = async (id: number, savedAt: number, { pinned = false, indexed = true } = {}) => {
    const key = `${ORIGIN}/discuss/${id}`;
    const html = await discussionPage(`Monsoon kettle ${id}`).text();
    const headers: Record<string, string> = { [SAVED_AT_HEADER]: String(savedAt) };
    if (pinned) headers[PINNED_HEADER] = '1';
    await cache.put(key, htmlPage(html, headers));
    const record = searchRecordOf(key, html, savedAt);
    if (indexed && record) await index.put(record);
  };
  await save(1, Date.now());
  await save(2, old);
  await save(3, old, { pinned: true });
  await save(4, Date.now(), { indexed: false });
  const orphan = searchRecordOf(`${ORIGIN}/discuss/5`, await discussionPage('Monsoon kettle 5').text());
  if (orphan) await index.put(orphan);

  const found = await findOffline(`${ORIGIN}/search?q=kettle`, {
    pagesCache: async () => cache.asCache(),
    savedKeys: trackedPagesCache(async () => cache.asCache()).keys,
    maxAgeMs,
    index,
    shell: async () => undefined,
  });
  assert.equal(found.discussions, 3, 'the fresh one, the pinned one, the one saved before indexing');
  assert.deepEqual(found.hits.map((hit) => hit.url).sort(), ['/discuss/1', '/discuss/3', '/discuss/4']);
  assert.ok(index.records.has(`${ORIGIN}/discuss/4`), 'a page saved before indexing is indexed on the way');
});

test('the saved keys kept for offline search follow every write: saving, eviction, pinning, expiry, logout', async () => {
  const cache = new FakeCache();
  const pages = trackedPagesCache(async () => cache.asCache());
  const maxAgeMs = 60_000;
  const store = createPageStore({
    cache: pages.open,
    limits: { maxEntries: 1, maxAgeMs },
    searchIndex: mapIndex(),
  });
  const remembered = async () => [...(await pages.keys())].sort();
  const stored = () => [...cache.urls()].sort();
  assert.deepEqual(await remembered(), [], 'read once, while empty');

  await store.savePage(`${ORIGIN}/discuss/1`, discussionPage('Thread 1'));
  assert.deepEqual(await remembered(), [`${ORIGIN}/discuss/1`]);
  await store.savePage(`${ORIGIN}/discuss/2`, discussionPage('Thread 2'));
  assert.deepEqual(await remembered(), [`${ORIGIN}/discuss/2`], 'after the count limit evicted one');
  assert.deepEqual(stored(), [`${ORIGIN}/discuss/2`]);
  assert.equal(await store.setPinned(`${ORIGIN}/discuss/2`, true), 'pinned');
  await store.savePage(`${ORIGIN}/discuss/3`, discussionPage('Thread 3', 'asha'));
  assert.deepEqual(await remembered(), [`${ORIGIN}/discuss/2`, `${ORIGIN}/discuss/3`], 'a pinned page stays');
  assert.equal(await store.forgetSignedInPages(), 1);
  assert.deepEqual(await remembered(), [`${ORIGIN}/discuss/2`], 'after the logout purge');

  // A copy past the age limit, written by the tracked cache, goes when it is read.
  const expired = htmlPage('<p>old</p>', { [SAVED_AT_HEADER]: String(Date.now() - 2 * maxAgeMs) });
  await (await pages.open()).put(`${ORIGIN}/discuss/4`, expired);
  assert.deepEqual(await remembered(), [`${ORIGIN}/discuss/2`, `${ORIGIN}/discuss/4`]);
  const background: Promise<unknown>[] = [];
  const copy = await store.readSavedCopy(`${ORIGIN}/discuss/4`, Promise.resolve(), (work) =>
    background.push(work),
  );
  assert.equal(copy, undefined);
  await Promise.all(background);
  assert.deepEqual(await remembered(), stored(), 'after the expired copy went');
  assert.deepEqual(stored(), [`${ORIGIN}/discuss/2`]);
});
