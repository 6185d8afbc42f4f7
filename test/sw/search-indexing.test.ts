import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createPageStore } from '../../sw/worker/page-store.ts';
import type { SearchIndexStore } from '../../sw/worker/search-index-store.ts';
import type { SearchRecord } from '../../sw/worker/search-record.ts';
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
    async read(keys) {
      return keys.flatMap((key) => records.get(key) ?? []);
    },
    async indexedKeys() {
      return new Set(records.keys());
    },
    async keepOnly(liveKeys) {
      for (const key of records.keys()) if (!liveKeys.has(key)) records.delete(key);
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
