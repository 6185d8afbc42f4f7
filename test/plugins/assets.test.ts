import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { DIST_DIR } from '../../app/plugins/assets.ts';
import { build } from '../helpers/app.ts';

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
