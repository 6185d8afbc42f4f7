import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { SESSION_TTL_MS } from '../../app/domain/limits.ts';
import { openDatabase } from '../../db/connection.ts';
import { OTHER_WRITERS_POLL_MS } from '../../db/version.ts';
import { build, Client, createUser, logInAs } from '../helpers/app.ts';
import { count } from '../helpers/data.ts';

function sessionCookie(setCookie: string | string[] | undefined): string {
  const line = [setCookie ?? []].flat().find((l) => l.startsWith('sid='));
  if (!line) throw new Error(`no session cookie in ${String(setCookie)}`);
  return line;
}
const tokenOf = (line: string) => line.slice('sid='.length, line.indexOf(';'));
const whoAmI = async (client: Client) => (await client.get('/')).body.match(/<body data-user="([^"]+)"/)?.[1];

test('the session cookie is HttpOnly, SameSite=Lax, site-wide, and lasts as long as the session', async (t) => {
  const { app } = await build(t);
  await createUser(app, 'asha');
  const response = await new Client(app).logIn('asha');
  const line = sessionCookie(response.headers['set-cookie']);
  assert.match(line, /; HttpOnly/);
  assert.match(line, /; SameSite=Lax/);
  assert.match(line, /; Path=\//);
  assert.match(line, new RegExp(`; Max-Age=${SESSION_TTL_MS / 1000}`));
  assert.doesNotMatch(line, /; Secure/, 'plain HTTP on loopback in development');
  assert.match(tokenOf(line), /^[\w-]{43}$/, '32 random bytes');
});

test('in production the session cookie is also Secure', async (t) => {
  const { app } = await build(t, { production: true });
  await createUser(app, 'asha');
  const line = sessionCookie((await new Client(app).logIn('asha')).headers['set-cookie']);
  assert.match(line, /; Secure/);
  assert.match(line, /; HttpOnly/);
});

test('the database keeps only a hash of the session token', async (t) => {
  const { app } = await build(t);
  await createUser(app, 'asha');
  const token = tokenOf(sessionCookie((await new Client(app).logIn('asha')).headers['set-cookie']));
  const stored = app.db.prepare('SELECT token_hash FROM sessions').pluck().all();
  assert.deepEqual(stored, [createHash('sha256').update(token).digest('base64url')]);
  assert.equal(count(app, 'SELECT count(*) FROM sessions WHERE token_hash = ?', token), 0);
});

test('login issues a new session id, so a planted one is useless (no fixation)', async (t) => {
  const { app } = await build(t);
  await createUser(app, 'asha');
  await createUser(app, 'mallory');
  const planted = tokenOf(sessionCookie((await new Client(app).logIn('mallory')).headers['set-cookie']));

  // Asha's browser carries the attacker's session cookie when she logs in.
  const asha = new Client(app);
  await asha.csrfToken();
  const login = await asha.post(
    '/login',
    { username: 'asha', password: 'correct horse battery' },
    {
      cookie: `sid=${planted}; ${asha.cookieHeader}`,
    },
  );
  assert.equal(login.statusCode, 303);
  const issued = tokenOf(sessionCookie(login.headers['set-cookie']));
  assert.notEqual(issued, planted);
  const withPlanted = await app.inject({ url: '/', headers: { cookie: `sid=${planted}` } });
  assert.doesNotMatch(withPlanted.body, /data-user="asha"/, 'the planted id is not logged in as asha');
  assert.equal(await whoAmI(asha), 'asha');
});

test('logging in again replaces the old session on the server', async (t) => {
  const { app } = await build(t);
  await createUser(app, 'asha');
  const asha = new Client(app);
  const first = tokenOf(sessionCookie((await asha.logIn('asha')).headers['set-cookie']));
  const second = tokenOf(sessionCookie((await asha.logIn('asha')).headers['set-cookie']));
  assert.notEqual(first, second);
  const old = await app.inject({ url: '/', headers: { cookie: `sid=${first}` } });
  assert.doesNotMatch(old.body, /data-user=/);
  assert.equal(count(app, 'SELECT count(*) FROM sessions'), 1);
});

test('logout ends the session on the server: a copy of the old cookie no longer works', async (t) => {
  const { app } = await build(t);
  const asha = await logInAs(app, 'asha');
  const copiedCookies = asha.cookieHeader;
  const token = await asha.csrfToken();
  const logout = await asha.logOut();
  assert.match(sessionCookie(logout.headers['set-cookie']), /^sid=;.*Expires=Thu, 01 Jan 1970/);
  assert.equal(count(app, 'SELECT count(*) FROM sessions'), 0);

  const replay = await app.inject({ url: '/', headers: { cookie: copiedCookies } });
  assert.doesNotMatch(replay.body, /data-user=/);
  const write = await app.inject({
    method: 'POST',
    url: '/submit',
    payload: new URLSearchParams({ _csrf: token, title: 'After logout', url: '', text: 'x' }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: copiedCookies },
  });
  assert.equal(write.statusCode, 401);
  assert.equal(count(app, 'SELECT count(*) FROM posts'), 0);
});

test('an expired session is not accepted', async (t) => {
  const { app } = await build(t);
  const asha = await logInAs(app, 'asha');
  assert.equal(await whoAmI(asha), 'asha');
  app.db.prepare('UPDATE sessions SET expires_at = ?').run(Date.now() - 1);
  assert.equal(await whoAmI(asha), undefined);
});

test('a made-up session cookie is simply a visitor', async (t) => {
  const { app } = await build(t);
  const response = await app.inject({ url: '/', headers: { cookie: 'sid=forged-token' } });
  assert.equal(response.statusCode, 200);
  assert.doesNotMatch(response.body, /data-user=/);
});

test('a session ended by another process is refused for writing at once, and for reading within the poll interval', async (t) => {
  const { app, databasePath } = await build(t);
  const asha = await logInAs(app, 'asha');
  const token = await asha.csrfToken();
  assert.equal(await whoAmI(asha), 'asha');

  // An operator's script on the same file, not through this server.
  const script = openDatabase(databasePath);
  script.prepare('DELETE FROM sessions').run();
  script.close();

  const write = await asha.post('/submit', { _csrf: token, title: 'After revocation', url: '', text: 'x' });
  assert.equal(write.statusCode, 401);
  assert.equal(count(app, 'SELECT count(*) FROM posts'), 0);
  await sleep(OTHER_WRITERS_POLL_MS);
  assert.equal(await whoAmI(asha), undefined);
});
