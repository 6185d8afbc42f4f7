import assert from 'node:assert/strict';
import type { Db } from '../../db/connection.ts';
import { searchChanges } from '../../db/search-changes.ts';

/** What the index holds, row for row, and what it should hold: live text, normalized. */
export function indexed(db: Db) {
  return db.prepare('SELECT rowid, title, body, author FROM search_index ORDER BY rowid').all();
}
export function expected(db: Db) {
  return db.prepare('SELECT docid AS rowid, title, body, author FROM search_documents ORDER BY docid').all();
}
/**
 * The index holds exactly the live text, and FTS5 finds itself consistent. Every transaction has
 * indexed its own changes: none are left for a search to index (migration 011).
 */
export function assertExact(db: Db) {
  assert.deepEqual(
    db.prepare('SELECT docid FROM search_changes').pluck().all(),
    [],
    'changes left unindexed',
  );
  assert.deepEqual(indexed(db), expected(db));
  // FTS5's own check that its inverted index agrees with the text it stores.
  db.prepare("INSERT INTO search_index (search_index) VALUES ('integrity-check')").run();
}
/** The documents the index finds for a whole word. */
export const found = (db: Db, word: string) =>
  db
    .prepare('SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rowid')
    .pluck()
    .all(`"${word}"`) as number[];
/**
 * What a search does first: index what SQL from outside the application changed and committed
 * (db/search-changes.ts). Tests that write such SQL call it where a search would.
 */
export const searchCatchesUp = (db: Db) => searchChanges(db).indexLeftBehind();
