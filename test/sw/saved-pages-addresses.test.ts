import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readableOffline } from '../../sw/page/saved-pages.ts';
import { PAGES_CACHE } from '../../sw/shared/cache-names.ts';
import { SAVED_AT_HEADER, TITLE_HEADER } from '../../sw/shared/saved-page-metadata.ts';
import { FakeCacheStorage, htmlPage } from './support/fake-cache.ts';

const ORIGIN = 'https://charcha.example';

test('the saved-pages list links each page of a huge discussion to that page, ?page included', async (t) => {
  const storage = new FakeCacheStorage();
  const global = globalThis as { caches?: unknown };
  const before = global.caches;
  global.caches = storage;
  t.after(() => {
    global.caches = before;
  });
  const pages = storage.opened(PAGES_CACHE);
  const now = Date.now();
  for (const [address, title, savedAt] of [
    ['/discuss/7', 'Huge', now - 2000],
    ['/discuss/7?page=2', 'Huge (page 2)', now - 1000],
  ] as const) {
    await pages.seed(
      `${ORIGIN}${address}`,
      htmlPage('<p>saved</p>', {
        [SAVED_AT_HEADER]: String(savedAt),
        [TITLE_HEADER]: encodeURIComponent(title),
      }),
    );
  }
  const listed = await readableOffline(60_000, now);
  assert.deepEqual(
    listed.map(({ path, title }) => ({ path, title })),
    [
      { path: '/discuss/7?page=2', title: 'Huge (page 2)' },
      { path: '/discuss/7', title: 'Huge' },
    ],
  );
});
