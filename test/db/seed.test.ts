import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import { MAX_COMMENT_DEPTH } from '../../app/domain/limits.ts';
import { verifyPassword } from '../../app/domain/passwords.ts';
import { type Db, openDatabase } from '../../db/connection.ts';
import { migrate } from '../../db/migrate.ts';
import { DEMO_PASSWORD, DEMO_USERNAMES, seedBulk, seedDemo } from '../../db/seed.ts';

const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);
const DAY = 24 * 60 * 60 * 1000;

function freshDb(t: TestContext): Db {
  const dir = mkdtempSync(join(tmpdir(), 'charcha-seed-'));
  const db = openDatabase(join(dir, 'test.db'));
  migrate(db);
  t.after(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return db;
}

const all = (db: Db, sql: string): unknown[] => db.prepare(sql).all();
const value = (db: Db, sql: string): number => Number(db.prepare(sql).pluck().get());

/** Each rule, as the rows that break it: a consistent database has none. */
const RULES: { rule: string; breaking: string }[] = [
  { rule: 'foreign keys', breaking: 'PRAGMA foreign_key_check' },
  {
    rule: 'comment_count equals the live comments',
    breaking: `SELECT p.id, p.comment_count,
        (SELECT count(*) FROM comments c WHERE c.post_id = p.id AND c.deleted_at IS NULL) AS live
       FROM posts p WHERE p.comment_count <> live`,
  },
  {
    rule: 'post scores equal their votes',
    breaking: `SELECT p.id FROM posts p
       WHERE p.score <> (SELECT coalesce(sum(value), 0) FROM post_votes v WHERE v.post_id = p.id)`,
  },
  {
    rule: 'comment scores equal their votes',
    breaking: `SELECT c.id FROM comments c
       WHERE c.score <> (SELECT coalesce(sum(value), 0) FROM comment_votes v WHERE v.comment_id = c.id)`,
  },
  {
    rule: 'karma equals the votes on the user’s posts and comments',
    breaking: `SELECT u.id, u.karma FROM users u WHERE u.karma <>
         (SELECT coalesce(sum(v.value), 0) FROM post_votes v JOIN posts p ON p.id = v.post_id
          WHERE p.author_id = u.id)
       + (SELECT coalesce(sum(v.value), 0) FROM comment_votes v JOIN comments c ON c.id = v.comment_id
          WHERE c.author_id = u.id)`,
  },
  {
    rule: 'no self-votes on posts',
    breaking:
      'SELECT v.post_id FROM post_votes v JOIN posts p ON p.id = v.post_id WHERE v.user_id = p.author_id',
  },
  {
    rule: 'no self-votes on comments, and each vote names the comment’s post',
    breaking: `SELECT v.comment_id FROM comment_votes v JOIN comments c ON c.id = v.comment_id
       WHERE v.user_id = c.author_id OR v.post_id <> c.post_id`,
  },
  { rule: 'max depth', breaking: `SELECT id FROM comments WHERE depth > ${MAX_COMMENT_DEPTH}` },
  {
    rule: 'depth is the parent’s depth + 1, replies stay in their thread and come after their parent',
    breaking: `SELECT c.id FROM comments c LEFT JOIN comments parent ON parent.id = c.parent_id
       JOIN posts p ON p.id = c.post_id
       WHERE (c.parent_id IS NULL AND (c.depth <> 0 OR c.created_at <= p.created_at))
          OR (c.parent_id IS NOT NULL AND (c.depth <> parent.depth + 1 OR parent.post_id <> c.post_id
              OR c.created_at <= parent.created_at))`,
  },
];

/** Every denormalised number agrees with the rows it summarises, and the tree rules hold. */
function assertConsistent(db: Db): void {
  for (const { rule, breaking } of RULES) assert.deepEqual(all(db, breaking), [], rule);
}

test('seedDemo fills an empty database with discussions and deep threads', async (t) => {
  const db = freshDb(t);
  await seedDemo(db, NOW);

  assert.ok(value(db, 'SELECT count(*) FROM posts') >= 30);
  assert.ok(value(db, "SELECT count(*) FROM posts WHERE url LIKE 'https://example.%'") >= 5, 'some links');
  assert.ok(
    value(db, 'SELECT count(*) FROM posts WHERE body_html LIKE \'%<pre tabindex="0"><code%\'') >= 1,
    'a code block',
  );
  assert.ok(value(db, "SELECT count(*) FROM posts WHERE body_html LIKE '%<li>%'") >= 1, 'a list');
  const bigThreads = value(
    db,
    'SELECT count(*) FROM (SELECT post_id FROM comments GROUP BY post_id HAVING count(*) >= 100)',
  );
  assert.ok(bigThreads >= 3, `${bigThreads} threads with 100+ comments`);
  assert.equal(
    value(db, 'SELECT max(depth) FROM comments'),
    MAX_COMMENT_DEPTH,
    'threads reach the maximum depth',
  );
  assert.ok(value(db, 'SELECT count(*) FROM post_votes') > 30, 'posts have votes');
  assert.ok(value(db, 'SELECT count(*) FROM comment_votes') > 100, 'comments have votes');

  const times = db
    .prepare(
      `SELECT min(t) AS oldest, max(t) AS newest FROM
       (SELECT created_at AS t FROM posts UNION ALL SELECT created_at FROM comments)`,
    )
    .get() as { oldest: number; newest: number };
  assert.ok(times.oldest >= NOW - 11 * DAY && times.newest <= NOW, 'timestamps within the last ten days');

  assertConsistent(db);
});

test('seedDemo creates the demo users, each with their own salt', async (t) => {
  const db = freshDb(t);
  await seedDemo(db, NOW);
  const users = all(db, 'SELECT username, password_hash AS hash FROM users ORDER BY id') as {
    username: string;
    hash: string;
  }[];
  assert.deepEqual(
    users.map((u) => u.username),
    [...DEMO_USERNAMES],
  );
  assert.equal(new Set(users.map((u) => u.hash)).size, users.length, 'distinct hashes');
  for (const user of users) assert.ok(await verifyPassword(DEMO_PASSWORD, user.hash), user.username);
});

test('seedDemo is deterministic for a given now', async (t) => {
  const first = freshDb(t);
  const second = freshDb(t);
  await seedDemo(first, NOW);
  await seedDemo(second, NOW);
  for (const sql of [
    'SELECT * FROM posts ORDER BY id',
    'SELECT * FROM comments ORDER BY id',
    'SELECT * FROM post_votes ORDER BY user_id, post_id',
    'SELECT * FROM comment_votes ORDER BY user_id, comment_id',
    'SELECT id, username, karma, created_at FROM users ORDER BY id',
  ]) {
    assert.deepEqual(all(second, sql), all(first, sql), sql);
  }
});

test('seedDemo refuses a database that already has data', async (t) => {
  const db = freshDb(t);
  await seedDemo(db, NOW);
  await assert.rejects(seedDemo(db, NOW), /empty database/);
  assert.equal(value(db, 'SELECT count(*) FROM users'), DEMO_USERNAMES.length);
});

test('seedBulk adds exactly the requested posts and comments, nested and counted', (t) => {
  const db = freshDb(t);
  const progress: string[] = [];
  const result = seedBulk(db, {
    posts: 200,
    comments: 2000,
    now: NOW,
    batchSize: 700,
    onProgress: (done, total, phase) => progress.push(`${phase} ${done}/${total}`),
  });
  assert.equal(result.posts, 200);
  assert.equal(result.comments, 2000);
  assert.equal(value(db, 'SELECT count(*) FROM posts'), 200);
  assert.equal(value(db, 'SELECT count(*) FROM comments'), 2000);
  assert.equal(value(db, 'SELECT sum(comment_count) FROM posts'), 2000);
  assert.ok(value(db, 'SELECT max(comment_count) FROM posts') > 50, 'some threads are long');
  assert.ok(value(db, 'SELECT max(depth) FROM comments') > 2, 'comments are nested');
  assert.ok(value(db, 'SELECT max(created_at) FROM comments') <= NOW);
  assert.ok(progress.includes('comments 2000/2000'), progress.join(', '));
  assertConsistent(db);
});

test('seedBulk appends to a database that holds the demo forum', async (t) => {
  const db = freshDb(t);
  await seedDemo(db, NOW);
  const posts = value(db, 'SELECT count(*) FROM posts');
  const comments = value(db, 'SELECT count(*) FROM comments');
  const users = value(db, 'SELECT count(*) FROM users');
  seedBulk(db, { posts: 50, comments: 400, users: 20, now: NOW });
  seedBulk(db, { posts: 10, comments: 0, users: 5, now: NOW });
  assert.equal(value(db, 'SELECT count(*) FROM posts'), posts + 60);
  assert.equal(value(db, 'SELECT count(*) FROM comments'), comments + 400);
  assert.equal(value(db, 'SELECT count(*) FROM users'), users + 25);
  assertConsistent(db);
});
