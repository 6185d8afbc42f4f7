import assert from 'node:assert/strict';
import { test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { EncodedBody, negotiateEncoding } from '../app/encoding.ts';

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
  for (const body of [new EncodedBody(html, 'page'), EncodedBody.ahead(html)]) {
    assert.deepEqual(brotliDecompressSync(body.as('br')), html);
    assert.deepEqual(gunzipSync(body.as('gzip')), html);
    assert.ok(body.as('br').length < html.length / 10, 'brotli shrinks repetitive markup');
    assert.equal(body.as('identity'), html);
  }
});

test('a page body is compressed only in the encodings asked for, once each', () => {
  const html = Buffer.from('<p>A comment</p>\n'.repeat(1000));
  const body = new EncodedBody(html, 'page');
  assert.equal(body.size, html.length, 'nothing compressed before a client asks');
  const br = body.as('br');
  assert.equal(body.as('br'), br, 'kept, not compressed again');
  assert.equal(body.size, html.length + br.length);
  assert.equal(EncodedBody.ahead(html).size > html.length + br.length, true, 'static bodies hold both');
});
