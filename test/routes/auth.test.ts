import assert from 'node:assert/strict';
import { test } from 'node:test';
import { build, Client, createUser } from '../helpers/app.ts';
import { count } from '../helpers/data.ts';
import { errorMessage, fieldValue } from '../helpers/html.ts';

const loggedInAs = (html: string) => html.match(/<body data-user="([^"]+)"/)?.[1];

test('a person signs up, is logged in, logs out and logs in again', async (t) => {
  const { app } = await build(t);
  const asha = new Client(app);
  const signUp = await asha.post('/signup', { username: 'asha', password: 'a long enough password' });
  assert.equal(signUp.statusCode, 303);
  assert.equal(signUp.headers.location, '/#welcome');
  assert.equal(loggedInAs((await asha.get('/')).body), 'asha');
  assert.match((await asha.get('/')).body, /<button type="submit" class="link-button">Log out<\/button>/);

  assert.equal((await asha.post('/logout', {})).statusCode, 303);
  const home = (await asha.get('/')).body;
  assert.equal(loggedInAs(home), undefined);
  assert.match(home, /<a href="\/login\?next=%2F">Log in<\/a>/);

  const logIn = await asha.post('/login', { username: 'asha', password: 'a long enough password' });
  assert.equal(logIn.statusCode, 303);
  assert.equal(loggedInAs((await asha.get('/')).body), 'asha');
});

test('the stored password is a salted scrypt hash, never the password', async (t) => {
  const { app } = await build(t);
  await new Client(app).signUp('asha', 'a long enough password');
  const stored = String(
    app.db.prepare("SELECT password_hash FROM users WHERE username = 'asha'").pluck().get(),
  );
  assert.match(stored, /^scrypt\$65536\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
  assert.doesNotMatch(stored, /long enough/);
});

test('a taken username is refused whatever its case, with a clear message and nothing written', async (t) => {
  const { app } = await build(t);
  await createUser(app, 'asha');
  const secret = 'another-Secret-9f3';
  const response = await new Client(app).post('/signup', { username: 'ASHA', password: secret });
  assert.equal(response.statusCode, 409);
  assert.equal(errorMessage(response.body), 'The username "ASHA" is taken. Please choose another.');
  assert.equal(fieldValue(response.body, 'username'), 'ASHA', 'the username is kept');
  assert.doesNotMatch(response.body, new RegExp(secret), 'the password is not echoed');
  assert.equal(count(app, 'SELECT count(*) FROM users'), 1);
  assert.doesNotMatch(String(response.headers['set-cookie'] ?? ''), /\bsid=/, 'no session');
});

test('a too-short password is refused with the rule, and not echoed back', async (t) => {
  const { app } = await build(t);
  const response = await new Client(app).post('/signup', { username: 'asha', password: 'Zq9-sh' });
  assert.equal(response.statusCode, 400);
  assert.equal(errorMessage(response.body), 'Password must be at least 8 characters.');
  assert.equal(fieldValue(response.body, 'username'), 'asha');
  assert.doesNotMatch(response.body, /Zq9-sh/);
  assert.equal(count(app, 'SELECT count(*) FROM users'), 0);
});

test('usernames are letters, digits, "_" and "-", 3 to 30 characters', async (t) => {
  const { app } = await build(t);
  const visitor = new Client(app);
  const cases: [string, string][] = [
    ['a b', 'Username may use letters, digits, "_" and "-" only.'],
    ['<script>', 'Username may use letters, digits, "_" and "-" only.'],
    ['ab', 'Username must be at least 3 characters.'],
    ['x'.repeat(31), 'Username must be at most 30 characters.'],
  ];
  for (const [username, message] of cases) {
    const response = await visitor.post('/signup', { username, password: 'long enough password' });
    assert.equal(response.statusCode, 400, username);
    assert.equal(errorMessage(response.body), message, username);
  }
  const missing = await visitor.post('/signup', { password: 'long enough password' });
  assert.equal(errorMessage(missing.body), 'Username is required.');
  assert.equal(count(app, 'SELECT count(*) FROM users'), 0);
});

test('a wrong password and an unknown user get the same clear message, without the password', async (t) => {
  const { app } = await build(t);
  await createUser(app, 'asha');
  const visitor = new Client(app);
  for (const username of ['asha', 'nobody']) {
    const response = await visitor.post('/login', { username, password: 'Wrong-Guess-71x' });
    assert.equal(response.statusCode, 401, username);
    assert.equal(errorMessage(response.body), 'Wrong username or password.');
    assert.equal(fieldValue(response.body, 'username'), username);
    assert.doesNotMatch(response.body, /Wrong-Guess-71x/);
    assert.doesNotMatch(String(response.headers['set-cookie'] ?? ''), /\bsid=/, 'no session');
  }
  assert.equal(count(app, 'SELECT count(*) FROM sessions'), 0);
});

test('login returns to a same-site page it came from, never to another site', async (t) => {
  const { app } = await build(t);
  await createUser(app, 'asha');
  const form = await new Client(app).get('/login?next=%2Fdiscuss%2F5');
  assert.equal(fieldValue(form.body, 'next'), '/discuss/5');
  const cases: [string, string][] = [
    ['/discuss/5', '/discuss/5'],
    ['//evil.example/', '/'],
    ['https://evil.example/', '/'],
    ['/\\evil.example', '/'],
  ];
  for (const [next, location] of cases) {
    const response = await new Client(app).post('/login', {
      username: 'asha',
      password: 'correct horse battery',
      next,
    });
    assert.equal(response.headers.location, location, next);
  }
});

test('JSON clients get a status and {error} for bad input, and JSON on success', async (t) => {
  const { app } = await build(t);
  await createUser(app, 'asha');
  const script = new Client(app);
  const short = await script.postJson('/signup', { username: 'bilal', password: 'short' });
  assert.equal(short.statusCode, 400);
  assert.deepEqual(short.json(), { error: 'Password must be at least 8 characters.' });
  const taken = await script.postJson('/signup', { username: 'Asha', password: 'long enough password' });
  assert.equal(taken.statusCode, 409);
  assert.deepEqual(taken.json(), { error: 'The username "Asha" is taken. Please choose another.' });
  const wrong = await script.postJson('/login', { username: 'asha', password: 'not the password' });
  assert.equal(wrong.statusCode, 401);
  assert.deepEqual(wrong.json(), { error: 'Wrong username or password.' });
  const right = await script.postJson('/login', { username: 'asha', password: 'correct horse battery' });
  assert.deepEqual(right.json(), { username: 'asha' });
  const logout = await script.postJson('/logout', {});
  assert.deepEqual(logout.json(), { ok: true });
});

test('the forms have visible labels and the right autocomplete hints', async (t) => {
  const { app } = await build(t);
  const visitor = new Client(app);
  const signup = (await visitor.get('/signup')).body;
  assert.match(signup, /<label for="username">Username<\/label>/);
  assert.match(signup, /<label for="password">Password<\/label>/);
  assert.match(signup, /autocomplete="new-password"/);
  assert.match((await visitor.get('/login')).body, /autocomplete="current-password"/);
});
