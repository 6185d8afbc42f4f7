-- Full-text search over live discussions and comments (GET /search).
--
-- Which kind of FTS5 table: a plain one, holding its own copy of the indexed text, fed by
-- the triggers below.
-- * External content (content='posts') cannot serve both tables: discussions and comments
--   must share one index, or their bm25 scores are not comparable (each index has its own
--   document counts and lengths). The one content source would be a UNION view, which
--   snippet() reads by rowid and SQLite cannot look up through an index; and an external
--   index is only exact if every delete repeats the old text word for word.
-- * Contentless (content='') stores the least, but has no text for snippet() and highlight(),
--   so every result would be re-read and re-tokenized outside SQLite.
-- * Our own copy costs the text's bytes once more, and in exchange snippets, highlights and
--   deletes by rowid just work, inside the write's own transaction.
--
-- Rowids: a comment is its id, a discussion minus its id. Both kinds live in one rowid space,
-- a trigger finds a row without scanning, and each kind is one end of the index: the newest
-- comments have the highest rowids, the newest discussions the lowest, so a search can read the
-- newest matches of either kind without passing over the other.
--
-- Tokenizer: unicode61 splits Devanagari words at every vowel sign, virama and nukta (they are
-- combining marks, categories Mn and Mc, which it treats as separators by default): हैलो was
-- indexed as ह and ल. Adding Mn and Mc to the token categories keeps a Hindi word whole;
-- remove_diacritics 2 still folds Latin accents (café = cafe), since it strips Latin
-- combining accents from within tokens. trigram was the alternative: it needs no word
-- boundaries at all, but a query needs 3 characters (many Hindi words are shorter: है, का),
-- every match is a substring match (cat finds education), bm25 ranks trigrams rather than
-- words, and the index is much larger (bench/search.ts compares the three).
--
-- Columns: title (discussions only), body (Markdown source, never the rendered HTML) and
-- author, which holds one token, u<user id>: author:name is looked up in users, then matched
-- exactly; names themselves tokenize into pieces (asha_k → asha, k).
CREATE VIRTUAL TABLE search_index USING fts5(
  title,
  body,
  author,
  tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co Mn Mc'"
);

-- What is indexed, defined once for the initial fill and every trigger: live discussions,
-- and live comments of live discussions, as text the tokenizer keeps whole. The same text
-- written two ways is indexed one way (app/domain/search-tokens.ts applies the same list to
-- queries): Devanagari letters with a nukta are stored decomposed, as NFD has them
-- (ज़ typed as one code point, U+095B, or as ज + ़), and the format characters that sit
-- inside words (zero-width non-joiner and joiner, which shape Indic conjuncts, and the soft
-- hyphen) are dropped, since the tokenizer would split the word at them.
CREATE VIEW search_documents (docid, discussion_id, comment_id, title, body, author) AS
  SELECT docid, discussion_id, comment_id,
    replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
      replace(replace(replace(title,
        char(0x0929), char(0x0928, 0x093C)), char(0x0931), char(0x0930, 0x093C)),
        char(0x0934), char(0x0933, 0x093C)), char(0x0958), char(0x0915, 0x093C)),
        char(0x0959), char(0x0916, 0x093C)), char(0x095A), char(0x0917, 0x093C)),
        char(0x095B), char(0x091C, 0x093C)), char(0x095C), char(0x0921, 0x093C)),
        char(0x095D), char(0x0922, 0x093C)), char(0x095E), char(0x092B, 0x093C)),
        char(0x095F), char(0x092F, 0x093C)), char(0x200C), ''), char(0x200D), ''),
        char(0x00AD), ''),
    replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
      replace(replace(replace(body,
        char(0x0929), char(0x0928, 0x093C)), char(0x0931), char(0x0930, 0x093C)),
        char(0x0934), char(0x0933, 0x093C)), char(0x0958), char(0x0915, 0x093C)),
        char(0x0959), char(0x0916, 0x093C)), char(0x095A), char(0x0917, 0x093C)),
        char(0x095B), char(0x091C, 0x093C)), char(0x095C), char(0x0921, 0x093C)),
        char(0x095D), char(0x0922, 0x093C)), char(0x095E), char(0x092B, 0x093C)),
        char(0x095F), char(0x092F, 0x093C)), char(0x200C), ''), char(0x200D), ''),
        char(0x00AD), ''),
    'u' || author_id
  FROM (
    SELECT -p.id AS docid, p.id AS discussion_id, NULL AS comment_id, p.title, p.body_md AS body,
      p.author_id
    FROM posts p WHERE p.deleted_at IS NULL
    UNION ALL
    SELECT c.id, c.post_id, c.id, '', c.body_md, c.author_id
    FROM comments c JOIN posts p ON p.id = c.post_id
    WHERE c.deleted_at IS NULL AND p.deleted_at IS NULL
  );

INSERT INTO search_index (rowid, title, body, author)
  SELECT docid, title, body, author FROM search_documents;
-- One b-tree per term instead of one per insert batch: smaller, and faster to query.
INSERT INTO search_index (search_index) VALUES ('optimize');

-- The triggers keep the index exact inside every write's own transaction: a row is deleted
-- and re-added from search_documents, which leaves out whatever is deleted. Only the
-- columns that change what is indexed fire them (votes, counts and revisions do not).
CREATE TRIGGER search_discussion_added AFTER INSERT ON posts BEGIN
  INSERT INTO search_index (rowid, title, body, author)
    SELECT docid, title, body, author FROM search_documents
    WHERE discussion_id = NEW.id AND comment_id IS NULL;
END;

CREATE TRIGGER search_discussion_changed AFTER UPDATE OF title, body_md, author_id, deleted_at ON posts
BEGIN
  DELETE FROM search_index WHERE rowid = -OLD.id;
  INSERT INTO search_index (rowid, title, body, author)
    SELECT docid, title, body, author FROM search_documents
    WHERE discussion_id = NEW.id AND comment_id IS NULL;
END;

-- A deleted discussion takes its comments out of search with it (and would bring them back).
CREATE TRIGGER search_discussion_comments_follow AFTER UPDATE OF deleted_at ON posts
  WHEN OLD.deleted_at IS NOT NEW.deleted_at
BEGIN
  DELETE FROM search_index WHERE rowid IN (SELECT id FROM comments WHERE post_id = NEW.id);
  INSERT INTO search_index (rowid, title, body, author)
    SELECT docid, title, body, author FROM search_documents
    WHERE discussion_id = NEW.id AND comment_id IS NOT NULL;
END;

-- Comments go by cascade, and their own trigger removes them; this covers a connection
-- that runs without foreign keys.
CREATE TRIGGER search_discussion_removed AFTER DELETE ON posts BEGIN
  DELETE FROM search_index WHERE rowid = -OLD.id;
  DELETE FROM search_index WHERE rowid IN (SELECT id FROM comments WHERE post_id = OLD.id);
END;

CREATE TRIGGER search_comment_added AFTER INSERT ON comments BEGIN
  INSERT INTO search_index (rowid, title, body, author)
    SELECT docid, title, body, author FROM search_documents WHERE comment_id = NEW.id;
END;

CREATE TRIGGER search_comment_changed AFTER UPDATE OF post_id, author_id, body_md, deleted_at ON comments
BEGIN
  DELETE FROM search_index WHERE rowid = OLD.id;
  INSERT INTO search_index (rowid, title, body, author)
    SELECT docid, title, body, author FROM search_documents WHERE comment_id = NEW.id;
END;

CREATE TRIGGER search_comment_removed AFTER DELETE ON comments BEGIN
  DELETE FROM search_index WHERE rowid = OLD.id;
END;
