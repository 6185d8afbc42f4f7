import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ASSETS_CACHE, PAGES_CACHE, PRECACHE_PREFIX } from '../../sw/shared/cache-names.ts';
import { removeOutdatedCaches } from '../../sw/worker/remove-outdated-caches.ts';
import { FakeCacheStorage } from './support/fake-cache.ts';

const ORIGIN = 'https://charcha.test';
const OLD = `${PRECACHE_PREFIX}old`;
const CURRENT = `${PRECACHE_PREFIX}current`;
const asset = (name: string) => `${ORIGIN}/assets/${name}`;

async function fill(storage: FakeCacheStorage, name: string, urls: string[]): Promise<void> {
  for (const url of urls) await storage.opened(name).seed(url, new Response(`/* ${url} */`));
}

test('at activate, old precaches go but the assets saved pages still need move to the assets cache', async () => {
  const storage = new FakeCacheStorage();
  await fill(storage, OLD, [
    asset('old.1.css'),
    asset('unused.2.js'),
    asset('shared.3.svg'),
    `${ORIGIN}/offline`,
  ]);
  await fill(storage, `${PRECACHE_PREFIX}older`, [asset('older.4.css')]);
  await fill(storage, CURRENT, [asset('new.5.css'), asset('shared.3.svg')]);
  await fill(storage, PAGES_CACHE, [`${ORIGIN}/discuss/1`]);

  await removeOutdatedCaches(storage.asCacheStorage(), {
    precache: CURRENT,
    precachedPaths: new Set(['/assets/new.5.css', '/assets/shared.3.svg']),
    neededBySavedPages: new Set(['/assets/old.1.css', '/assets/older.4.css', '/assets/shared.3.svg']),
  });

  assert.deepEqual((await storage.keys()).sort(), [ASSETS_CACHE, CURRENT, PAGES_CACHE].sort());
  assert.deepEqual(
    storage.opened(ASSETS_CACHE).urls(),
    [asset('old.1.css'), asset('older.4.css')],
    'kept: what saved pages need and the current precache does not hold',
  );
  assert.equal(
    await (await storage.opened(ASSETS_CACHE).match(asset('old.1.css')))?.text(),
    `/* ${asset('old.1.css')} */`,
  );
  assert.deepEqual(storage.opened(CURRENT).urls(), [asset('new.5.css'), asset('shared.3.svg')]);
  assert.deepEqual(storage.opened(PAGES_CACHE).urls(), [`${ORIGIN}/discuss/1`]);
});

test('assets kept for pages that have since gone, or now precached again, leave the assets cache', async () => {
  const storage = new FakeCacheStorage();
  await fill(storage, CURRENT, [asset('back.1.css')]);
  await fill(storage, ASSETS_CACHE, [asset('back.1.css'), asset('orphan.2.css'), asset('needed.3.css')]);

  await removeOutdatedCaches(storage.asCacheStorage(), {
    precache: CURRENT,
    precachedPaths: new Set(['/assets/back.1.css']),
    neededBySavedPages: new Set(['/assets/back.1.css', '/assets/needed.3.css']),
  });

  assert.deepEqual(storage.opened(ASSETS_CACHE).urls(), [asset('needed.3.css')]);
  assert.deepEqual(storage.opened(CURRENT).urls(), [asset('back.1.css')]);
});
