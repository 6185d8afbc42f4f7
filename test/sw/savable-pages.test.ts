import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSavablePage } from '../../sw/worker/savable-pages.ts';
import { htmlPage } from './support/fake-cache.ts';

const ORIGIN = 'https://charcha.test';
const OPTIONS = { origin: ORIGIN, offlinePage: '/offline' };

const get = (path: string, origin = ORIGIN) => new Request(`${origin}${path}`);

test('a same-origin GET answered 200 with HTML is saved', () => {
  assert.equal(isSavablePage(get('/discuss/7'), htmlPage('<p>hi</p>'), OPTIONS), true);
  assert.equal(isSavablePage(get('/'), htmlPage('<p>hi</p>'), OPTIONS), true);
});

test('pages that are not worth reading offline, or must come from the network, are never saved', () => {
  for (const path of ['/login', '/signup', '/logout', '/serviceworker.js', '/offline']) {
    assert.equal(isSavablePage(get(path), htmlPage('<p>form</p>'), OPTIONS), false, path);
  }
  assert.equal(
    isSavablePage(get('/offline-reading'), htmlPage(''), OPTIONS),
    true,
    'only the exact offline path is left out',
  );
});

test('other origins and other methods are not saved', () => {
  assert.equal(isSavablePage(get('/discuss/7', 'https://elsewhere.test'), htmlPage(''), OPTIONS), false);
  const post = new Request(`${ORIGIN}/discuss/7/comments`, { method: 'POST', body: 'body=hi' });
  assert.equal(isSavablePage(post, htmlPage(''), OPTIONS), false);
});

test('only a complete, reusable HTML answer is saved', () => {
  const request = get('/discuss/7');
  const cases: [string, Response, boolean][] = [
    ['404', new Response('<p>gone</p>', { status: 404, headers: { 'content-type': 'text/html' } }), false],
    ['206', new Response('<p>part</p>', { status: 206, headers: { 'content-type': 'text/html' } }), false],
    ['no-store', htmlPage('<p>private</p>', { 'cache-control': 'private, No-Store' }), false],
    ['no-cache is fine', htmlPage('<p>fresh</p>', { 'cache-control': 'no-cache' }), true],
    ['JSON', new Response('{}', { headers: { 'content-type': 'application/json' } }), false],
    ['no content type', new Response('<p>?</p>', { headers: { 'content-type': '' } }), false],
  ];
  for (const [name, response, savable] of cases) {
    assert.equal(isSavablePage(request, response, OPTIONS), savable, name);
  }
});

test('the end of a redirect is not saved under the URL that was asked for', () => {
  const redirected = htmlPage('<p>login</p>');
  Object.defineProperty(redirected, 'redirected', { value: true });
  assert.equal(isSavablePage(get('/discuss/7/edit'), redirected, OPTIONS), false);
  const opaque = htmlPage('');
  Object.defineProperty(opaque, 'type', { value: 'opaqueredirect' });
  assert.equal(isSavablePage(get('/discuss/7/edit'), opaque, OPTIONS), false);
});
