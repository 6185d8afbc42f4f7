import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  describeSavedPage,
  KIND_HEADER,
  PINNED_HEADER,
  SAVED_AT_HEADER,
  SIZE_HEADER,
  USED_AT_HEADER,
} from '../../sw/shared/saved-page-metadata.ts';
import { createPageStore } from '../../sw/worker/page-store.ts';
import { FakeCache, htmlPage } from './support/fake-cache.ts';
import { discussionAt as at } from './support/fake-forum.ts';

const LIMITS = { maxEntries: 10, maxAgeMs: 60 * 60_000 };
const ROOMY = { budgetBytes: 1_000_000, wanted: new Set<string>() };

const discussion = (id: number, revision = 1) =>
  htmlPage(
    `<html><head><title>D${id} · Charcha</title></head><body><article data-discussion-revision="${revision}"></article></body></html>`,
  );

function setUp(cache = new FakeCache(), limits = LIMITS) {
  return { cache, store: createPageStore({ cache: async () => cache.asCache(), limits }) };
}

async function info(cache: FakeCache, url: string) {
  const stored = await cache.match(url);
  assert.ok(stored, `${url} is saved`);
  return describeSavedPage(url, stored);
}

/** A page saved a while ago, as the worker stores it. */
function seed(cache: FakeCache, id: number, ago: number, headers: Record<string, string> = {}) {
  const time = String(Date.now() - ago);
  return cache.seed(
    at(id),
    htmlPage('<p>saved</p>', {
      [SAVED_AT_HEADER]: time,
      [USED_AT_HEADER]: time,
      [SIZE_HEADER]: '11',
      ...headers,
    }),
  );
}

test('a copy records how it was saved, its size in bytes and the revision it shows', async () => {
  const { cache, store } = setUp();
  assert.equal(await store.saveReadAhead(at(1), Promise.resolve(discussion(1, 7)), ROOMY), 'saved');
  const saved = await info(cache, at(1));
  assert.equal(saved.kind, 'read-ahead');
  assert.equal(saved.revision, 7);
  assert.equal(saved.pinned, false);
  const body = await (await cache.match(at(1)))?.arrayBuffer();
  assert.equal(saved.size, body?.byteLength);
});

test('a page the person opened stays "opened" when read-ahead refreshes it; opening a read-ahead copy makes it so', async () => {
  const { cache, store } = setUp();
  await store.savePage(at(1), discussion(1));
  await store.saveReadAhead(at(1), Promise.resolve(discussion(1, 2)), ROOMY);
  assert.equal((await info(cache, at(1))).kind, 'opened');
  assert.equal((await info(cache, at(1))).revision, 2);

  await store.saveReadAhead(at(2), Promise.resolve(discussion(2)), ROOMY);
  await store.savePage(at(2), discussion(2));
  assert.equal((await info(cache, at(2))).kind, 'opened');
});

test('a new copy of a pinned page stays pinned, whoever saves it', async () => {
  const { cache, store } = setUp();
  await seed(cache, 1, 1000, { [PINNED_HEADER]: '1', [KIND_HEADER]: 'opened' });
  await store.saveReadAhead(at(1), Promise.resolve(discussion(1, 3)), ROOMY);
  assert.equal((await info(cache, at(1))).pinned, true);
  await store.savePage(at(1), discussion(1, 4));
  assert.deepEqual([(await info(cache, at(1))).pinned, (await info(cache, at(1))).revision], [true, 4]);
});

test('on a full origin a read-ahead copy gives up and evicts nothing', async () => {
  const { cache, store } = setUp(new FakeCache(2));
  await seed(cache, 1, 2000, { [KIND_HEADER]: 'read-ahead' });
  await seed(cache, 2, 1000, { [KIND_HEADER]: 'opened' });
  assert.equal(await store.saveReadAhead(at(3), Promise.resolve(discussion(3)), ROOMY), 'storage-full');
  assert.deepEqual(cache.urls(), [at(1), at(2)]);
});

test('on a full origin a page the person opens evicts read-ahead copies first, and never a pinned page', async () => {
  const { cache, store } = setUp(new FakeCache(4));
  await seed(cache, 1, 4000, { [KIND_HEADER]: 'opened', [PINNED_HEADER]: '1' });
  await seed(cache, 2, 3000, { [KIND_HEADER]: 'opened' });
  await seed(cache, 3, 1000, { [KIND_HEADER]: 'read-ahead' });
  await seed(cache, 4, 2000, { [KIND_HEADER]: 'read-ahead' });
  await store.savePage(at(5), discussion(5));
  // Three evictable, the first two in eviction order go: both read-ahead copies.
  assert.deepEqual(cache.urls(), [at(1), at(2), at(5)]);

  const full = setUp(new FakeCache(1));
  await seed(full.cache, 1, 1000, { [PINNED_HEADER]: '1' });
  await full.store.savePage(at(2), discussion(2));
  assert.deepEqual(full.cache.urls(), [at(1)], 'the new page is not saved rather than evict a pinned one');
});

test('the count limit leaves pinned pages out, and drops read-ahead copies before opened pages', async () => {
  const { cache, store } = setUp(new FakeCache(), { maxEntries: 2, maxAgeMs: 60 * 60_000 });
  await seed(cache, 1, 5000, { [PINNED_HEADER]: '1' });
  await seed(cache, 2, 4000, { [PINNED_HEADER]: '1' });
  await seed(cache, 3, 3000, { [KIND_HEADER]: 'opened' });
  await seed(cache, 4, 1000, { [KIND_HEADER]: 'read-ahead' });
  await store.savePage(at(5), discussion(5));
  assert.deepEqual(cache.urls(), [at(1), at(2), at(3), at(5)]);
});

test('a pinned copy is shown offline past the age limit; an unpinned one is not', async () => {
  const { cache, store } = setUp(new FakeCache(), { maxEntries: 10, maxAgeMs: 60_000 });
  await seed(cache, 1, 120_000, { [PINNED_HEADER]: '1' });
  await seed(cache, 2, 120_000);
  const background: Promise<unknown>[] = [];
  const read = (id: number) =>
    store.readSavedCopy(at(id), Promise.resolve(), (work) => background.push(work));
  assert.ok(await read(1));
  assert.equal(await read(2), undefined);
  await Promise.all(background);
  assert.deepEqual([...(await store.describeSavedPages()).keys()], [at(1)]);
});
