import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SAVED_COPY_META } from '../../sw/shared/saved-copy-meta.ts';
import {
  describeSavedPage,
  MARKED_HEADER,
  SAVED_AT_HEADER,
  USED_AT_HEADER,
} from '../../sw/shared/saved-page-metadata.ts';
import { createPageStore } from '../../sw/worker/page-store.ts';
import { FakeCache, htmlPage } from './support/fake-cache.ts';

const ORIGIN = 'https://charcha.test';
const LIMITS = { maxEntries: 10, maxAgeMs: 60 * 60_000 };

function page(title: string, { user, assets = [] }: { user?: string; assets?: string[] } = {}): Response {
  const links = assets.map((path) => `<link rel="stylesheet" href="${path}">`).join('');
  const body = user === undefined ? '<body>' : `<body data-user="${user}">`;
  return htmlPage(`<html><head><title>${title} · Charcha</title>${links}</head>${body}<main></main></html>`, {
    'content-length': '999',
  });
}

function setUp(limits = LIMITS) {
  const cache = new FakeCache();
  const store = createPageStore({ cache: async () => cache.asCache(), limits });
  const background: Promise<unknown>[] = [];
  const inBackground = (work: Promise<unknown>) => background.push(work);
  return { cache, store, background, inBackground };
}

test('a saved page comes back marked as a saved copy, with what the offline page lists', async () => {
  const { store, inBackground } = setUp();
  const before = Date.now();
  await store.savePage(`${ORIGIN}/discuss/7#c12`, page('Chai &amp; samosa', { user: 'asha' }));

  const saved = await store.readSavedCopy(`${ORIGIN}/discuss/7`, Promise.resolve(), inBackground);
  assert.ok(saved, 'found under the URL without its fragment');
  const info = describeSavedPage(`${ORIGIN}/discuss/7`, saved);
  assert.equal(info.path, '/discuss/7');
  assert.equal(info.title, 'Chai & samosa');
  assert.equal(info.user, 'asha');
  assert.ok(info.savedAt >= before && info.savedAt <= Date.now());
  assert.equal(saved.headers.get('content-length'), null, 'the stored body is not what the server sent');
  const html = await saved.text();
  const marked = html.match(new RegExp(`<meta name="${SAVED_COPY_META}" content="([^"]+)">`));
  assert.equal(marked?.[1], new Date(info.savedAt).toISOString());
});

test('savePage stores nothing when the copy to save turns out to be nothing', async () => {
  const { cache, store } = setUp();
  await store.savePage(`${ORIGIN}/discuss/7`, Promise.resolve(undefined));
  assert.deepEqual(cache.urls(), []);
});

test('reading a saved copy records the use once the page has been shown', async () => {
  const { cache, store, background, inBackground } = setUp();
  const longAgo = String(Date.now() - 10 * 60_000);
  await cache.seed(
    `${ORIGIN}/discuss/7`,
    htmlPage('<html><head></head></html>', {
      [SAVED_AT_HEADER]: longAgo,
      [USED_AT_HEADER]: longAgo,
      [MARKED_HEADER]: '1',
    }),
  );
  let show = () => {};
  const shown = new Promise<void>((resolve) => {
    show = resolve;
  });
  const before = Date.now();
  await store.readSavedCopy(`${ORIGIN}/discuss/7`, shown, inBackground);
  const usedAt = async () => Number((await cache.match(`${ORIGIN}/discuss/7`))?.headers.get(USED_AT_HEADER));
  assert.equal(await usedAt(), Number(longAgo), 'not while the page is still rendering');
  show();
  await Promise.all(background);
  assert.ok((await usedAt()) >= before);
});

test('a copy older than the age limit is not shown, and goes', async () => {
  const { cache, store, background, inBackground } = setUp({ maxEntries: 10, maxAgeMs: 60_000 });
  await cache.seed(
    `${ORIGIN}/discuss/7`,
    htmlPage('<p>old</p>', { [SAVED_AT_HEADER]: String(Date.now() - 2 * 60_000) }),
  );
  assert.equal(await store.readSavedCopy(`${ORIGIN}/discuss/7`, Promise.resolve(), inBackground), undefined);
  await Promise.all(background);
  assert.deepEqual(cache.urls(), []);
});

test('a copy saved by an earlier worker, unmarked, is marked with its saved time when shown', async () => {
  const { store, cache, inBackground } = setUp();
  const savedAt = Date.now() - 60_000;
  await cache.seed(
    `${ORIGIN}/discuss/7`,
    htmlPage('<html><head><title>t</title></head></html>', { [SAVED_AT_HEADER]: String(savedAt) }),
  );
  const saved = await store.readSavedCopy(`${ORIGIN}/discuss/7`, Promise.resolve(), inBackground);
  assert.match(
    (await saved?.text()) ?? '',
    new RegExp(`<head>\\n<meta name="${SAVED_COPY_META}" content="${new Date(savedAt).toISOString()}">`),
  );
});

test('forgetSignedInPages removes every page rendered for someone, including one still being saved', async () => {
  const { cache, store } = setUp();
  await store.savePage(`${ORIGIN}/`, page('Home'));
  await store.savePage(`${ORIGIN}/discuss/1`, page('One', { user: 'asha' }));
  let finishFetch = (_response: Response) => {};
  const stillFetching = new Promise<Response>((resolve) => {
    finishFetch = resolve;
  });
  const inFlight = store.savePage(`${ORIGIN}/discuss/2`, stillFetching);

  const forgetting = store.forgetSignedInPages();
  finishFetch(page('Two', { user: 'asha' }));
  await inFlight;
  assert.equal(await forgetting, 2);
  assert.deepEqual(cache.urls(), [`${ORIGIN}/`]);
});

test('saving beyond the count limit drops the least recently used page', async () => {
  const { cache, store } = setUp({ maxEntries: 2, maxAgeMs: 60 * 60_000 });
  for (const id of [1, 2, 3]) {
    await store.savePage(`${ORIGIN}/discuss/${id}`, page(`Discussion ${id}`));
    // Saved-at times are in milliseconds: keep them apart so the order is the saving order.
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  assert.deepEqual(cache.urls(), [`${ORIGIN}/discuss/2`, `${ORIGIN}/discuss/3`]);
});

test('assetsNeededBySavedPages lists the assets of every saved page once', async () => {
  const { store } = setUp();
  await store.savePage(`${ORIGIN}/`, page('Home', { assets: ['/assets/app.1111111111.css'] }));
  await store.savePage(
    `${ORIGIN}/discuss/1`,
    page('One', { assets: ['/assets/app.1111111111.css', '/assets/app.2222222222.js'] }),
  );
  await store.savePage(`${ORIGIN}/discuss/2`, page('Two'));
  assert.deepEqual([...(await store.assetsNeededBySavedPages())].sort(), [
    '/assets/app.1111111111.css',
    '/assets/app.2222222222.js',
  ]);
});
