// Secrets the operator did not give are generated once and kept beside the database.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../app/config.ts';
import { SECRET, tempDir } from './config-support.ts';

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
