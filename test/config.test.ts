// What each setting reads from the environment, and its default.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadConfig } from '../app/config.ts';
import { CONNECTION_DEFAULTS } from '../app/network-config.ts';
import { SECRET, tempDir } from './config-support.ts';

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

test('PUSH_TEST_ENDPOINTS is off unless set to loopback', (t) => {
  const env = { DATABASE_PATH: join(tempDir(t), 'charcha.db'), SESSION_SECRET: SECRET };
  assert.equal(loadConfig(env).pushTestEndpoints, 'off');
  assert.equal(loadConfig({ ...env, PUSH_TEST_ENDPOINTS: 'loopback' }).pushTestEndpoints, 'loopback');
  assert.throws(() => loadConfig({ ...env, PUSH_TEST_ENDPOINTS: 'any' }), /PUSH_TEST_ENDPOINTS/);
});
