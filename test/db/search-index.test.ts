import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import type { App } from '../../app/app.ts';
import { normalizeSearchText } from '../../app/domain/search-tokens.ts';
import { type Db, openDatabase } from '../../db/connection.ts';
import { MIGRATIONS_DIR, migrate } from '../../db/migrate.ts';
import { build } from '../helpers/app.ts';

/** What the index holds, row for row, and what it should hold: live text, normalized. */
function indexed(db: Db) {
  return db.prepare('SELECT rowid, title, body, author FROM search_index ORDER BY rowid').all();
}
function expected(db: Db) {
  return db.prepare('SELECT docid AS rowid, title, body, author FROM search_documents ORDER BY docid').all();
}
function assertExact(db: Db) {
  assert.deepEqual(indexed(db), expected(db));
  // FTS5's own check that its inverted index agrees with the text it stores.
  db.prepare("INSERT INTO search_index (search_index) VALUES ('integrity-check')").run();
}
const found = (db: Db, word: string) =>
  db
    .prepare('SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rowid')
    .pluck()
    .all(`"${word}"`) as number[];

function forum(app: App) {
  const authorId = app.repositories.users.create('asha', 'not-a-real-hash', 1) ?? 0;
  const discussion = (title: string, bodyMd: string) =>
    app.repositories.discussions.create({ authorId, title, url: null, bodyMd, bodyHtml: '' }, 1);
  const comment = (discussionId: number, bodyMd: string) =>
    app.repositories.comments.create(
      { discussionId, parentId: null, authorId, depth: 0, bodyMd, bodyHtml: '' },
      1,
    );
  return { authorId, discussion, comment };
}

test('new discussions and comments are indexed as written; edits replace the old words', async (t) => {
  const { app } = await build(t);
  const { db } = app;
  const { authorId, discussion, comment } = forum(app);
  const id = discussion('Kites over the river', 'Bring string');
  const reply = comment(id, 'Paper kites fly best');
  assert.deepEqual(found(db, 'kites'), [-id, reply]);
  assert.deepEqual(found(db, `u${authorId}`), [-id, reply], 'the author column holds u<id>');

  app.repositories.discussions.update(
    id,
    { title: 'Boats on the river', url: null, bodyMd: 'Bring oars', bodyHtml: '' },
    2,
  );
  app.repositories.comments.update(reply, id, 'Paper boats sink', '', 2);
  assert.deepEqual(found(db, 'kites'), []);
  assert.deepEqual(found(db, 'string'), []);
  assert.deepEqual(found(db, 'boats'), [-id, reply]);
  assertExact(db);
});

test('votes, counts and revisions leave the index alone', async (t) => {
  const { app } = await build(t);
  const { discussion } = forum(app);
  const id = discussion('Quiet title', 'quiet body');
  const before = app.db.prepare('SELECT count(*) FROM search_index_data').pluck().get();
  app.db
    .prepare('UPDATE posts SET score = 5, comment_count = 3, revision = revision + 1 WHERE id = ?')
    .run(id);
  assert.equal(app.db.prepare('SELECT count(*) FROM search_index_data').pluck().get(), before);
  assertExact(app.db);
});

test('deleted comments, deleted discussions and the comments of deleted discussions are never found', async (t) => {
  const { app } = await build(t);
  const { db } = app;
  const { discussion, comment } = forum(app);
  const kept = discussion('Monsoon notes', 'rain rain');
  const gone = discussion('Monsoon gone', 'rain');
  const keptComment = comment(kept, 'rain on the roof');
  const deletedComment = comment(kept, 'rain in the kitchen');
  const orphan = comment(gone, 'rain everywhere');
  app.repositories.comments.softDelete(deletedComment, kept, 2);
  app.repositories.discussions.softDelete(gone, 2);
  assert.deepEqual(found(db, 'rain'), [-kept, keptComment]);
  assert.deepEqual(found(db, 'kitchen'), []);
  assert.deepEqual(found(db, 'everywhere'), []);
  assertExact(db);

  // A comment written to a deleted discussion by some other path is not indexed either.
  comment(gone, 'rain again');
  assert.deepEqual(found(db, 'again'), []);
  // Undeleting (no route does, an operator might) brings the discussion and its comments back.
  db.prepare('UPDATE posts SET deleted_at = NULL WHERE id = ?').run(gone);
  assert.deepEqual(found(db, 'everywhere'), [orphan]);
  assertExact(db);

  db.prepare('DELETE FROM posts WHERE id = ?').run(gone);
  assert.deepEqual(found(db, 'everywhere'), [], 'rows removed for good go by cascade');
  assertExact(db);
});

test('the index reads text, never HTML, and stores both spellings of a Hindi word one way', async (t) => {
  const { app } = await build(t);
  const { db } = app;
  const { authorId } = forum(app);
  const id = app.repositories.discussions.create(
    { authorId, title: 'सॉफ़्टवेयर', url: null, bodyMd: 'plain \u095Bरा', bodyHtml: '<p>hiddenmarkup</p>' },
    1,
  );
  assert.deepEqual(found(db, 'hiddenmarkup'), []);
  assert.deepEqual(found(db, 'p'), []);
  assert.deepEqual(found(db, '\u091C\u093Cरा'), [-id]);
  // FTS5 does not equate the two spellings itself: the query parser normalizes what it quotes.
  assert.deepEqual(found(db, '\u095Bरा'), []);
});

