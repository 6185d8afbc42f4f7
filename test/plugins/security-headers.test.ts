import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { App } from '../../app/app.ts';
import { build, Client, logInAs } from '../helpers/app.ts';
import { routePaths } from '../helpers/routes.ts';

function directives(header: string | string[] | number | undefined): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of String(header ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

/** The GET routes the app serves, with ids filled in; wildcards (assets, 404) are left out. */
function pageUrls(app: App, ids: { discussionId: number; commentId: number; username: string }): string[] {
  const urls = new Set<string>();
  for (const path of routePaths(app, 'GET')) {
    if (path.includes('*')) continue;
    urls.add(
      path
        .replace(/^\/discuss\/:id/, `/discuss/${ids.discussionId}`)
        .replace(/^\/comments\/:id/, `/comments/${ids.commentId}`)
        .replace(':username', ids.username),
    );
  }
  return [...urls, '/discuss/999999', '/no/such/page'];
}

test('every response carries a CSP that forbids inline scripts, framing and plugins; pages carry the document headers too', async (t) => {
  const { app } = await build(t);
  const asha = await logInAs(app, 'asha');
  const discussionId = await asha.startDiscussion('Headers', 'text');
  const commentId = await asha.comment(discussionId, 'a comment');
  const urls = pageUrls(app, { discussionId, commentId, username: 'asha' });
  assert.ok(urls.length >= 12, urls.join(', '));
  for (const url of urls) {
    const response = await asha.get(url);
    assert.ok(response.statusCode < 500, `${url}: ${response.statusCode}`);
    const csp = directives(response.headers['content-security-policy']);
    assert.deepEqual(csp.get('default-src'), ["'self'"], url);
    assert.deepEqual(csp.get('script-src'), ["'self'"], `${url}: scripts only from this site`);
    assert.deepEqual(csp.get('object-src'), ["'none'"], url);
    assert.deepEqual(csp.get('frame-ancestors'), ["'none'"], url);
    assert.deepEqual(csp.get('base-uri'), ["'self'"], url);
    assert.deepEqual(csp.get('form-action'), ["'self'"], url);
    assert.doesNotMatch(
      String(response.headers['content-security-policy']),
      /unsafe-inline|unsafe-eval/,
      url,
    );
    assert.equal(response.headers['x-content-type-options'], 'nosniff', url);
    assert.equal(response.headers['cross-origin-resource-policy'], 'same-origin', url);
    assert.ok(response.headers['referrer-policy'], url);
    const isDocument = String(response.headers['content-type']).startsWith('text/html');
    const documentOnly = {
      'x-frame-options': 'SAMEORIGIN',
      'cross-origin-opener-policy': 'same-origin',
      'origin-agent-cluster': '?1',
    };
    for (const [name, value] of Object.entries(documentOnly))
      assert.equal(response.headers[name], isDocument ? value : undefined, `${url}: ${name}`);
  }
});

test('a 304 repeats no security headers: the stored response keeps its own', async (t) => {
  const { app } = await build(t);
  const visitor = new Client(app);
  await visitor.csrfToken();
  for (const url of ['/', '/serviceworker.js']) {
    const first = await visitor.get(url);
    assert.ok(first.headers['content-security-policy'], url);
    const again = await visitor.get(url, { 'if-none-match': String(first.headers.etag) });
    assert.equal(again.statusCode, 304, url);
    assert.equal(again.headers['content-security-policy'], undefined, url);
    assert.equal(again.headers.etag, first.headers.etag, url);
  }
});

test('pages need no inline script or style, so the CSP breaks nothing', async (t) => {
  const { app } = await build(t);
  const asha = await logInAs(app, 'asha');
  const discussionId = await asha.startDiscussion('Inline', 'text');
  const commentId = await asha.comment(discussionId, 'a comment');
  const visitor = new Client(app);
  for (const client of [asha, visitor]) {
    for (const url of pageUrls(app, { discussionId, commentId, username: 'asha' })) {
      const response = await client.get(url);
      if (!String(response.headers['content-type']).startsWith('text/html')) continue;
      const html = response.body;
      assert.doesNotMatch(html, /<script(?![^>]*\ssrc=)[^>]*>/, `${url}: inline <script>`);
      assert.doesNotMatch(html, /<[^>]+\son[a-z]+\s*=/i, `${url}: inline event handler`);
      assert.doesNotMatch(html, /<[^>]+\sstyle\s*=/i, `${url}: style attribute`);
      assert.doesNotMatch(html, /<style[\s>]/i, `${url}: <style> element`);
      assert.doesNotMatch(html, /href="javascript:/i, url);
      for (const src of html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g))
        assert.match(src[1] ?? '', /^\/(?!\/)/, `${url}: scripts come from this site`);
    }
  }
});

test('without HTTPS termination no HSTS is sent on loopback', async (t) => {
  const { app } = await build(t);
  const response = await app.inject('/');
  assert.equal(response.headers['strict-transport-security'], undefined);
});

test('an address refused before routing (a broken %-escape, an overlong segment) carries the security headers too', async (t) => {
  const { app } = await build(t);
  const malformed = ['/discuss/%E0%A4%A', '/%zz', '/u/%ZZ', `/discuss/${'1'.repeat(200)}`];
  for (const url of malformed) {
    for (const accept of ['text/html', 'application/json']) {
      const response = await app.inject({ url, headers: { accept } });
      assert.ok(response.statusCode === 400 || response.statusCode === 414, `${url}: ${response.statusCode}`);
      const csp = directives(response.headers['content-security-policy']);
      assert.deepEqual(csp.get('default-src'), ["'self'"], `${url} (${accept})`);
      assert.deepEqual(csp.get('frame-ancestors'), ["'none'"], `${url} (${accept})`);
      assert.equal(response.headers['x-content-type-options'], 'nosniff', `${url} (${accept})`);
      assert.equal(response.headers['cross-origin-resource-policy'], 'same-origin', `${url} (${accept})`);
    }
  }
});
