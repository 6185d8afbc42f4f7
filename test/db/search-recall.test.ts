import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchExpression, parseSearchQuery, searchMatch } from '../../app/domain/search-query.ts';
import { normalizeSearchText } from '../../app/domain/search-tokens.ts';
import type { Db } from '../../db/connection.ts';
import { build } from '../helpers/app.ts';
import { bilingualForum, ENGLISH_WORDS, HINDI_WORDS, precomposed } from './search-corpus.ts';

/** A character that makes up words (search-tokens.ts): next to one, an occurrence is part of a longer word. */
const WORD_CHARACTER = /[\p{L}\p{N}\p{Co}\p{Mn}\p{Mc}]/u;

function hasWholeWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
    const before = text.slice(0, at).at(-1) ?? ' ';
    const after =
      text
        .slice(at + word.length)
        [Symbol.iterator]()
        .next().value ?? ' ';
    if (!WORD_CHARACTER.test(before) && !WORD_CHARACTER.test(after)) return true;
  }
  return false;
}

interface Document {
  key: string;
  text: string;
}

/** The documents whose text instr() finds `word` in, kept when one occurrence is a whole word. */
function foundByInstr(db: Db, word: string, caseless: boolean): Set<string> {
  const text = (column: string) => (caseless ? `lower(${column})` : column);
  const rows = db
    .prepare(`SELECT 'd' || id AS key, title || ' ' || body_md AS text FROM posts
        WHERE deleted_at IS NULL AND (instr(${text('title')}, @word) > 0 OR instr(${text('body_md')}, @word) > 0)
      UNION ALL
      SELECT 'c' || id, body_md FROM comments WHERE deleted_at IS NULL AND instr(${text('body_md')}, @word) > 0`)
    .all({ word }) as Document[];
  return new Set(
    rows
      .filter((row) => hasWholeWord(caseless ? row.text.toLowerCase() : row.text, word))
      .map((row) => row.key),
  );
}

function allDocuments(db: Db): Document[] {
  return db
    .prepare(`SELECT 'd' || id AS key, title || ' ' || body_md AS text FROM posts
      UNION ALL SELECT 'c' || id, body_md FROM comments`)
    .all() as Document[];
}

test('every document instr() finds a whole word in, search finds, for 60 English and 60 Hindi words', async (t) => {
  const { app } = await build(t);
  const { db, repositories } = app;
  const authorId = repositories.users.create('lekhak', 'not-a-real-hash', 1) ?? 0;
  for (const document of bilingualForum(300)) {
    const id = repositories.discussions.create(
      { authorId, title: document.title, url: null, bodyMd: document.body, bodyHtml: '' },
      1,
    );
    for (const body of document.comments)
      repositories.comments.create(
        { discussionId: id, parentId: null, authorId, depth: 0, bodyMd: body, bodyHtml: '' },
        1,
      );
  }
  const documents = allDocuments(db);
  const search = (query: string) => {
    const match = searchMatch(parseSearchQuery(query).terms, []);
    assert.ok(match, query);
    const { hits } = repositories.search.find(match, 'relevance', 100_000, 0);
    return new Set(
      hits.map((hit) => (hit.commentId === null ? `d${hit.discussionId}` : `c${hit.commentId}`)),
    );
  };

  assert.ok(ENGLISH_WORDS.length >= 50 && HINDI_WORDS.length >= 50);
  for (const word of [...ENGLISH_WORDS, ...HINDI_WORDS]) {
    const english = /[a-z]/.test(word);
    const expected = foundByInstr(db, word, english);
    const found = search(word);
    assert.ok(expected.size > 0, `the corpus uses ${word}`);
    const missed = [...expected].filter((key) => !found.has(key));
    assert.deepEqual(missed, [], `search for ${word} missed documents instr() finds`);
    // And nothing else: every hit has the word, whichever way its nukta was typed.
    const normalized = normalizeSearchText(word);
    const wrong = [...found].filter((key) => {
      const text = normalizeSearchText(documents.find((document) => document.key === key)?.text ?? '');
      return !hasWholeWord(english ? text.toLowerCase() : text, normalized);
    });
    assert.deepEqual(wrong, [], `search for ${word} found documents without the word`);
    if (precomposed(word) !== word) {
      assert.ok(foundByInstr(db, precomposed(word), false).size > 0, `the corpus spells ${word} both ways`);
      assert.deepEqual(search(precomposed(word)), found, `${word} is found whichever way it is typed`);
    }
  }
});

test("with unicode61's default categories the same Hindi searches find words they were not asked for", async (t) => {
  const { app } = await build(t);
  const { db } = app;
  const authorId = app.repositories.users.create('lekhak', 'not-a-real-hash', 1) ?? 0;
  for (const text of ['पढ़ाना सीखो', 'किताबें पढ़ो', 'हिंदी'])
    app.repositories.discussions.create({ authorId, title: text, url: null, bodyMd: '', bodyHtml: '' }, 1);
  db.exec(`CREATE VIRTUAL TABLE default_index USING fts5(title, body, author);
    INSERT INTO default_index (rowid, title, body, author) SELECT docid, title, body, author FROM search_documents;`);
  const titles = (table: string, word: string) =>
    db
      .prepare(`SELECT p.title FROM ${table} JOIN posts p ON p.id = -${table}.rowid WHERE ${table} MATCH ?
        ORDER BY p.id`)
      .pluck()
      .all(matchExpression(parseSearchQuery(word).terms, []));
  // The default splits at vowel signs: पढ़ना is "प ढ न", and so is पढ़ाना.
  assert.deepEqual(titles('default_index', 'पढ़ना'), ['पढ़ाना सीखो']);
  assert.deepEqual(titles('search_index', 'पढ़ना'), []);
  // किताब is a whole word of किताबें there (ब then a vowel sign), not here.
  assert.deepEqual(titles('default_index', 'किताब'), ['किताबें पढ़ो']);
  assert.deepEqual(titles('search_index', 'किताब'), []);
  assert.deepEqual(titles('search_index', 'किताबें'), ['किताबें पढ़ो']);
});
