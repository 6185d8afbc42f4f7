import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { build, Client, createUser, postForm } from '../helpers/app.ts';

const PASSWORD = 'correct horse battery';

function sidFrom(setCookie: string | string[] | undefined): string | undefined {
  const line = [setCookie ?? []].flat().find((c) => c.startsWith('sid='));
  return line?.split(';')[0]?.slice('sid='.length);
}

/** Who the server thinks a bare sid cookie belongs to. */
async function whoIs(app: Awaited<ReturnType<typeof build>>['app'], sid: string) {
  const response = await app.inject({ method: 'GET', url: '/session', headers: { cookie: `sid=${sid}` } });
  return response.json<{ username: string | null }>().username;
}

test('a session id planted before login is replaced at login and stops working (no session fixation)', async (t) => {
  const { app } = await build(t);
  await createUser(app, 'victim', PASSWORD);
  await createUser(app, 'attacker', PASSWORD);

  // The attacker's own, valid session, planted in the victim's browser (e.g. through a sibling subdomain).
  const attacker = new Client(app);
  const attackerLogin = await attacker.post('/login', { username: 'attacker', password: PASSWORD });
  const planted = sidFrom(attackerLogin.headers['set-cookie']);
  assert.ok(planted);

  for (const plantedSid of [planted, 'chosen-by-the-attacker-0123456789']) {
    const victim = new Client(app);
    const fields = { _csrf: await victim.csrfToken(), username: 'victim', password: PASSWORD };
    const login = await postForm(app, '/login', fields, {
      cookie: `${victim.cookieHeader}; sid=${plantedSid}`,
    });
    assert.equal(login.statusCode, 303);
    const issued = sidFrom(login.headers['set-cookie']);
    assert.ok(issued, 'login must issue its own session cookie');
    assert.notEqual(issued, plantedSid);
    assert.equal(await whoIs(app, issued), 'victim');
    assert.equal(await whoIs(app, plantedSid), null, 'the planted id must not carry the login');
  }
});

test('sign-up also issues a fresh session id, whatever cookie the browser had', async (t) => {
  const { app } = await build(t);
  const visitor = new Client(app);
  const fields = { _csrf: await visitor.csrfToken(), username: 'newcomer', password: PASSWORD };
  const response = await postForm(app, '/signup', fields, { cookie: `${visitor.cookieHeader}; sid=planted` });
  assert.equal(response.statusCode, 303);
  const issued = sidFrom(response.headers['set-cookie']);
  assert.ok(issued && issued !== 'planted');
  assert.equal(await whoIs(app, 'planted'), null);
});

test('logout ends the session on the server: a copied cookie is worthless afterwards', async (t) => {
  const { app } = await build(t);
  await createUser(app, 'reader', PASSWORD);
  const reader = new Client(app);
  const login = await reader.post('/login', { username: 'reader', password: PASSWORD });
  const sid = sidFrom(login.headers['set-cookie']);
  assert.ok(sid);
  const copied = `sid=${sid}`;
  assert.equal(await whoIs(app, sid), 'reader');

  const logout = await reader.post('/logout', {});
  assert.equal(logout.statusCode, 303);
  assert.equal(await whoIs(app, sid), null);
  const rows = app.db.prepare(
    "SELECT count(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = 'reader'",
  );
  assert.equal(rows.pluck().get(), 0);

  // Replaying the copied cookie with a fresh CSRF pair still gets nothing done as the reader.
  const thief = new Client(app);
  const fields = { _csrf: await thief.csrfToken(), title: 'As the reader', text: 'x' };
  const replay = await postForm(app, '/submit', fields, { cookie: `${thief.cookieHeader}; ${copied}` });
  assert.equal(replay.statusCode, 401);
  assert.equal(app.db.prepare('SELECT count(*) FROM posts').pluck().get(), 0);
});

test('the session cookie is HttpOnly, SameSite=Lax, Secure in production, and only its hash is stored', async (t) => {
  for (const production of [false, true]) {
    const { app } = await build(t, { production });
    await createUser(app, 'reader', PASSWORD);
    const client = new Client(app);
    const response = await client.post('/login', { username: 'reader', password: PASSWORD });
    const cookie = [response.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('sid=')) ?? '';
    assert.match(cookie, /HttpOnly/i);
    assert.match(cookie, /SameSite=Lax/i);
    if (production) assert.match(cookie, /Secure/i);
    const sid = sidFrom(cookie) ?? '';
    assert.ok(sid.length >= 40, 'a session id needs at least 32 random bytes');
    const stored = app.db.prepare('SELECT token_hash FROM sessions').pluck().all() as string[];
    assert.ok(!stored.includes(sid), 'the raw session id must not be stored');
    assert.ok(stored.includes(createHash('sha256').update(sid).digest('base64url')));
  }
});
