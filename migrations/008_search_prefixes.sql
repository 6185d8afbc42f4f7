-- Prefix indexes for `word*` searches of two, three and four letters (GET /search).
--
-- Without them FTS5 answers cach* by reading the whole list of every indexed word that starts
-- with cach (cache, cached, caches, caching) and merging them into one list in memory, before
-- it can return the first match; and a search reads that list five times (the count that decides
-- between bm25 and newest first, the newest of each kind, the snippets of each kind). On the
-- 100k-discussion forum that was 100-190 ms for cach*, against about 5 ms with an index of
-- two- to four-letter prefixes, which FTS5 reads like any one word, stopping at the LIMIT.
-- Longer prefixes still expand: they start fewer words. Cost: the index's inverted lists grew
-- from 66 to 221 MiB (bench/README.md, Search). A prefix index cannot be added to an existing
-- FTS5 table, so the table is made again and refilled from search_documents (migration 004),
-- which also leaves it exact. Migration 004's triggers name the table, not its definition,
-- and keep working on the new one.
DROP TABLE search_index;

CREATE VIRTUAL TABLE search_index USING fts5(
  title,
  body,
  author,
  tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co Mn Mc'",
  prefix = '2 3 4'
);

INSERT INTO search_index (rowid, title, body, author)
  SELECT docid, title, body, author FROM search_documents;
INSERT INTO search_index (search_index) VALUES ('optimize');
