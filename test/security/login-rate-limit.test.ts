import assert from 'node:assert/strict';
import { test } from 'node:test';
import { build, Client, createUser } from '../helpers/app.ts';

const PASSWORD = 'correct horse battery';
const ATTEMPTS = 1000;
/** The limiter counts per client address; inject lets each side of the test have its own. */
const ATTACKER_ADDRESS = '203.0.113.66';
const OWNER_ADDRESS = '198.51.100.7';

test('1,000 password guesses from one client get mostly 429s, and the owner can still log in', async (t) => {
  const { app } = await build(t, { rateLimits: true });
  await createUser(app, 'owner', PASSWORD);
  const attacker = new Client(app);
  const token = await attacker.csrfToken();
  const changes = app.db.prepare('SELECT total_changes()').pluck();
  const before = changes.get();

  const statuses: Record<number, number> = {};
  let lastRefusal = '';
  const started = performance.now();
  for (let i = 0; i < ATTEMPTS; i++) {
    // The last guess is the right password: a limiter that still let it through would hand over the account.
    const guess = i === ATTEMPTS - 1 ? PASSWORD : `guess number ${i}`;
    const response = await app.inject({
      method: 'POST',
      url: '/login',
      remoteAddress: ATTACKER_ADDRESS,
      payload: new URLSearchParams({ _csrf: token, username: 'owner', password: guess }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: attacker.cookieHeader },
    });
    statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
    if (response.statusCode === 429) lastRefusal = response.body;
  }
  const limited = statuses[429] ?? 0;
  const { max } = app.rateLimits.login || { max: Number.POSITIVE_INFINITY };
  t.diagnostic(
    `${ATTEMPTS} attempts in ${Math.round(performance.now() - started)} ms: ${JSON.stringify(statuses)} (policy: ${max} a minute)`,
  );
  assert.ok(limited >= 0.9 * ATTEMPTS, `mostly 429s, got ${limited} of ${ATTEMPTS}`);
  assert.equal(limited, ATTEMPTS - max, 'every attempt past the allowance must be refused');
  assert.equal(statuses[401], max, 'the allowed attempts were checked (and failed)');
  assert.equal(statuses[303], undefined, 'the right password must not get through once limited');
  assert.match(lastRefusal, /Too many requests\. Please wait/);
  assert.equal(changes.get(), before, 'no session was created by the attacker');

  // The owner, from their own address, is not locked out by the attacker's guessing. The limiter is
  // keyed by client address, not by account, precisely so that guessing cannot lock a person out.
  const owner = new Client(app);
  const ownerToken = await owner.csrfToken();
  const login = await app.inject({
    method: 'POST',
    url: '/login',
    remoteAddress: OWNER_ADDRESS,
    payload: new URLSearchParams({ _csrf: ownerToken, username: 'owner', password: PASSWORD }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: owner.cookieHeader },
  });
  assert.equal(login.statusCode, 303);
  assert.match(String(login.headers['set-cookie']), /sid=/);
});

test('sign-ups are rate limited per client too', async (t) => {
  const { app } = await build(t, { rateLimits: true });
  const bot = new Client(app);
  const token = await bot.csrfToken();
  const statuses: number[] = [];
  for (let i = 0; i < 12; i++) {
    const response = await app.inject({
      method: 'POST',
      url: '/signup',
      remoteAddress: ATTACKER_ADDRESS,
      // Too short to be accepted: the limiter must count attempts, not successes, and nothing is hashed.
      payload: new URLSearchParams({ _csrf: token, username: `bot${i}`, password: 'short' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: bot.cookieHeader },
    });
    statuses.push(response.statusCode);
  }
  const { max } = app.rateLimits.signup || { max: 0 };
  assert.deepEqual(
    statuses,
    Array.from({ length: 12 }, (_, i) => (i < max ? 400 : 429)),
  );
});
