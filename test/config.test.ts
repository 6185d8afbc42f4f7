import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import { ConfigError, loadConfig } from '../app/config.ts';
import { CONNECTION_DEFAULTS } from '../app/network-config.ts';

const ROOT = join(import.meta.dirname, '..');
const SECRET = 'a-session-secret-of-at-least-32-characters';

function tempDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'charcha-config-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('defaults: 127.0.0.1:3000, data/charcha.db, development, demo seed, rate limits on', () => {
  const config = loadConfig({ SESSION_SECRET: SECRET });
  assert.equal(config.host, '127.0.0.1');
  assert.equal(config.port, 3000);
  assert.equal(config.databasePath, 'data/charcha.db');
  assert.equal(config.sessionSecret, SECRET);
  assert.equal(config.production, false);
  assert.equal(config.seed, 'demo');
  assert.equal(config.rateLimits, true);
  assert.equal(config.networkTimeoutMs, 3000);
  assert.equal(config.renderCacheMb, 32);
  assert.equal(config.logLevel, 'info');
  assert.equal(config.publicOrigin, 'http://127.0.0.1:3000', 'in development, the listening address');
  assert.equal(config.trustProxy, false, 'no X-Forwarded-For is believed');
  assert.deepEqual(config.connections, CONNECTION_DEFAULTS);
  assert.ok(config.connections.requestTimeoutMs > 0, 'a request body is never waited for forever');
});

test('the environment overrides each setting', () => {
  const config = loadConfig({
    SESSION_SECRET: SECRET,
    HOST: '0.0.0.0',
    PORT: '8080',
    DATABASE_PATH: '/tmp/elsewhere.db',
    NODE_ENV: 'production',
    SEED: 'none',
    RATE_LIMITS: 'off',
    SW_NETWORK_TIMEOUT_MS: '1500',
    RENDER_CACHE_MB: '0',
    LOG_LEVEL: 'debug',
    PUBLIC_ORIGIN: 'https://charcha.example',
    TRUST_PROXY: '127.0.0.1, 10.0.0.0/8',
    HTTP_HEADERS_TIMEOUT_MS: '5000',
    HTTP_REQUEST_TIMEOUT_MS: '20000',
    HTTP_KEEP_ALIVE_TIMEOUT_MS: '65000',
    HTTP_MAX_CONNECTIONS: '500',
  });
  assert.equal(config.host, '0.0.0.0');
  assert.equal(config.port, 8080);
  assert.equal(config.databasePath, '/tmp/elsewhere.db');
  assert.equal(config.production, true);
  assert.equal(config.seed, 'none');
  assert.equal(config.rateLimits, false);
  assert.equal(config.networkTimeoutMs, 1500);
  assert.equal(config.renderCacheMb, 0, 'RENDER_CACHE_MB=0 renders every request');
  assert.equal(config.logLevel, 'debug');
  assert.equal(config.publicOrigin, 'https://charcha.example');
  assert.deepEqual(config.trustProxy, ['127.0.0.1', '10.0.0.0/8']);
  assert.deepEqual(config.connections, {
    headersTimeoutMs: 5000,
    requestTimeoutMs: 20000,
    keepAliveTimeoutMs: 65000,
    maxConnections: 500,
  });
  assert.equal(loadConfig({ SESSION_SECRET: SECRET, PORT: '0' }).port, 0, 'PORT=0 picks a free port');
});

