// An invalid setting stops loadConfig, and the server, with a message naming it and its value.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../app/config.ts';
import { SECRET, tempDir } from './config-support.ts';

const ROOT = join(import.meta.dirname, '..');

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
