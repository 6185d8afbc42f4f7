import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SAVED_AT_HEADER, USED_AT_HEADER } from '../../sw/shared/saved-page-metadata.ts';
import { isExpired, putEvictingOnQuota, trimPages } from '../../sw/worker/expiration.ts';
import { FakeCache, htmlPage } from './support/fake-cache.ts';

const NOW = Date.UTC(2026, 11, 2);
const MINUTE = 60_000;
const url = (name: string) => `https://charcha.test/discuss/${name}`;

/** A saved page `savedAgo` ms old, last read `usedAgo` ms ago. */
function seedPage(cache: FakeCache, name: string, savedAgo: number, usedAgo = savedAgo): Promise<void> {
  return cache.seed(
    url(name),
    htmlPage(`<p>${name}</p>`, {
      [SAVED_AT_HEADER]: String(NOW - savedAgo),
      [USED_AT_HEADER]: String(NOW - usedAgo),
    }),
  );
}

test('isExpired: a page is shown up to the age limit and not a moment after', () => {
  const limits = { maxEntries: 10, maxAgeMs: 5 * MINUTE };
  assert.equal(isExpired(NOW - 5 * MINUTE, limits, NOW), false);
  assert.equal(isExpired(NOW - 5 * MINUTE - 1, limits, NOW), true);
  assert.equal(isExpired(Number.NaN, limits, NOW), true, 'a copy without a readable time is not trusted');
});

test('trimPages drops expired pages, then the least recently used beyond the count', async () => {
  const cache = new FakeCache();
  await seedPage(cache, 'expired', 20 * MINUTE, 0);
  await seedPage(cache, 'read-long-ago', 3 * MINUTE, 3 * MINUTE);
  await seedPage(cache, 'read-just-now', 4 * MINUTE, 0);
  await seedPage(cache, 'saved-recently', MINUTE, MINUTE);
  await trimPages(cache.asCache(), { maxEntries: 2, maxAgeMs: 10 * MINUTE }, NOW);
  assert.deepEqual(cache.urls(), [url('read-just-now'), url('saved-recently')]);
});

test('trimPages ranks a page never read by when it was saved', async () => {
  const cache = new FakeCache();
  await cache.seed(url('old'), htmlPage('', { [SAVED_AT_HEADER]: String(NOW - 2 * MINUTE) }));
  await cache.seed(url('new'), htmlPage('', { [SAVED_AT_HEADER]: String(NOW - MINUTE) }));
  await trimPages(cache.asCache(), { maxEntries: 1, maxAgeMs: 10 * MINUTE }, NOW);
  assert.deepEqual(cache.urls(), [url('new')]);
});

test('putEvictingOnQuota makes room by evicting the least recently used half, then stores', async () => {
  const cache = new FakeCache(4);
  await seedPage(cache, 'a', 4 * MINUTE);
  await seedPage(cache, 'b', 3 * MINUTE);
  await seedPage(cache, 'c', 2 * MINUTE);
  await seedPage(cache, 'd', MINUTE);
  const stored = await putEvictingOnQuota(cache.asCache(), url('e'), () => htmlPage('<p>e</p>'));
  assert.equal(stored, true);
  assert.deepEqual(cache.urls(), [url('c'), url('d'), url('e')]);
});

test('putEvictingOnQuota gives up, with an empty cache, when the page can never fit', async () => {
  const cache = new FakeCache(0);
  const stored = await putEvictingOnQuota(cache.asCache(), url('huge'), () => htmlPage('<p>huge</p>'));
  assert.equal(stored, false);
  assert.deepEqual(cache.urls(), []);
});

test('putEvictingOnQuota replaces an entry in place and leaves other errors to the caller', async () => {
  const full = new FakeCache(1);
  await seedPage(full, 'a', MINUTE);
  assert.equal(await putEvictingOnQuota(full.asCache(), url('a'), () => htmlPage('<p>new a</p>')), true);
  assert.equal(await (await full.match(url('a')))?.text(), '<p>new a</p>');

  const broken = new FakeCache();
  await seedPage(broken, 'a', MINUTE);
  broken.put = async () => {
    throw new TypeError('not a quota problem');
  };
  await assert.rejects(
    putEvictingOnQuota(broken.asCache(), url('b'), () => htmlPage('')),
    TypeError,
  );
  assert.deepEqual(broken.urls(), [url('a')], 'nothing was evicted for it');
});

test('putEvictingOnQuota ranks and evicts the pages it stored without opening them', async () => {
  // Chromium's in-memory Cache Storage goes on counting an entry deleted while open against the
  // quota: an eviction that opened its victims to read their metadata freed nothing.
  const cache = new FakeCache(2);
  const page = (name: string, savedAgo: number) => () =>
    htmlPage(`<p>${name}</p>`, {
      [SAVED_AT_HEADER]: String(NOW - savedAgo),
      [USED_AT_HEADER]: String(NOW - savedAgo),
    });
  await putEvictingOnQuota(cache.asCache(), url('older'), page('older', 2 * MINUTE));
  await putEvictingOnQuota(cache.asCache(), url('newer'), page('newer', MINUTE));
  assert.equal(await putEvictingOnQuota(cache.asCache(), url('new'), page('new', 0)), true);
  assert.deepEqual(cache.urls(), [url('new'), url('newer')]);
  assert.deepEqual(cache.opened, [], 'no saved entry was opened');
});
