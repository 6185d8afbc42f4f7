import assert from 'node:assert/strict';
import { test } from 'node:test';
import { build, Client, logInAs } from '../helpers/app.ts';
import { deviceKeys } from './support.ts';

const ENDPOINT = 'http://127.0.0.1:9999/push/device-1';

async function setup(t: Parameters<typeof build>[0]) {
  const { app } = await build(t, { pushTestEndpoints: 'loopback' });
  const person = await logInAs(app, 'reader');
  const endpoints = () => app.repositories.pushSubscriptions.endpointsOf(person.id);
  const changes = app.db.prepare('SELECT total_changes()').pluck();
  return { app, person, endpoints, changes };
}

test('GET /push/key gives the VAPID public key', async (t) => {
  const { app } = await build(t);
  const response = await app.inject('/push/key');
  assert.equal(response.statusCode, 200);
  assert.match(response.json<{ publicKey: string }>().publicKey, /^[\w-]{87}$/);
});

test('a subscription is kept per device, and DELETE forgets only that one', async (t) => {
  const { app, person, endpoints } = await setup(t);
  const first = await person.postJson('/push/subscriptions', { endpoint: ENDPOINT, keys: deviceKeys() });
  assert.equal(first.statusCode, 200, first.body);
  assert.deepEqual(first.json(), { subscribed: true });
  const second = `${ENDPOINT}-phone`;
  await person.postJson('/push/subscriptions', { endpoint: second, keys: deviceKeys() });
  await person.postJson('/push/subscriptions', { endpoint: ENDPOINT, keys: deviceKeys() });
  assert.deepEqual(endpoints(), [ENDPOINT, second]);
  const removed = await app.inject({
    method: 'DELETE',
    url: '/push/subscriptions',
    payload: { endpoint: ENDPOINT },
    headers: {
      accept: 'application/json',
      'x-csrf-token': await person.csrfToken(),
      cookie: person.cookieHeader,
    },
  });
  assert.equal(removed.statusCode, 200, removed.body);
  assert.deepEqual(endpoints(), [second]);
});

test('bad input is refused with 400 and changes nothing', async (t) => {
  const { app, person, changes } = await setup(t);
  const before = changes.get();
  for (const body of [
    { endpoint: ENDPOINT },
    { endpoint: ENDPOINT, keys: { p256dh: 'short', auth: 'x' } },
    { endpoint: ENDPOINT, keys: { ...deviceKeys(), p256dh: 'A'.repeat(87) } },
    { endpoint: 'https://127.0.0.1/x', keys: deviceKeys() },
    { endpoint: 'https://169.254.169.254/latest', keys: deviceKeys() },
    { endpoint: 'https://[::1]/x', keys: deviceKeys() },
    { endpoint: 'https://10.0.0.1/x', keys: deviceKeys() },
    { endpoint: 'http://push.example.com/x', keys: deviceKeys() },
    { endpoint: 42, keys: deviceKeys() },
  ]) {
    const response = await person.postJson('/push/subscriptions', body);
    assert.equal(response.statusCode, 400, JSON.stringify(body));
    assert.ok(response.json<{ error: string }>().error.length > 10);
  }
  const malformed = await app.inject({
    method: 'POST',
    url: '/push/subscriptions',
    payload: '{"endpoint": ',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      'x-csrf-token': await person.csrfToken(),
      cookie: person.cookieHeader,
    },
  });
  assert.equal(malformed.statusCode, 400);
  assert.equal(changes.get(), before);
});

test('loopback endpoints are refused unless PUSH_TEST_ENDPOINTS=loopback', async (t) => {
  const { app } = await build(t);
  const person = await logInAs(app, 'reader');
  const response = await person.postJson('/push/subscriptions', { endpoint: ENDPOINT, keys: deviceKeys() });
  assert.equal(response.statusCode, 400);
  assert.deepEqual(app.repositories.pushSubscriptions.endpointsOf(person.id), []);
});

test('no CSRF token: 403; logged out: 401; nothing kept', async (t) => {
  const { app, person, endpoints } = await setup(t);
  const tokenless = await person.postJson(
    '/push/subscriptions',
    { endpoint: ENDPOINT, keys: deviceKeys() },
    { 'x-csrf-token': '' },
  );
  assert.equal(tokenless.statusCode, 403);
  const stranger = new Client(app);
  const loggedOut = await stranger.postJson('/push/subscriptions', {
    endpoint: ENDPOINT,
    keys: deviceKeys(),
  });
  assert.equal(loggedOut.statusCode, 401);
  assert.deepEqual(endpoints(), []);
});

test('logging out with this device’s endpoint removes its subscription, and only it', async (t) => {
  const { person, endpoints } = await setup(t);
  await person.postJson('/push/subscriptions', { endpoint: ENDPOINT, keys: deviceKeys() });
  await person.postJson('/push/subscriptions', { endpoint: `${ENDPOINT}-phone`, keys: deviceKeys() });
  const response = await person.post('/logout', { endpoint: ENDPOINT });
  assert.equal(response.statusCode, 303);
  assert.deepEqual(endpoints(), [`${ENDPOINT}-phone`]);
});

test('an endpoint subscribed by the next person on a shared computer moves to them', async (t) => {
  const { app, person, endpoints } = await setup(t);
  await person.postJson('/push/subscriptions', { endpoint: ENDPOINT, keys: deviceKeys() });
  const next = await logInAs(app, 'next_person');
  await next.postJson('/push/subscriptions', { endpoint: ENDPOINT, keys: deviceKeys() });
  assert.deepEqual(endpoints(), []);
  assert.deepEqual(app.repositories.pushSubscriptions.endpointsOf(next.id), [ENDPOINT]);
});
