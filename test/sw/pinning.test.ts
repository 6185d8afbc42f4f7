import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  describeSavedPage,
  KIND_HEADER,
  PINNED_HEADER,
  SAVED_AT_HEADER,
  USED_AT_HEADER,
} from '../../sw/shared/saved-page-metadata.ts';
import { createPageStore } from '../../sw/worker/page-store.ts';
import { answerPin } from '../../sw/worker/pin-requests.ts';
import { MAX_PINNED_PAGES, writePin } from '../../sw/worker/pinning.ts';
import { FakeCache, htmlPage } from './support/fake-cache.ts';
import { discussionAt as at, ORIGIN } from './support/fake-forum.ts';

function seed(cache: FakeCache, id: number, { ago = 1000, pinned = false, user = '' } = {}) {
  const time = String(Date.now() - ago);
  return cache.seed(
    at(id),
    htmlPage(`<p>discussion ${id}</p>`, {
      [SAVED_AT_HEADER]: time,
      [USED_AT_HEADER]: time,
      [KIND_HEADER]: 'opened',
      ...(pinned ? { [PINNED_HEADER]: '1' } : {}),
      ...(user ? { 'x-charcha-user': user } : {}),
    }),
  );
}

const pinnedIn = async (cache: FakeCache, id: number) => {
  const saved = await cache.match(at(id));
  return saved ? describeSavedPage(at(id), saved).pinned : undefined;
};

test('pinning keeps the copy as it was, body and saved time, and only adds the pin', async () => {
  const cache = new FakeCache();
  await seed(cache, 1, { ago: 5000 });
  const before = await cache.match(at(1));
  assert.equal(await writePin(cache.asCache(), at(1), true, 10), 'pinned');
  const after = await cache.match(at(1));
  assert.equal(await after?.text(), await before?.text());
  assert.equal(after?.headers.get(SAVED_AT_HEADER), before?.headers.get(SAVED_AT_HEADER));
  assert.equal(await pinnedIn(cache, 1), true);
  assert.equal(await writePin(cache.asCache(), at(1), false, 10), 'unpinned');
  assert.equal(await pinnedIn(cache, 1), false);
});

test('pins have their own limit: at the limit a new pin is refused, an old one stays pinned', async () => {
  const cache = new FakeCache();
  await seed(cache, 1, { pinned: true });
  await seed(cache, 2, { pinned: true });
  await seed(cache, 3);
  assert.equal(await writePin(cache.asCache(), at(3), true, 2), 'limit');
  assert.equal(await pinnedIn(cache, 3), false);
  assert.equal(await writePin(cache.asCache(), at(2), true, 2), 'pinned', 'pinning again is no new pin');
  assert.equal(await writePin(cache.asCache(), at(1), false, 2), 'unpinned');
  assert.equal(await writePin(cache.asCache(), at(3), true, 2), 'pinned');
  assert.equal(MAX_PINNED_PAGES, 100);
});

test('a page with no saved copy cannot be pinned until it is saved', async () => {
  const cache = new FakeCache();
  assert.equal(await writePin(cache.asCache(), at(1), true, 10), 'missing');
  assert.equal(await writePin(cache.asCache(), at(1), false, 10), 'unpinned');
  assert.deepEqual(cache.urls(), []);
});

test('unpinning puts a page back under the count limit at once', async () => {
  const cache = new FakeCache();
  const pages = createPageStore({
    cache: async () => cache.asCache(),
    limits: { maxEntries: 1, maxAgeMs: 3600_000 },
  });
  await seed(cache, 1, { ago: 3000, pinned: true });
  await seed(cache, 2, { ago: 1000 });
  assert.equal(await pages.setPinned(at(1), false), 'unpinned');
  assert.deepEqual(cache.urls(), [at(2)]);
});

test('answerPin saves a discussion that has no copy yet, then pins it; it says when that cannot be done', async () => {
  const cache = new FakeCache();
  const pages = createPageStore({
    cache: async () => cache.asCache(),
    limits: { maxEntries: 10, maxAgeMs: 3600_000 },
  });
  const fetched: string[] = [];
  const online = {
    origin: ORIGIN,
    pages,
    saveDiscussion: async (path: string) => {
      fetched.push(path);
      await pages.savePage(`${ORIGIN}${path}`, htmlPage('<html><head><title>T</title></head></html>'));
    },
  };
  assert.deepEqual(await answerPin('/discuss/4', true, online), {
    type: 'pin-result',
    pinned: true,
    refused: undefined,
    limit: MAX_PINNED_PAGES,
  });
  assert.deepEqual(fetched, ['/discuss/4']);
  assert.equal(await pinnedIn(cache, 4), true);
  assert.equal((await answerPin('/discuss/4', false, online)).pinned, false);

  const offline = { ...online, saveDiscussion: () => Promise.reject(new TypeError('Failed to fetch')) };
  assert.equal((await answerPin('/discuss/5', true, offline)).refused, 'unavailable');
  assert.equal(
    (await answerPin('/u/asha', true, online)).refused,
    'unavailable',
    'only discussions are pinned',
  );
  assert.deepEqual(fetched, ['/discuss/4']);
});

test('a logout removes pinned pages that show the person, and keeps the others', async () => {
  const cache = new FakeCache();
  const pages = createPageStore({
    cache: async () => cache.asCache(),
    limits: { maxEntries: 10, maxAgeMs: 3600_000 },
  });
  await seed(cache, 1, { pinned: true, user: 'asha' });
  await seed(cache, 2, { pinned: true });
  assert.equal(await pages.forgetSignedInPages(), 1);
  assert.deepEqual(cache.urls(), [at(2)]);
});
