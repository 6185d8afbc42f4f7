import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import {
  MAX_TERMS,
  matchExpression,
  parseSearchQuery,
  type SearchTerm,
} from '../../app/domain/search-query.ts';
import { SEARCH_TOKENIZER } from '../../app/domain/search-tokens.ts';

const word = (text: string, prefix = false): SearchTerm => ({ words: [text], prefix });
const phrase = (...words: string[]): SearchTerm => ({ words, prefix: false });
const terms = (query: string) => parseSearchQuery(query).terms;
const match = (query: string) => matchExpression(parseSearchQuery(query).terms, []);

test('words are terms; a MATCH expression quotes each one and looks in titles and bodies only', () => {
  assert.deepEqual(parseSearchQuery('  offline   forms '), {
    terms: [word('offline'), word('forms')],
    authors: [],
    dropped: 0,
  });
  assert.equal(match('offline forms'), '{title body} : ("offline" "forms")');
  assert.equal(match(''), null);
  assert.equal(match('   '), null);
});

test('quoted phrases, with straight or typographic quotes; an unpaired quote is just punctuation', () => {
  assert.deepEqual(terms('"offline forms" sync'), [phrase('offline', 'forms'), word('sync')]);
  assert.deepEqual(terms('“service worker”'), [phrase('service', 'worker')]);
  assert.deepEqual(terms('"offline forms'), [word('offline'), word('forms')]);
  assert.deepEqual(terms('a "b c" "d'), [word('a'), phrase('b', 'c'), word('d')]);
  assert.deepEqual(terms('""'), []);
  assert.equal(match('"offline forms"'), '{title body} : ("offline forms")');
});

test('a word that punctuation splits stays one term, as a phrase: e-mail finds "e mail" in order', () => {
  assert.deepEqual(terms('e-mail'), [phrase('e', 'mail')]);
  assert.deepEqual(terms("don't"), [phrase('don', 't')]);
});

test('word* is a prefix of two characters or more; a lone or inner star is punctuation', () => {
  assert.deepEqual(terms('cach*'), [word('cach', true)]);
  assert.equal(match('cach*'), '{title body} : ("cach"*)');
  assert.deepEqual(terms('ca*'), [word('ca', true)]);
  assert.deepEqual(terms('c*'), [word('c')], 'one letter would expand to most of the vocabulary');
  assert.deepEqual(terms('*'), []);
  assert.deepEqual(terms('* **'), []);
  assert.deepEqual(terms('*cach'), [word('cach')]);
  assert.deepEqual(terms('ca*ch'), [phrase('ca', 'ch')]);
  assert.deepEqual(terms('"cach*"'), [word('cach')], 'inside quotes a star is not an operator');
  assert.deepEqual(terms('e-mai*'), [{ words: ['e', 'mai'], prefix: true }]);
  assert.deepEqual(terms('पढ़*'), [word('पढ़', true)]);
});

test('author:name filters by person, whatever the case, once per name; a malformed one is words', () => {
  assert.deepEqual(parseSearchQuery('author:Asha offline author:asha'), {
    terms: [word('offline')],
    authors: ['Asha'],
    dropped: 0,
  });
  assert.deepEqual(parseSearchQuery('AUTHOR:bilal_k-2').authors, ['bilal_k-2']);
  assert.deepEqual(parseSearchQuery('author: asha'), {
    terms: [word('author'), word('asha')],
    authors: [],
    dropped: 0,
  });
  assert.deepEqual(parseSearchQuery('author:<b>').terms, [phrase('author', 'b')]);
  assert.deepEqual(parseSearchQuery('"author:asha"').terms, [phrase('author', 'asha')]);
  assert.deepEqual(parseSearchQuery('author:a author:b author:c author:d'), {
    terms: [],
    authors: ['a', 'b', 'c'],
    dropped: 1,
  });
  assert.equal(matchExpression([], [3, 12]), 'author : ("u3" OR "u12")');
  assert.equal(matchExpression([word('sync')], [3]), 'author : ("u3") AND {title body} : ("sync")');
});

