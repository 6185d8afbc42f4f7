-- Prefix indexes for `word*` searches of two, three and four letters (GET /search).
--
-- Without them FTS5 answers cach* by reading the whole list of every indexed word that starts
-- with cach (cache, cached, caches, caching) and merging them into one list in memory before it
-- can return the first match, and a search reads that list five times (the check that decides
-- between bm25 and newest first, the newest of each kind, the snippets of each kind). With an
-- index of two- to four-letter prefixes FTS5 reads cach* like any one word, stopping at the
-- LIMIT; longer prefixes still expand, but they start fewer words. The price is a bigger index
-- (bench/README.md, Search, has both figures). A prefix index cannot be added to an existing
-- FTS5 table, so the table is made again and refilled from search_documents (migration 004),
-- which also leaves it exact. Migration 004's triggers name the table, not its definition, and
-- keep working on the new one.
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
