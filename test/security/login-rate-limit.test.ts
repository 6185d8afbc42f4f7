import assert from 'node:assert/strict';
import { test } from 'node:test';
import { build, Client, createUser, postForm } from '../helpers/app.ts';

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
  const fromAttacker = { cookie: attacker.cookieHeader, remoteAddress: ATTACKER_ADDRESS };
  const changes = app.db.prepare('SELECT total_changes()').pluck();
  const before = changes.get();

  const statuses: Record<number, number> = {};
  let lastRefusal = '';
  const started = performance.now();
  for (let i = 0; i < ATTEMPTS; i++) {
    // The last guess is the right password: a limiter that still let it through would hand over the account.
    const guess = i === ATTEMPTS - 1 ? PASSWORD : `guess number ${i}`;
    const attempt = { _csrf: token, username: 'owner', password: guess };
    const response = await postForm(app, '/login', attempt, fromAttacker);
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
  const fields = { _csrf: await owner.csrfToken(), username: 'owner', password: PASSWORD };
  const login = await postForm(app, '/login', fields, {
    cookie: owner.cookieHeader,
    remoteAddress: OWNER_ADDRESS,
  });
  assert.equal(login.statusCode, 303);
  assert.match(String(login.headers['set-cookie']), /sid=/);
});

test('sign-ups are rate limited per client too', async (t) => {
  const { app } = await build(t, { rateLimits: true });
  const bot = new Client(app);
  const token = await bot.csrfToken();
  const fromBot = { cookie: bot.cookieHeader, remoteAddress: ATTACKER_ADDRESS };
  const statuses: number[] = [];
  for (let i = 0; i < 12; i++) {
    // Too short to be accepted: the limiter must count attempts, not successes, and nothing is hashed.
    const attempt = { _csrf: token, username: `bot${i}`, password: 'short' };
    const response = await postForm(app, '/signup', attempt, fromBot);
    statuses.push(response.statusCode);
  }
  const { max } = app.rateLimits.signup || { max: 0 };
  assert.deepEqual(
    statuses,
    Array.from({ length: 12 }, (_, i) => (i < max ? 400 : 429)),
  );
});
