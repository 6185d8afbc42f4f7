import assert from 'node:assert/strict';
import { test } from 'node:test';
import { build, Client, createUser, logInAs } from '../helpers/app.ts';
import { count } from '../helpers/data.ts';
import { errorMessage } from '../helpers/html.ts';

/** Sends `times` cheap refused requests (they still count), each of which must be answered `status`. */
async function spend(
  client: Client,
  url: string,
  fields: Record<string, string>,
  times: number,
  status: number,
) {
  const token = await client.csrfToken();
  const statuses: number[] = [];
  for (let i = 0; i < times; i++)
    statuses.push((await client.post(url, { ...fields, _csrf: token })).statusCode);
  assert.deepEqual(statuses, Array(times).fill(status));
}

function assertSlowDownPage(response: {
  statusCode: number;
  body: string;
  headers: Record<string, unknown>;
}) {
  assert.equal(response.statusCode, 429);
  assert.match(response.body, /<h1>Slow down<\/h1>/);
  assert.match(
    errorMessage(response.body) ?? '',
    /^Too many requests\. Please wait \d+ \w+ and try again\.$/,
  );
  assert.ok(Number(response.headers['retry-after']) > 0, 'Retry-After says when to come back');
}

test('login allows 10 tries a minute, then answers with a clear 429 page', async (t) => {
  const { app } = await build(t, { rateLimits: true });
  await createUser(app, 'asha');
  const guesser = new Client(app);
  await spend(guesser, '/login', { username: 'asha', password: 'x' }, 10, 401);
  const blocked = await guesser.post('/login', { username: 'asha', password: 'correct horse battery' });
  assertSlowDownPage(blocked);
  assert.match(errorMessage(blocked.body) ?? '', /1 minute/);
  assert.equal(count(app, 'SELECT count(*) FROM sessions'), 0, 'even the right password waits');
  assert.equal((await guesser.get('/login')).statusCode, 200, 'reading is not limited');
  const json = await guesser.postJson('/login', { username: 'asha', password: 'x' });
  assert.equal(json.statusCode, 429);
  assert.match((json.json() as { error: string }).error, /^Too many requests/);
});

test('sign-up allows 5 accounts an hour from one address', async (t) => {
  const { app } = await build(t, { rateLimits: true });
  const script = new Client(app);
  await spend(script, '/signup', { username: 'bot', password: 'short' }, 5, 400);
  const blocked = await script.post('/signup', { username: 'bot6', password: 'long enough password' });
  assertSlowDownPage(blocked);
  assert.match(errorMessage(blocked.body) ?? '', /1 hour/);
  assert.equal(count(app, 'SELECT count(*) FROM users'), 0);
});

test('writing allows 60 requests a minute, then 429 and nothing written', async (t) => {
  const { app } = await build(t, { rateLimits: true });
  const asha = await logInAs(app, 'asha');
  await spend(asha, '/submit', { title: '', url: '', text: 'no title' }, 60, 400);
  assertSlowDownPage(await asha.post('/submit', { title: 'Now valid', url: '', text: 'but too late' }));
  assert.equal(count(app, 'SELECT count(*) FROM posts'), 0);
});

test('the write limit is one budget across routes, not 60 per route', async (t) => {
  const { app } = await build(t, { rateLimits: true });
  const asha = await logInAs(app, 'asha');
  await spend(asha, '/submit', { title: '', url: '', text: 'no title' }, 60, 400);
  assertSlowDownPage(await asha.post('/discuss/1/comments', { body: 'Spilling over to another route.' }));
  assert.equal(count(app, 'SELECT count(*) FROM comments'), 0);
});

test('with rate limits off (RATE_LIMITS=off) the same burst is accepted', async (t) => {
  const { app } = await build(t, { rateLimits: false });
  const guesser = new Client(app);
  await spend(guesser, '/login', { username: 'asha', password: 'x' }, 12, 401);
});
