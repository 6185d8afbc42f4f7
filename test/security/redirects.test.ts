import assert from 'node:assert/strict';
import { test } from 'node:test';
import { safeRedirectTarget } from '../../app/http.ts';
import { build, Client, createUser } from '../helpers/app.ts';
import { count } from '../helpers/data.ts';
import { fieldValue } from '../helpers/html.ts';

/** Where inject() addresses its requests; a Location must resolve back onto it. */
const ORIGIN = 'http://localhost';

/**
 * `next` values as the server receives them once the form is decoded: ways off the site (some only
 * after a browser drops a tab or reads a backslash as a slash, or after a proxy decodes an
 * escape), header injections, and text no header can carry as is.
 */
const HOSTILE_NEXT = [
  '//evil.example/',
  'https://evil.example/',
  'http:/evil.example',
  'http:evil.example',
  '/\\evil.example',
  '\\\\evil.example',
  '/\\/evil.example',
  '/\t/evil.example/x',
  '\t//evil.example',
  ' //evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  '/\r\nSet-Cookie: sid=planted',
  '/%0d%0aSet-Cookie:%20sid=planted',
  '/%09/evil.example/x',
  '/%2F%2Fevil.example',
  '/%2f/evil.example',
  '/%5Cevil.example',
  '/.//evil.example',
  '/a/../..//evil.example',
  '///evil.example',
  '//%09evil.example',
  '/..%2f..%2f/evil.example',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  `${ORIGIN}/discuss/1`,
  '/\u0000',
  '/\u007f',
  '/\u0085',
  '/%',
  '/%E0%A4',
  '/क',
  '/discuss/1?q=हिंदी',
  '/discuss/1#क',
  '/\u202e/lapyap',
  '/\u2028/evil.example',
  '/\u3000/evil.example',
  '/\uff0f\uff0fevil.example',
  '/ÿ',
  '/€',
  '/😀',
  '/@evil.example',
  '/discuss/1?next=//evil.example',
  '/ /evil.example',
  `/${'x'.repeat(3000)}`,
  '',
];

/** Exactly what a few of them become: the ways off the site go home, what is kept is encoded. */
const EXPECTED: [string, string][] = [
  ['/\t/evil.example/x', '/'],
  ['/%2F%2Fevil.example', '/'],
  ['/.//evil.example', '/'],
  ['/\r\nSet-Cookie: sid=planted', '/'],
  ['/क', '/%E0%A4%95'],
  ['/discuss/1?q=हिंदी', '/discuss/1?q=%E0%A4%B9%E0%A4%BF%E0%A4%82%E0%A4%A6%E0%A5%80'],
  ['/discuss/5#c7', '/discuss/5#c7'],
  ['/search?q=a+b', '/search?q=a+b'],
];

function assertStaysOnSite(location: unknown, next: string) {
  assert.equal(typeof location, 'string', JSON.stringify(next));
  const target = String(location);
  assert.match(target, /^\/(?![/\\])[\x21-\x7e]*$/, `${JSON.stringify(next)} → ${target}`);
  assert.equal(new URL(target, ORIGIN).origin, ORIGIN, `${JSON.stringify(next)} → ${target}`);
}

test('safeRedirectTarget keeps a same-site path, encoded, and sends everything else home', () => {
  assert.ok(HOSTILE_NEXT.length >= 40);
  for (const next of HOSTILE_NEXT) assertStaysOnSite(safeRedirectTarget(next, '/'), next);
  for (const [next, target] of EXPECTED) assert.equal(safeRedirectTarget(next, '/'), target, next);
});

test('a right password logs in and stays on the site, whatever next holds', async (t) => {
  const { app } = await build(t);
  await createUser(app, 'asha');
  for (const next of HOSTILE_NEXT) {
    const response = await new Client(app).post('/login', {
      username: 'asha',
      password: 'correct horse battery',
      next,
    });
    assert.equal(response.statusCode, 303, `${JSON.stringify(next)}: ${response.body.slice(0, 200)}`);
    assertStaysOnSite(response.headers.location, next);
    assert.match(String(response.headers['set-cookie']), /\bsid=/, `${JSON.stringify(next)}: session`);
  }
});

test('a sign-up creates the account and logs it in, whatever next holds', async (t) => {
  const { app } = await build(t);
  for (const [index, next] of HOSTILE_NEXT.entries()) {
    const username = `person${index}`;
    const visitor = new Client(app);
    const response = await visitor.post('/signup', { username, password: 'correct horse battery', next });
    assert.equal(response.statusCode, 303, `${JSON.stringify(next)}: ${response.body.slice(0, 200)}`);
    assertStaysOnSite(response.headers.location, next);
    assert.equal(count(app, 'SELECT count(*) FROM users WHERE username = ?', username), 1);
    const session = await visitor.get('/session', { accept: 'application/json' });
    assert.equal(session.json().username, username, `${JSON.stringify(next)}: logged in`);
  }
});

test('the login form carries on only a next it would follow', async (t) => {
  const { app } = await build(t);
  const kept = await new Client(app).get(`/login?next=${encodeURIComponent('/discuss/1?q=हिंदी')}`);
  assert.equal(fieldValue(kept.body, 'next'), safeRedirectTarget('/discuss/1?q=हिंदी', ''));
  assert.match(String(fieldValue(kept.body, 'next')), /^\/discuss\/1\?q=%E0%A4%B9/);
  for (const next of ['//evil.example/', '/\t/evil.example', `/${'x'.repeat(3000)}`]) {
    const page = await new Client(app).get(`/login?next=${encodeURIComponent(next)}`);
    assert.equal(page.statusCode, 200, next);
    assert.equal(fieldValue(page.body, 'next'), '', next);
  }
});
