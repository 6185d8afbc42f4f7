import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PINNED_HEADER, SAVED_AT_HEADER } from '../../sw/shared/saved-page-metadata.ts';
import { createPageStore } from '../../sw/worker/page-store.ts';
import { readableOffline } from '../../sw/worker/readable-offline.ts';
import { FakeCache, htmlPage } from './support/fake-cache.ts';

const ORIGIN = 'https://charcha.test';
const HOUR = 3600_000;

test('a listing shown offline learns which of its discussions the worker would show', async () => {
  const cache = new FakeCache();
  const saved = (id: number, ago: number, headers: Record<string, string> = {}) =>
    cache.seed(
      `${ORIGIN}/discuss/${id}`,
      htmlPage('<p>saved</p>', { [SAVED_AT_HEADER]: String(Date.now() - ago), ...headers }),
    );
  await saved(1, HOUR);
  await saved(2, 3 * HOUR);
  await saved(3, 3 * HOUR, { [PINNED_HEADER]: '1' });
  const pages = createPageStore({
    cache: async () => cache.asCache(),
    limits: { maxEntries: 10, maxAgeMs: 2 * HOUR },
  });
  const asked = ['/discuss/1', '/discuss/2', '/discuss/3', '/discuss/4', 42];
  assert.deepEqual(await readableOffline(asked, ORIGIN, pages), ['/discuss/1', '/discuss/3']);
});
