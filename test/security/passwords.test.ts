import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { test } from 'node:test';
import { MAX_BODY_BYTES } from '../../app/config.ts';
import { HttpClient } from '../stress/support/http-client.ts';
import { ServerProcess } from '../stress/support/server-process.ts';

/** Distinctive enough that finding it anywhere means it leaked, with characters that change when encoded. */
const PASSWORD = 'Zebra-lamp 7f3a9c ünïcode+&=';
const WRONG = 'Wrong-guess 0b1c2d ärger+&=';

/** Every form the secret could take in a log line or a page: raw, percent-encoded, form-encoded, JSON-escaped. */
function spellings(secret: string): string[] {
  return [
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ p: secret }).toString().slice(2),
    JSON.stringify(secret).slice(1, -1),
    secret.split(' ')[0] ?? secret,
  ];
}

test('passwords are never logged (even at LOG_LEVEL=trace) nor echoed back, on success or failure', async (t) => {
  const server = await ServerProcess.start({ env: { LOG_LEVEL: 'trace', RATE_LIMITS: 'off' } });
  t.after(async () => {
    await server.stop();
    rmSync(server.dataDir, { recursive: true, force: true });
  });
  const seen: string[] = [];
  const record = async (response: Response) => {
    seen.push(JSON.stringify([...response.headers]), await response.text());
    return response;
  };

  const form = new HttpClient(server.url);
  assert.equal(
    (await record(await form.post('/signup', { username: 'owner', password: PASSWORD }))).status,
    303,
  );
  await record(await form.post('/logout', {}));
  assert.equal((await record(await form.post('/login', { username: 'owner', password: WRONG }))).status, 401);
  assert.equal(
    (await record(await form.post('/login', { username: 'nobody', password: WRONG }))).status,
    401,
  );
  assert.equal(
    (await record(await form.post('/login', { username: 'owner', password: PASSWORD }))).status,
    303,
  );

  const stranger = new HttpClient(server.url);
  // Refusals that re-render the form must keep the username but never the password.
  await record(await stranger.post('/signup', { username: 'owner', password: WRONG }));
  await record(await stranger.post('/signup', { username: 'bad name!', password: WRONG }));
  await record(await stranger.post('/signup', { username: 'shorty', password: 'short' }));
  await record(
    await stranger.post('/signup', { username: 'longpw', password: `${WRONG}${'x'.repeat(300)}` }),
  );
  await record(
    await stranger.post('/login', { username: 'owner', password: WRONG }, { accept: 'application/json' }),
  );
  await record(
    await stranger.post('/login', { username: 'owner', password: WRONG, extra: 'x'.repeat(MAX_BODY_BYTES) }),
  );
  const token = await stranger.refreshToken();
  for (const body of [
    `{"username":"owner","password":"${WRONG}"`,
    JSON.stringify({ username: 'owner', password: WRONG }),
    JSON.stringify({ username: 'owner', password: [WRONG] }),
  ]) {
    const response = await fetch(`${server.url}/login`, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'x-csrf-token': token,
        cookie: stranger.cookieHeader,
      },
    });
    await record(response);
  }

  const log = server.log;
  assert.match(log, /"msg":"incoming request"/, 'the trace log must have been captured');
  assert.match(log, /\/login/);
  assert.ok(log.split('\n').length > 20, 'the log should hold every request');
  for (const secret of [PASSWORD, WRONG]) {
    for (const spelling of spellings(secret)) {
      assert.ok(!log.includes(spelling), `the log contains a password (${spelling})`);
      for (const text of seen)
        assert.ok(!text.includes(spelling), `a response echoed a password (${spelling})`);
    }
  }
  t.diagnostic(`${seen.length / 2} responses and ${log.split('\n').length} log lines checked`);
});