test("the migration's SQL normalizes text exactly as app/domain/search-tokens.ts does", async (t) => {
  const { app } = await build(t);
  const { authorId } = forum(app);
  const everything = [
    ...Array.from({ length: 0x80 }, (_, i) => String.fromCodePoint(0x900 + i)),
    '\u200B\u200C\u200D\u00AD\u2060\uFEFF',
    'ASCII café ñ',
  ].join(' ');
  const id = app.repositories.discussions.create(
    { authorId, title: everything, url: null, bodyMd: everything, bodyHtml: '' },
    1,
  );
  const row = app.db.prepare('SELECT title, body FROM search_index WHERE rowid = ?').get(-id);
  assert.deepEqual(row, { title: normalizeSearchText(everything), body: normalizeSearchText(everything) });
});

/** A database file, and a folder of the migrations before `firstLeftOut` (a file name prefix). */
function workspace(t: TestContext, firstLeftOut = '004') {
  const dir = mkdtempSync(join(tmpdir(), 'charcha-search-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const before = join(dir, 'before');
  mkdirSync(before);
  for (const name of readdirSync(MIGRATIONS_DIR).filter((file) => file < firstLeftOut))
    copyFileSync(join(MIGRATIONS_DIR, name), join(before, name));
  const db = openDatabase(join(dir, 'forum.db'));
  t.after(() => db.close());
  return { db, before };
}

test('migrating a database that already has a forum indexes what is live, and only that', (t) => {
  const { db, before } = workspace(t);
  migrate(db, before);
  db.exec(`INSERT INTO users (id, username, password_hash, created_at) VALUES (1, 'asha', 'x', 1);
    INSERT INTO posts (id, author_id, title, body_md, created_at) VALUES
      (1, 1, 'Live सॉफ़्टवेयर', 'body one', 1), (2, 1, 'Deleted', 'body two', 1);
    UPDATE posts SET deleted_at = 2 WHERE id = 2;
    INSERT INTO comments (id, post_id, author_id, body_md, body_html, created_at, deleted_at) VALUES
      (1, 1, 1, 'live comment', '', 1, NULL), (2, 1, 1, 'deleted comment', '', 1, 2),
      (3, 2, 1, 'comment of a deleted discussion', '', 1, NULL);`);
  assert.equal(migrate(db)[0], '004_search.sql');
  assert.deepEqual(
    indexed(db).map((row) => (row as { rowid: number }).rowid),
    [-1, 1],
  );
  assertExact(db);
});

test('the prefix-index migration remakes an existing index exactly, and the triggers go on keeping it', (t) => {
  const { db, before } = workspace(t, '008');
  migrate(db, before);
  db.exec(`INSERT INTO users (id, username, password_hash, created_at) VALUES (1, 'asha', 'x', 1);
    INSERT INTO posts (id, author_id, title, body_md, created_at) VALUES
      (1, 1, 'Caching कितना', 'cached pages', 1), (2, 1, 'Deleted cache', 'body', 1);
    INSERT INTO comments (id, post_id, author_id, body_md, body_html, created_at) VALUES
      (1, 1, 1, 'a cache of कितनी', '', 1), (2, 2, 1, 'caches', '', 1);
    UPDATE posts SET deleted_at = 2 WHERE id = 2;`);
  const prefixed = (text: string) =>
    db.prepare('SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rowid').pluck().all(text);
  const queries = ['"ca"*', '"cac"*', '"cach"*', '"cache"*', '"कि"*', '"कित"*'];
  const answers = queries.map(prefixed);
  assert.equal(migrate(db)[0], '008_search_prefixes.sql');
  assert.match(
    String(db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'search_index'").pluck().get()),
    /prefix = '2 3 4'/,
  );
  assertExact(db);
  assert.deepEqual(queries.map(prefixed), answers, 'the same matches, read from the prefix index');
  assert.deepEqual(answers[2], [-1, 1]);
  db.exec(`INSERT INTO comments (id, post_id, author_id, body_md, body_html, created_at)
    VALUES (3, 1, 1, 'cachet', '', 3);
    UPDATE comments SET body_md = 'nothing here' WHERE id = 1;`);
  assert.deepEqual(prefixed('"cach"*'), [-1, 3]);
  assertExact(db);
});

test('migration 010 makes FTS5 merge 16 segments at a time, and the index stays exact through its merges', (t) => {
  const { db, before } = workspace(t, '010');
  migrate(db, before);
  const automerge = () =>
    db.prepare("SELECT v FROM search_index_config WHERE k = 'automerge'").pluck().get() as number | undefined;
  assert.equal(automerge(), undefined, "FTS5's default (4) before");
  db.exec(`INSERT INTO users (id, username, password_hash, created_at) VALUES (1, 'asha', 'x', 1);
    INSERT INTO posts (id, author_id, title, body_md, created_at) VALUES (1, 1, 'Merges कितने', 'body', 1);`);
  assert.equal(migrate(db)[0], '010_search_merges.sql');
  assert.equal(automerge(), 16);
  // One transaction per comment, as the app writes them: each is a segment of its own, and 40 of
  // them make FTS5 merge (16 at a time now) while edits and deletes go on.
  const add = db.prepare(`INSERT INTO comments (id, post_id, author_id, body_md, body_html, created_at)
    VALUES (?, 1, 1, ?, '', 1)`);
  for (let id = 1; id <= 40; id++) {
    add.run(id, `comment ${id} about merging सेगमेंट${id % 3 === 0 ? ' edited-away' : ''}`);
    if (id % 3 === 0) db.prepare("UPDATE comments SET body_md = 'rewritten' WHERE id = ?").run(id);
    if (id % 5 === 0) db.prepare('UPDATE comments SET deleted_at = 2 WHERE id = ?').run(id);
  }
  assertExact(db);
  assert.equal(found(db, 'merging').length, 40 - 13 - 8 + 2, 'neither the edited nor the deleted');
  assert.deepEqual(found(db, 'edited'), []);
});
