import type { Db } from './connection.ts';

/**
 * Brings the search index up to date with what the current transaction changed, once, just before
 * it commits (migration 011 says why): the triggers have listed the changed documents in
 * search_changes; each is taken out of the index and put back as search_documents has it now,
 * which is not at all when it was deleted.
 */
export interface SearchChanges {
  /** Indexes the transaction's changes. Call it inside the transaction, after its last write. */
  index(): void;
  /**
   * Indexes, in a transaction of its own, what was changed and committed without being indexed:
   * by SQL from outside the application (an operator's fix), which the triggers list like any
   * other change. A search calls it first, so that it finds what is committed.
   */
  indexLeftBehind(): void;
  /**
   * A write of discussions or comments as a transaction of its own that indexes its changes
   * before committing; called inside another transaction (a group commit), it is a savepoint and
   * leaves the indexing to that transaction, since FTS5 writes a segment at every savepoint.
   */
  transaction<A extends unknown[], R>(write: (...args: A) => R): (...args: A) => R;
}

export function searchChanges(db: Db): SearchChanges {
  // One statement each, whatever the number of documents: FTS5 writes out its pending terms as a
  // segment at the start of every statement that may change several rows, so an insert per
  // document would again make a segment per document. Rowids ascending, or FTS5 writes out early.
  const remove = db.prepare('DELETE FROM search_index WHERE rowid IN (SELECT docid FROM search_changes)');
  // Each half of the view looked up by primary key: a discussion by its id, a comment by its id
  // and its discussion's (without the discussion's, SQLite reads every discussion to find none).
  const add = db.prepare(`INSERT INTO search_index (rowid, title, body, author)
    SELECT docid, title, body, author FROM search_documents
      WHERE comment_id IS NULL AND discussion_id IN (SELECT -docid FROM search_changes WHERE docid < 0)
    UNION ALL
    SELECT docid, title, body, author FROM search_documents
      WHERE comment_id IN (SELECT docid FROM search_changes WHERE docid > 0)
        AND discussion_id IN (SELECT post_id FROM comments WHERE id IN (SELECT docid FROM search_changes))
    ORDER BY docid`);
  const forget = db.prepare('DELETE FROM search_changes');
  const anyChanged = db.prepare('SELECT EXISTS (SELECT 1 FROM search_changes)').pluck();
  const index = () => {
    remove.run();
    add.run();
    forget.run();
  };
  const indexAlone = db.transaction(index).immediate;
  return {
    index,
    indexLeftBehind() {
      if (anyChanged.get() === 1 && !db.inTransaction) indexAlone();
    },
    transaction<A extends unknown[], R>(write: (...args: A) => R) {
      const alone = db.transaction((...args: A) => {
        const result = write(...args);
        index();
        return result;
      }).immediate;
      const nested = db.transaction(write);
      return (...args: A) => (db.inTransaction ? nested(...args) : alone(...args));
    },
  };
}

/**
 * Transactions for code that writes SQL of its own and may run on a database made by the
 * migrations before search (the seeds: bench/search-database.ts seeds first and times building
 * the index afterwards): they index their changes when the database lists them (migration 011),
 * and are plain transactions when not.
 */
export function indexingTransaction(db: Db): SearchChanges['transaction'] {
  const listsChanges = db
    .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'search_changes'")
    .get();
  return listsChanges === undefined ? (write) => db.transaction(write) : searchChanges(db).transaction;
}