test('invalid settings stop with a ConfigError that names the setting and the value', () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ PORT: 'abc' }, /^PORT must be an integer between 0 and 65535, got "abc"$/],
    [{ PORT: '70000' }, /^PORT .* got "70000"$/],
    [{ PORT: '-1' }, /^PORT .* got "-1"$/],
    [{ PORT: '80.5' }, /^PORT .* got "80.5"$/],
    [{ NODE_ENV: 'staging' }, /^NODE_ENV must be development, production or test, got "staging"$/],
    [{ SEED: 'lots' }, /^SEED must be "demo" or "none", got "lots"$/],
    [{ SESSION_SECRET: 'short' }, /^SESSION_SECRET must be at least 32 characters long$/],
    [{ SW_NETWORK_TIMEOUT_MS: '0' }, /^SW_NETWORK_TIMEOUT_MS must be a positive integer, got "0"$/],
    [{ RENDER_CACHE_MB: '-1' }, /^RENDER_CACHE_MB must be a non-negative integer, got "-1"$/],
    [{ RENDER_CACHE_MB: 'lots' }, /^RENDER_CACHE_MB must be a non-negative integer, got "lots"$/],
    [
      { LOG_LEVEL: 'verbose' },
      /^LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "verbose"$/,
    ],
    [{ LOG_LEVEL: 'INFO' }, /^LOG_LEVEL must be one of .*, got "INFO"$/],
    [{ NODE_ENV: 'production' }, /^PUBLIC_ORIGIN must be set when NODE_ENV=production: .* e\.g\. https:\/\//],
    [
      { PUBLIC_ORIGIN: 'charcha.example' },
      /^PUBLIC_ORIGIN must be an http:\/\/ or https:\/\/ origin with no path, .*got "charcha\.example"$/,
    ],
    [
      { PUBLIC_ORIGIN: 'https://charcha.example/forum' },
      /^PUBLIC_ORIGIN must be .*got "https:\/\/charcha\.example\/forum"$/,
    ],
    [{ PUBLIC_ORIGIN: 'https://charcha.example/?q' }, /^PUBLIC_ORIGIN must be /],
    [{ PUBLIC_ORIGIN: 'https://charcha.example#top' }, /^PUBLIC_ORIGIN must be /],
    [{ PUBLIC_ORIGIN: 'https://user:pw@charcha.example' }, /^PUBLIC_ORIGIN must be /],
    [{ PUBLIC_ORIGIN: 'https://char\tcha.example' }, /^PUBLIC_ORIGIN must be /],
    [{ PUBLIC_ORIGIN: 'ftp://charcha.example' }, /^PUBLIC_ORIGIN must be /],
    [{ PUBLIC_ORIGIN: 'https://charcha.example:0' }, /^PUBLIC_ORIGIN must be /],
    [{ TRUST_PROXY: 'yes' }, /^TRUST_PROXY must be "true", "false" or a comma-separated list .*got "yes"$/],
    [{ TRUST_PROXY: '10.0.0.0/33' }, /^TRUST_PROXY must be .*got "10\.0\.0\.0\/33"$/],
    [
      { TRUST_PROXY: '127.0.0.1,proxy.internal' },
      /^TRUST_PROXY must be .*got "127\.0\.0\.1,proxy\.internal"$/,
    ],
    [{ TRUST_PROXY: '1' }, /^TRUST_PROXY must name the proxies' addresses .*not a number of them, got "1"/],
    [{ HTTP_REQUEST_TIMEOUT_MS: '0' }, /^HTTP_REQUEST_TIMEOUT_MS must be a positive integer, got "0"$/],
    [{ HTTP_HEADERS_TIMEOUT_MS: 'soon' }, /^HTTP_HEADERS_TIMEOUT_MS must be a positive integer, got "soon"$/],
    [
      { HTTP_KEEP_ALIVE_TIMEOUT_MS: '-5' },
      /^HTTP_KEEP_ALIVE_TIMEOUT_MS must be a positive integer, got "-5"$/,
    ],
    [{ HTTP_MAX_CONNECTIONS: '1.5' }, /^HTTP_MAX_CONNECTIONS must be a positive integer, got "1.5"$/],
    [
      { HTTP_HEADERS_TIMEOUT_MS: '40000', HTTP_REQUEST_TIMEOUT_MS: '30000' },
      /^HTTP_HEADERS_TIMEOUT_MS \(40000\) must not exceed HTTP_REQUEST_TIMEOUT_MS \(30000\)$/,
    ],
  ];
  for (const [env, message] of cases) {
    assert.throws(
      () => loadConfig({ SESSION_SECRET: SECRET, ...env }),
      (error: unknown) => error instanceof ConfigError && message.test(error.message),
      JSON.stringify(env),
    );
  }
});

test('PUBLIC_ORIGIN is kept as an origin; without it, development uses the listening address', () => {
  const origin = (env: Record<string, string>) => loadConfig({ SESSION_SECRET: SECRET, ...env }).publicOrigin;
  assert.equal(origin({ PUBLIC_ORIGIN: 'https://Charcha.Example/' }), 'https://charcha.example');
  assert.equal(origin({ PUBLIC_ORIGIN: 'https://charcha.example:443' }), 'https://charcha.example');
  assert.equal(origin({ PUBLIC_ORIGIN: 'http://127.0.0.1:8080' }), 'http://127.0.0.1:8080');
  assert.equal(origin({ NODE_ENV: 'test', HOST: '0.0.0.0', PORT: '8080' }), 'http://0.0.0.0:8080');
  assert.equal(origin({ HOST: '::1', PORT: '3000' }), 'http://[::1]:3000');
});

