import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SAVED_AT_HEADER } from '../../sw/shared/saved-page-metadata.ts';
import type { SearchIndexStore } from '../../sw/worker/search-index-store.ts';
import { findOffline, offlineSearch, prepareOfflineSearch } from '../../sw/worker/search-offline.ts';
import { findingsHtml, RESULTS_PER_PAGE, RESULTS_SLOT } from '../../sw/worker/search-page-html.ts';
import { type SearchRecord, searchRecordOf } from '../../sw/worker/search-record.ts';
import { trackedPagesCache } from '../../sw/worker/search-saved-keys.ts';
import { FakeCache, htmlPage } from './support/fake-cache.ts';

const ORIGIN = 'https://charcha.test';
const SAVED = 45;
const SHELL = `<html><head><title>Search · Charcha</title></head><body><form><input type="search" id="site-search-q" name="q" value=""></form><main>${RESULTS_SLOT}</main></body></html>`;

const kettlePage = (id: number) =>
  `<html><head><title>Monsoon kettle ${id} · Charcha</title></head><body><main><article class="discussion" id="post"><h1 class="discussion-title"><bdi>Monsoon kettle ${id}</bdi></h1></article><section class="comments"></section></main></html>`;

/** SAVED discussions titled "Monsoon kettle <n>", saved and indexed, and the worker's options for them. */
async function savedKettles(cache = new FakeCache()) {
  const records = new Map<string, SearchRecord>();
  for (let id = 1; id <= SAVED; id++) {
    const key = `${ORIGIN}/discuss/${id}`;
    const html = kettlePage(id);
    await cache.put(key, htmlPage(html, { [SAVED_AT_HEADER]: String(Date.now() - id) }));
    const record = searchRecordOf(key, html, Date.now() - id);
    if (record) records.set(key, record);
  }
  return {
    pagesCache: async () => cache.asCache(),
    savedKeys: trackedPagesCache(async () => cache.asCache()).keys,
    maxAgeMs: 60_000,
    index: {
      async put(record: SearchRecord) {
        records.set(record.key, record);
      },
      async all() {
        return [...records.values()];
      },
      async removeWhere() {},
    } satisfies SearchIndexStore,
    shell: async () => SHELL,
  };
}

const shownIds = (found: Awaited<ReturnType<typeof findOffline>>) =>
  found.hits.map((hit) => hit.discussionId);

test('offline results come RESULTS_PER_PAGE a page, at the addresses the server pages have', async () => {
  const options = await savedKettles();
  const pages = await Promise.all(
    [1, 2, 3].map((page) => findOffline(`${ORIGIN}/search?q=kettle&page=${page}`, options)),
  );
  assert.deepEqual(
    pages.map((found) => found.hits.length),
    [RESULTS_PER_PAGE, RESULTS_PER_PAGE, SAVED - 2 * RESULTS_PER_PAGE],
  );
  const everyId = pages.flatMap(shownIds);
  assert.equal(new Set(everyId).size, SAVED, 'each match on exactly one page');
  assert.ok(pages.every((found) => found.total === SAVED));

  const [first, , last] = pages.map((found) => findingsHtml(found));
  assert.match(first ?? '', /Matches 1–20 of 45\./);
  assert.match(first ?? '', /<a href="\/search\?q=kettle&amp;page=2" rel="next">More →<\/a>/);
  assert.doesNotMatch(first ?? '', /rel="prev"/);
  assert.match(last ?? '', /<ol class="search-results" start="41">/);
  assert.match(last ?? '', /<a href="\/search\?q=kettle&amp;page=2" rel="prev">← Previous page<\/a>/);
  assert.doesNotMatch(last ?? '', /rel="next"/);

  const pastTheEnd = await findOffline(`${ORIGIN}/search?q=kettle&page=4`, options);
  assert.match(findingsHtml(pastTheEnd), /No more results\./);
  for (const odd of ['0', '-1', '2.5', 'abc', '99999']) {
    const found = await findOffline(`${ORIGIN}/search?q=kettle&page=${odd}`, options);
    assert.deepEqual(
      shownIds(found),
      shownIds(pages[0] as (typeof pages)[0]),
      `page=${odd} is the first page`,
    );
  }
});

test('the streamed offline page is the whole page: shell, query and findings in its slot', async () => {
  const options = await savedKettles();
  const response = await offlineSearch(`${ORIGIN}/search?q=kettle%20%3C`, options);
  assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
  const page = await response.text();
  assert.match(page, /^<html><head><title>Search: kettle &lt; · Charcha<\/title>/);
  assert.match(page, /name="q" value="kettle &lt;"/);
  assert.match(page, /searching 45 saved discussions on this device for <strong>kettle &lt;<\/strong>/);
  assert.match(page, /<div class="offline-search" data-offline-search data-worker-timing="[a-z]+;dur=[\d.]+/);
  assert.match(page, /<\/div><\/main><\/body><\/html>$/);
  assert.equal(page.match(/class="search-result"/g)?.length, RESULTS_PER_PAGE);
});

test('a search that fails after the page has begun says so in the page', async () => {
  const options = await savedKettles();
  const failing = {
    ...options,
    index: { ...options.index, all: async () => Promise.reject(new Error('IndexedDB is gone')) },
  };
  const page = await (await offlineSearch(`${ORIGIN}/search?q=kettle`, failing)).text();
  assert.match(page, /The discussions saved on this device could not be searched/);
  assert.match(page, /<\/main><\/body><\/html>$/);
});

test('getting ready for a search indexes a page saved with no record: the search then opens no saved page', async () => {
  const cache = new FakeCache();
  const options = await savedKettles(cache);
  // Saved by an earlier worker, before pages were indexed.
  await cache.put(
    `${ORIGIN}/discuss/${SAVED + 1}`,
    htmlPage(kettlePage(SAVED + 1), { [SAVED_AT_HEADER]: String(Date.now()) }),
  );
  await prepareOfflineSearch(options);
  assert.deepEqual(cache.opened, [`${ORIGIN}/discuss/${SAVED + 1}`]);
  const found = await findOffline(`${ORIGIN}/search?q=kettle`, options);
  assert.equal(found.discussions, SAVED + 1);
  assert.equal(found.total, SAVED + 1);
  assert.deepEqual(cache.opened, [`${ORIGIN}/discuss/${SAVED + 1}`], 'nothing opened by the search');
});
