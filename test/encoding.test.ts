import assert from 'node:assert/strict';
import { test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { encodeBody, negotiateEncoding } from '../app/encoding.ts';

test('the encoding is the client’s most preferred of brotli and gzip, and nothing it refuses', () => {
  const cases: [string | undefined, string][] = [
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
    ['GZIP', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['gzip;q=0.8, br;q=0.2', 'gzip'],
    ['br;q=0.5, gzip;q=0.5', 'br'],
    ['*', 'br'],
    ['*, br;q=0', 'gzip'],
    ['identity', 'identity'],
    ['gzip;q=0, br;q=0', 'identity'],
    ['deflate', 'identity'],
    ['gzip;q=nonsense', 'identity'],
    ['', 'identity'],
    [undefined, 'identity'],
  ];
  for (const [header, expected] of cases) assert.equal(negotiateEncoding(header), expected, String(header));
});

test('an encoded body decompresses to the original, for pages and static files alike', () => {
  const html = Buffer.from('<li class="comment">Namaste, दुनिया</li>\n'.repeat(500));
  for (const effort of ['page', 'static'] as const) {
    const body = encodeBody(html, effort);
    assert.deepEqual(brotliDecompressSync(body.br), html, effort);
    assert.deepEqual(gunzipSync(body.gzip), html, effort);
    assert.ok(body.br.length < html.length / 10, `${effort}: brotli shrinks repetitive markup`);
    assert.equal(body.identity, html);
  }
});
