import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assetPaths, markSavedCopy, pageTitle, signedInUser } from '../../sw/worker/page-html.ts';

test('pageTitle drops the site suffix and decodes what the template escaped', () => {
  assert.equal(
    pageTitle('<head><title>Chai &amp; &quot;samosa&quot; · Charcha</title></head>'),
    'Chai & "samosa"',
  );
  assert.equal(pageTitle('<title>Charcha</title>'), 'Charcha', 'the home page has no suffix to drop');
  assert.equal(pageTitle('<p>no title</p>'), '');
});

test('signedInUser reads the body data-user attribute, and null when nobody is signed in', () => {
  assert.equal(signedInUser('<body class="x" data-user="asha&#39;s">'), "asha's");
  assert.equal(signedInUser('<body class="x">'), null);
  assert.equal(
    signedInUser('<body><p data-user="mallory">'),
    null,
    'an attribute elsewhere in the page is not the signed-in user',
  );
  assert.equal(signedInUser('<body x-data-user="mallory">'), null, 'nor is an attribute whose name ends so');
});

test('assetPaths lists each hashed asset once', () => {
  const html =
    '<link href="/assets/app.0123456789.css"><script src="/assets/app.abcdef0123.js"></script>' +
    '<link rel="icon" href="/assets/app.0123456789.css"><a href="/discuss/1">not an asset</a>';
  assert.deepEqual(assetPaths(html), ['/assets/app.0123456789.css', '/assets/app.abcdef0123.js']);
});

test('markSavedCopy puts the saved-at meta tag first in the head', () => {
  const savedAt = Date.UTC(2026, 11, 2, 9, 30);
  const marked = markSavedCopy('<html><head><title>t</title></head></html>', 'saved-copy', savedAt);
  assert.equal(
    marked,
    '<html><head>\n<meta name="saved-copy" content="2026-12-02T09:30:00.000Z"><title>t</title></head></html>',
  );
});