test('FTS5 operators and syntax typed by a person are words to look for, never syntax', () => {
  assert.equal(match('cats AND dogs'), '{title body} : ("cats" "AND" "dogs")');
  assert.equal(match('OR'), '{title body} : ("OR")');
  assert.equal(match('NEAR(a b, 3)'), '{title body} : ("NEAR a" "b" "3")');
  assert.equal(match('NOT x'), '{title body} : ("NOT" "x")');
  assert.equal(match('title:x body:y'), '{title body} : ("title x" "body y")');
  assert.equal(match('^start +plus -minus (paren)'), '{title body} : ("start" "plus" "minus" "paren")');
  assert.equal(match('{title}: x'), '{title body} : ("title" "x")');
  assert.equal(match('a\u0000b\u001fc\u007f'), '{title body} : ("a b c")');
  assert.equal(match('\u0301 \u0300'), null, 'lone accents index as nothing');
});

test('Hindi words stay whole, and both spellings of a nukta letter are one word', () => {
  assert.deepEqual(terms('क्षमा परीक्षा किताबें'), [word('क्षमा'), word('परीक्षा'), word('किताबें')]);
  assert.deepEqual(terms('\u095Bिंदगी'), [word('\u091C\u093Cिंदगी')]);
  assert.deepEqual(terms('क्\u200Dष'), [word('क्ष')], 'a zero-width joiner does not split the word');
});

test(`only the first ${MAX_TERMS} terms are searched; the rest are counted`, () => {
  const query = parseSearchQuery('one two three four five six seven eight nine ten');
  assert.equal(query.terms.length, MAX_TERMS);
  assert.equal(query.dropped, 2);
});

/** The only shapes a MATCH expression may take: user text appears only inside "…" strings. */
const SAFE_MATCH =
  /^(?:author : \("u\d+"(?: OR "u\d+")*\))?(?: AND )?(?:\{title body\} : \("(?:[^"]|"")*"\*?(?: "(?:[^"]|"")*"\*?)*\))?$/u;

/** Pieces of FTS5 syntax and of text that has broken search engines, for generated queries. */
const HOSTILE_PIECES = [
  ...'"“”„*^+-:(){}[],;\'\\%_ \t\n',
  ...['AND', 'OR', 'NOT', 'NEAR', 'NEAR(', 'author:', 'author:asha', 'title:', 'body:', 'rank', 'rowid'],
  ...['\u0000', '\u0007', '\u001b', '\u007f', '\u200d', '\u200c', '\u00ad', '\u0301', '\ufdd0', '\ufdd1'],
  ...['\ud800', '\udfff', 'क्ष', 'ज़', '\u095b', 'ि', '्', 'é', 'ß', 'İ', '😀', 'x'],
];

test('hostile queries never throw and always give a safe MATCH expression that FTS5 accepts', () => {
  const db = new Database(':memory:');
  db.exec(
    `CREATE VIRTUAL TABLE search_index USING fts5(title, body, author, tokenize = "${SEARCH_TOKENIZER}")`,
  );
  db.prepare('INSERT INTO search_index (rowid, title, body, author) VALUES (2, ?, ?, ?)').run(
    'AND OR NEAR title',
    'क्षमा ज़िंदगी é x',
    'u1',
  );
  const search = db.prepare('SELECT rowid FROM search_index WHERE search_index MATCH ?');
  const query = fc.oneof(
    fc.string({ unit: fc.constantFrom(...HOSTILE_PIECES), maxLength: 30 }),
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.string({ unit: 'grapheme', maxLength: 60 }),
  );
  const authorIds = fc.array(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), { maxLength: 3 });
  fc.assert(
    fc.property(query, authorIds, (text, ids) => {
      const parsed = parseSearchQuery(text);
      assert.ok(parsed.terms.length <= MAX_TERMS);
      const expression = matchExpression(parsed.terms, ids);
      if (expression === null) {
        assert.equal(parsed.terms.length + ids.length, 0);
        return;
      }
      assert.match(expression, SAFE_MATCH);
      search.all(expression);
    }),
    { numRuns: 3000 },
  );
  db.close();
});
