import assert from 'node:assert/strict';
import { test } from 'node:test';
import { migrate } from '../../db/migrate.ts';
import { earlierDatabase } from '../helpers/earlier-database.ts';
import { assertExact, found, indexed, searchCatchesUp } from '../helpers/search-index.ts';

test('migrating a database that already has a forum indexes what is live, and only that', (t) => {
  const db = earlierDatabase(t, '004');
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
  const db = earlierDatabase(t, '008');
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
  searchCatchesUp(db);
  assert.deepEqual(prefixed('"cach"*'), [-1, 3]);
  assertExact(db);
});

test('migration 010 makes FTS5 merge 16 segments at a time, and the index stays exact through its merges', (t) => {
  const db = earlierDatabase(t, '010');
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
    searchCatchesUp(db);
    if (id % 3 === 0) db.prepare("UPDATE comments SET body_md = 'rewritten' WHERE id = ?").run(id);
    searchCatchesUp(db);
    if (id % 5 === 0) db.prepare('UPDATE comments SET deleted_at = 2 WHERE id = ?').run(id);
    searchCatchesUp(db);
  }
  assertExact(db);
  assert.equal(found(db, 'merging').length, 40 - 13 - 8 + 2, 'neither the edited nor the deleted');
  assert.deepEqual(found(db, 'edited'), []);
});