test('TRUST_PROXY takes "true", "false" or the proxies\' addresses and CIDR ranges', () => {
  const trust = (raw: string) => loadConfig({ SESSION_SECRET: SECRET, TRUST_PROXY: raw }).trustProxy;
  assert.equal(trust('true'), true);
  assert.equal(trust('false'), false);
  assert.deepEqual(trust('127.0.0.1'), ['127.0.0.1']);
  assert.deepEqual(trust('::1, fd00::/8,loopback'), ['::1', 'fd00::/8', 'loopback']);
});

test('without SESSION_SECRET a secret is generated once and kept beside the database', (t) => {
  const dir = tempDir(t);
  const databasePath = join(dir, 'nested', 'charcha.db');
  const first = loadConfig({ DATABASE_PATH: databasePath });
  const secretPath = join(dir, 'nested', 'session-secret');
  assert.ok(existsSync(secretPath));
  assert.equal(readFileSync(secretPath, 'utf8'), first.sessionSecret);
  assert.match(first.sessionSecret, /^[0-9a-f]{64}$/);
  assert.equal(statSync(secretPath).mode & 0o777, 0o600, 'readable by the owner only');
  assert.equal(
    loadConfig({ DATABASE_PATH: databasePath }).sessionSecret,
    first.sessionSecret,
    'kept across restarts',
  );

  const other = loadConfig({ DATABASE_PATH: join(tempDir(t), 'charcha.db') });
  assert.notEqual(other.sessionSecret, first.sessionSecret, 'each installation has its own');
});

for (const [setting, env, message] of [
  [
    'PORT',
    { PORT: 'not-a-port' },
    /Configuration error: PORT must be an integer between 0 and 65535, got "not-a-port"/,
  ],
  ['LOG_LEVEL', { LOG_LEVEL: 'verbose' }, /Configuration error: LOG_LEVEL must be one of .*, got "verbose"/],
  [
    'PUBLIC_ORIGIN',
    { NODE_ENV: 'production', PUBLIC_ORIGIN: '' },
    /Configuration error: PUBLIC_ORIGIN must be set when NODE_ENV=production/,
  ],
] as const) {
  test(`the server stops at once with a clear message on an invalid ${setting}`, (t) => {
    const dir = tempDir(t);
    const result = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'app', 'server.ts')], {
      cwd: ROOT,
      env: { ...process.env, ...env, DATABASE_PATH: join(dir, 'charcha.db'), SEED: 'none' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stderr, message);
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'a message, not a stack trace');
    assert.equal(existsSync(join(dir, 'charcha.db')), false, 'nothing was created');
  });
}

test('without VAPID_* keys a pair is generated once and kept beside the database', (t) => {
  const dir = tempDir(t);
  const databasePath = join(dir, 'charcha.db');
  const first = loadConfig({ DATABASE_PATH: databasePath, SESSION_SECRET: SECRET });
  assert.match(first.vapid.publicKey, /^[\w-]{87}$/);
  assert.equal(first.vapid.subject, 'mailto:push@charcha.invalid');
  assert.equal(statSync(join(dir, 'vapid-keys.json')).mode & 0o777, 0o600);
  assert.deepEqual(loadConfig({ DATABASE_PATH: databasePath, SESSION_SECRET: SECRET }).vapid, first.vapid);
  const given = loadConfig({
    DATABASE_PATH: databasePath,
    SESSION_SECRET: SECRET,
    VAPID_PUBLIC_KEY: `B${'a'.repeat(86)}`,
    VAPID_PRIVATE_KEY: 'b'.repeat(43),
    VAPID_SUBJECT: 'mailto:admin@example.org',
  });
  assert.deepEqual(given.vapid, {
    publicKey: `B${'a'.repeat(86)}`,
    privateKey: 'b'.repeat(43),
    subject: 'mailto:admin@example.org',
  });
  assert.throws(
    () => loadConfig({ DATABASE_PATH: databasePath, SESSION_SECRET: SECRET, VAPID_PUBLIC_KEY: 'x' }),
    ConfigError,
  );
  assert.throws(
    () => loadConfig({ DATABASE_PATH: databasePath, SESSION_SECRET: SECRET, VAPID_SUBJECT: 'http://x' }),
    ConfigError,
  );
});

test('PUSH_TEST_ENDPOINTS is off unless set to loopback', (t) => {
  const env = { DATABASE_PATH: join(tempDir(t), 'charcha.db'), SESSION_SECRET: SECRET };
  assert.equal(loadConfig(env).pushTestEndpoints, 'off');
  assert.equal(loadConfig({ ...env, PUSH_TEST_ENDPOINTS: 'loopback' }).pushTestEndpoints, 'loopback');
  assert.throws(() => loadConfig({ ...env, PUSH_TEST_ENDPOINTS: 'any' }), /PUSH_TEST_ENDPOINTS/);
});
