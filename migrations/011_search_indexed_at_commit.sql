-- The search index is written once per transaction, just before it commits, instead of by each
-- write's own trigger.
--
-- Why: writes are committed together (db/write-batch.ts), each in a savepoint of its own so that
-- a failing one rolls back alone. FTS5 keeps a transaction's new terms in memory and writes them
-- out as one segment, but it must write them out whenever a savepoint opens, so with a trigger
-- per write every comment still made a segment of its own and paid for it (FTS5's CPU a comment
-- was the same as with one transaction each; bench/README.md, Search, has the figures).
--
-- Now the triggers only note which documents changed, in search_changes, and the transaction
-- that owns the writes indexes them all at once before its commit (db/search-changes.ts): the
-- group commit for the writes it holds, a write's own transaction when it runs alone. The index
-- stays exact at every commit: it changes in the same transaction as what it indexes, and a
-- document is always re-read from search_documents, which leaves out whatever is deleted.
-- search_changes is empty between transactions.
--
-- Documents are named by migration 004's docid: a comment by its id, a discussion by minus its.
CREATE TABLE search_changes (docid INTEGER PRIMARY KEY);

DROP TRIGGER search_discussion_added;
DROP TRIGGER search_discussion_changed;
DROP TRIGGER search_discussion_comments_follow;
DROP TRIGGER search_discussion_removed;
DROP TRIGGER search_comment_added;
DROP TRIGGER search_comment_changed;
DROP TRIGGER search_comment_removed;

-- Only the columns that change what is indexed fire them (votes, counts and revisions do not).
CREATE TRIGGER search_discussion_added AFTER INSERT ON posts BEGIN
  INSERT OR IGNORE INTO search_changes (docid) VALUES (-NEW.id);
END;

CREATE TRIGGER search_discussion_changed AFTER UPDATE OF title, body_md, author_id, deleted_at ON posts
BEGIN
  INSERT OR IGNORE INTO search_changes (docid) VALUES (-NEW.id);
END;

-- A deleted discussion takes its comments out of search with it (and would bring them back).
CREATE TRIGGER search_discussion_comments_follow AFTER UPDATE OF deleted_at ON posts
  WHEN OLD.deleted_at IS NOT NEW.deleted_at
BEGIN
  INSERT OR IGNORE INTO search_changes (docid) SELECT id FROM comments WHERE post_id = NEW.id;
END;

-- Comments go by cascade, and their own trigger notes them; this covers a connection that runs
-- without foreign keys.
CREATE TRIGGER search_discussion_removed AFTER DELETE ON posts BEGIN
  INSERT OR IGNORE INTO search_changes (docid) VALUES (-OLD.id);
  INSERT OR IGNORE INTO search_changes (docid) SELECT id FROM comments WHERE post_id = OLD.id;
END;

CREATE TRIGGER search_comment_added AFTER INSERT ON comments BEGIN
  INSERT OR IGNORE INTO search_changes (docid) VALUES (NEW.id);
END;

CREATE TRIGGER search_comment_changed AFTER UPDATE OF post_id, author_id, body_md, deleted_at ON comments
BEGIN
  INSERT OR IGNORE INTO search_changes (docid) VALUES (NEW.id);
END;

CREATE TRIGGER search_comment_removed AFTER DELETE ON comments BEGIN
  INSERT OR IGNORE INTO search_changes (docid) VALUES (OLD.id);
END;
