import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { DIST_DIR } from '../../app/plugins/assets.ts';
import { build, Client, logInAs } from '../helpers/app.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const TYPES: Record<string, RegExp> = {
  css: /^text\/css/,
  js: /^(text|application)\/javascript/,
  svg: /^image\/svg\+xml/,
  png: /^image\/png$/,
  webmanifest: /^application\/manifest\+json/,
};

test('every built asset has a content hash in its name and is cached for a year, immutable', async (t) => {
  const { app } = await build(t);
  const names = Object.keys(app.assets);
  for (const required of ['app.css', 'app.js', 'icon.svg', 'app.webmanifest'])
    assert.ok(names.includes(required));
  for (const [name, url] of Object.entries(app.assets)) {
    const extension = name.split('.').pop() ?? '';
    assert.match(
      url,
      new RegExp(`^/assets/${name.replace(/\.[^.]+$/, '')}\\.[0-9a-f]{10}\\.${extension}$`),
      name,
    );
    const response = await app.inject(url);
    assert.equal(response.statusCode, 200, url);
    assert.equal(response.headers['cache-control'], IMMUTABLE, url);
    assert.match(String(response.headers['content-type']), TYPES[extension] ?? /./, url);
    assert.ok(response.rawPayload.length > 0, url);
  }
});

test('text assets are sent compressed as the browser asks, and decompress to the built file', async (t) => {
  const { app } = await build(t);
  for (const name of ['app.css', 'app.js', 'icon.svg', 'app.webmanifest']) {
    const url = app.assetUrl(name);
    const built = readFileSync(join(DIST_DIR, url));
    const decoders = { br: brotliDecompressSync, gzip: gunzipSync };
    for (const [encoding, decode] of Object.entries(decoders)) {
      const response = await app.inject({ url, headers: { 'accept-encoding': encoding } });
      assert.equal(response.headers['content-encoding'], encoding, `${url} as ${encoding}`);
      assert.match(String(response.headers.vary), /Accept-Encoding/, url);
      assert.deepEqual(decode(response.rawPayload), built, `${url} as ${encoding}`);
    }
    const plain = await app.inject({ url });
    assert.equal(plain.headers['content-encoding'], undefined, url);
    assert.deepEqual(plain.rawPayload, built, url);
  }
  const icon = await app.inject({ url: app.assetUrl('icon-192.png'), headers: { 'accept-encoding': 'br' } });
  assert.equal(icon.headers['content-encoding'], undefined, 'PNGs are compressed already');
});

test('pages refer to assets by their hashed URLs from the manifest', async (t) => {
  const { app } = await build(t);
  const page = (await app.inject('/')).body;
  assert.ok(page.includes(`<link rel="stylesheet" href="${app.assetUrl('app.css')}">`));
  assert.ok(page.includes(`<script src="${app.assetUrl('app.js')}" defer></script>`));
  assert.ok(page.includes(`<link rel="manifest" href="${app.assetUrl('app.webmanifest')}">`));
  assert.doesNotMatch(page, /href="\/assets\/app\.css"/, 'never the unhashed name');
});

test('an unknown asset is a 404 that is not cached forever', async (t) => {
  const { app } = await build(t);
  const response = await app.inject('/assets/app.0000000000.css');
  assert.equal(response.statusCode, 404);
  assert.notEqual(response.headers['cache-control'], IMMUTABLE);
});

test('pages are no-cache with an ETag, and a repeat request gets 304 until the page changes', async (t) => {
  const { app } = await build(t);
  const asha = await logInAs(app, 'asha');
  const discussionId = await asha.startDiscussion('Cached', 'text');
  const visitor = new Client(app);
  // A browser's very first page creates its CSRF secret cookie; revalidation starts from the next one.
  await visitor.csrfToken();
  for (const client of [visitor, asha]) {
    for (const url of ['/', '/new', `/discuss/${discussionId}`, '/u/asha', '/login']) {
      const first = await client.get(url);
      assert.equal(first.statusCode, 200, url);
      assert.equal(first.headers['cache-control'], 'no-cache', url);
      const etag = String(first.headers.etag ?? '');
      assert.match(etag, /^(W\/)?"[^"]+"$/, url);
      const again = await client.get(url, { 'if-none-match': etag });
      assert.equal(again.statusCode, 304, url);
      assert.equal(again.body, '', url);
      assert.equal(again.headers['cache-control'], 'no-cache', url);
      assert.equal(again.headers.vary, first.headers.vary, url);
      assert.equal(again.headers['content-type'], undefined, `${url}: a 304 has no type`);
      assert.equal(again.headers['content-length'], undefined, `${url}: nor a length of its own`);
      assert.notEqual(
        (await client.get(url, { 'if-none-match': 'W/"something-else"' })).statusCode,
        304,
        `${url} with another ETag`,
      );
    }
  }

  const before = await visitor.get(`/discuss/${discussionId}`);
  await asha.comment(discussionId, 'a change');
  const after = await visitor.get(`/discuss/${discussionId}`, {
    'if-none-match': String(before.headers.etag),
  });
  assert.equal(after.statusCode, 200, 'a new comment changes the page');
  assert.match(after.body, /a change/);
  assert.notEqual(after.headers.etag, before.headers.etag);
});

test("one person's page is never answered with another person's ETag", async (t) => {
  const { app } = await build(t);
  const asha = await logInAs(app, 'asha');
  const bilal = await logInAs(app, 'bilal');
  const discussionId = await asha.startDiscussion('Personal', 'text');
  const ashas = await asha.get(`/discuss/${discussionId}`);
  const bilals = await bilal.get(`/discuss/${discussionId}`, { 'if-none-match': String(ashas.headers.etag) });
  assert.equal(bilals.statusCode, 200);
  assert.match(bilals.body, /data-user="bilal"/);
  assert.match(String(ashas.headers.vary), /Cookie/i);
});
