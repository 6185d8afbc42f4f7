import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { App } from '../../app/app.ts';
import { parseSearchQuery, searchMatch } from '../../app/domain/search-query.ts';
import { normalizeSearchText } from '../../app/domain/search-tokens.ts';
import { build } from '../helpers/app.ts';
import { assertExact, found, searchCatchesUp } from '../helpers/search-index.ts';

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
  // Undeleting (no route does, an operator might, in SQL) brings the discussion and its comments
  // back for the next search.
  db.prepare('UPDATE posts SET deleted_at = NULL WHERE id = ?').run(gone);
  searchCatchesUp(db);
  assert.deepEqual(found(db, 'everywhere'), [orphan]);
  assertExact(db);

  db.prepare('DELETE FROM posts WHERE id = ?').run(gone);
  searchCatchesUp(db);
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

test('what SQL from outside the app changes is indexed by the next search', async (t) => {
  const { app } = await build(t);
  const { discussion, comment } = forum(app);
  const id = discussion('Lanterns', 'paper lanterns');
  const reply = comment(id, 'brass lanterns');
  const search = (word: string) => {
    const match = searchMatch(parseSearchQuery(word).terms, []);
    assert.ok(match);
    return app.repositories.search
      .find(match, 'newest', 10, 0)
      .hits.map((hit) => hit.commentId ?? -hit.discussionId);
  };
  assert.deepEqual(search('brass'), [reply]);

  // An operator's fix, in SQL: the triggers list it, nobody indexes it, until a search does.
  app.db.prepare("UPDATE comments SET body_md = 'copper lanterns' WHERE id = ?").run(reply);
  app.db.prepare('UPDATE posts SET deleted_at = 5 WHERE id = ?').run(id);
  assert.equal(app.db.prepare('SELECT count(*) FROM search_changes').pluck().get(), 2);
  assert.deepEqual(search('copper'), []);
  assert.deepEqual(search('brass'), []);
  app.db.prepare('UPDATE posts SET deleted_at = NULL WHERE id = ?').run(id);
  assert.deepEqual(search('copper'), [reply]);
  assertExact(app.db);
});
