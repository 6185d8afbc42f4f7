import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import { buildApp } from '../../app/app.ts';
import { type Db, openDatabase } from '../../db/connection.ts';
import { MIGRATIONS_DIR, MigrationError, migrate } from '../../db/migrate.ts';

function workspace(t: TestContext) {
  const dir = mkdtempSync(join(tmpdir(), 'charcha-migrate-'));
  const migrations = join(dir, 'migrations');
  const db = openDatabase(join(dir, 'test.db'));
  t.after(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  mkdirSync(migrations);
  const write = (name: string, sql: string) => writeFileSync(join(migrations, name), sql);
  return { dir, db, write, migrations };
}

const tables = (db: Db) =>
  db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
const applied = (db: Db) =>
  db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as {
    version: number;
    name: string;
  }[];

test('migrations apply in numeric order, each exactly once, and are recorded', (t) => {
  const { db, write, migrations } = workspace(t);
  write('1_notes.sql', 'CREATE TABLE notes (id INTEGER PRIMARY KEY);');
  // Numeric, not alphabetical: 2 runs before 10, and 10 depends on it.
  write('10_tags.sql', 'ALTER TABLE notes ADD COLUMN tag TEXT REFERENCES tags(name);');
  write('2_create_tags.sql', 'CREATE TABLE tags (name TEXT PRIMARY KEY);');
  write('README.md', 'not a migration');
  write('3-bad-name.sql', 'THIS IS NOT RUN;');

  assert.deepEqual(migrate(db, migrations), ['1_notes.sql', '2_create_tags.sql', '10_tags.sql']);
  assert.deepEqual(
    applied(db).map((m) => [m.version, m.name]),
    [
      [1, '1_notes.sql'],
      [2, '2_create_tags.sql'],
      [10, '10_tags.sql'],
    ],
  );
  assert.deepEqual(migrate(db, migrations), [], 'nothing to do the second time');
  assert.deepEqual(tables(db), ['notes', 'schema_migrations', 'tags']);

  write('11_more.sql', 'CREATE TABLE more (id INTEGER PRIMARY KEY);');
  assert.deepEqual(migrate(db, migrations), ['11_more.sql'], 'only the new file runs');
});

test('a failing migration rolls back completely and stops with a clear MigrationError', (t) => {
  const { db, write, migrations } = workspace(t);
  write('001_ok.sql', 'CREATE TABLE kept (id INTEGER PRIMARY KEY);');
  write(
    '002_broken.sql',
    'CREATE TABLE half (id INTEGER PRIMARY KEY);\nINSERT INTO kept (id) VALUES (1);\nCREATE TABLE oops (;',
  );
  write('003_later.sql', 'CREATE TABLE later (id INTEGER PRIMARY KEY);');

  assert.throws(
    () => migrate(db, migrations),
    (error: unknown) =>
      error instanceof MigrationError &&
      /^Migration 002_broken\.sql failed and was rolled back: .*syntax error/.test(error.message),
  );
  assert.deepEqual(tables(db), ['kept', 'schema_migrations'], 'no half-made table, nothing after it');
  assert.equal(db.prepare('SELECT count(*) FROM kept').pluck().get(), 0, 'its insert was undone too');
  assert.deepEqual(
    applied(db).map((m) => m.name),
    ['001_ok.sql'],
  );

  write('002_broken.sql', 'CREATE TABLE half (id INTEGER PRIMARY KEY);');
  assert.deepEqual(
    migrate(db, migrations),
    ['002_broken.sql', '003_later.sql'],
    'fixed, it runs on the next start',
  );
});

test("the app's own migrations build the forum schema with foreign keys, WAL and a busy timeout", (t) => {
  const { db } = workspace(t);
  const names = migrate(db, MIGRATIONS_DIR);
  assert.equal(names[0], '001_init.sql');
  for (const table of ['users', 'sessions', 'posts', 'comments', 'post_votes', 'comment_votes'])
    assert.ok(tables(db).includes(table), table);
  assert.deepEqual(migrate(db), []);
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
  assert.ok(Number(db.pragma('busy_timeout', { simple: true })) > 0);
  assert.throws(
    () => db.prepare('INSERT INTO posts (author_id, title, created_at) VALUES (999, ?, 0)').run('x'),
    {
      code: 'SQLITE_CONSTRAINT_FOREIGNKEY',
    },
  );
});

test('the app refuses to start on a database its migrations cannot apply to', async (t) => {
  const { dir, db } = workspace(t);
  db.exec('CREATE TABLE users (id INTEGER PRIMARY KEY)');
  await assert.rejects(
    buildApp({
      databasePath: join(dir, 'test.db'),
      sessionSecret: 'x'.repeat(32),
      production: false,
      seed: 'none',
      networkTimeoutMs: 3000,
      rateLimits: false,
    }),
    (error: unknown) =>
      error instanceof MigrationError &&
      /001_init\.sql failed and was rolled back: table users already exists/.test(error.message),
  );
  assert.deepEqual(tables(db), ['schema_migrations', 'users']);
});
