import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import {
  foldWord,
  normalizeSearchText,
  SEARCH_EQUIVALENTS,
  SEARCH_TOKENIZER,
  searchTokens,
  searchWords,
} from '../../app/domain/search-tokens.ts';

/** FTS5 itself, configured as migration 004 configures it, as the reference for the rules. */
function fts5Tokens() {
  const db = new Database(':memory:');
  db.exec(`CREATE VIRTUAL TABLE t USING fts5(x, tokenize = "${SEARCH_TOKENIZER}");
    CREATE VIRTUAL TABLE t_terms USING fts5vocab(t, 'instance');`);
  const insert = db.prepare('INSERT INTO t (rowid, x) VALUES (1, ?)');
  const read = db.prepare('SELECT term FROM t_terms ORDER BY offset').pluck();
  return (text: string): string[] => {
    db.exec('DELETE FROM t');
    // The index receives normalized text (search_documents applies SEARCH_EQUIVALENTS).
    insert.run(normalizeSearchText(text));
    // FTS5 stores a word made only of removed accents as an empty term; it can match nothing.
    return (read.all() as (string | null)[]).filter((term): term is string => !!term);
  };
}

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i));

/** The scripts Charcha's readers write in, and the accents FTS5 removes. */
const CLAIMED = [
  ...range(0x20, 0x7e),
  ...range(0xa0, 0xff),
  ...range(0x100, 0x17f),
  ...range(0x1e00, 0x1eff),
  ...range(0x900, 0x97f),
  ...range(0x300, 0x36f),
];

test('Hindi words keep their vowel signs, virama and nukta; Latin words lose case and accents', () => {
  assert.deepEqual(searchTokens('किताबें पढ़ना, परीक्षा! ज़िंदगी'), ['किताबें', 'पढ़ना', 'परीक्षा', 'ज़िंदगी']);
  assert.deepEqual(searchTokens('Café NAÏVE résumé straße İstanbul Ångström'), [
    'cafe',
    'naive',
    'resume',
    'straße',
    'istanbul',
    'angstrom',
  ]);
  assert.deepEqual(searchTokens('cafe\u0301 x\u0308y'), ['cafe', 'xy'], 'decomposed accents too');
  assert.deepEqual(searchTokens('e-mail: foo_bar 3.14'), ['e', 'mail', 'foo', 'bar', '3', '14']);
  assert.deepEqual(
    searchWords('Café'),
    ['Café'],
    'words keep their spelling; FTS5 folds what a query quotes',
  );
  assert.equal(foldWord('ΣΟΦΟΣ'), 'σοφοσ', 'letter by letter, as FTS5 does: no final-sigma rule');
});

test('both spellings of every nukta letter, and words with zero-width joiners, are one word', () => {
  for (const [written, indexed] of SEARCH_EQUIVALENTS.slice(0, 11)) {
    assert.equal(indexed.normalize('NFD'), indexed, 'stored as NFD has it');
    assert.equal(written.normalize('NFD'), indexed, 'the precomposed letter is the same text');
    assert.deepEqual(searchTokens(`${written}ा`), searchTokens(`${indexed}ा`));
  }
  assert.deepEqual(searchTokens('क्\u200Dष क्\u200Cष सॉफ़्ट\u00ADवेयर'), ['क्ष', 'क्ष', 'सॉफ़्टवेयर']);
});

test('every character of the claimed scripts tokenizes exactly as FTS5 tokenizes it', () => {
  const fts5 = fts5Tokens();
  const differences = CLAIMED.filter((character) => {
    const text = `a${character}b ${character} ${character}${character}`;
    return JSON.stringify(searchTokens(text)) !== JSON.stringify(fts5(text));
  });
  assert.deepEqual(
    differences.map((c) => `U+${c.codePointAt(0)?.toString(16)}`),
    [],
  );
});

test('generated text in those scripts tokenizes exactly as FTS5 tokenizes it', () => {
  const fts5 = fts5Tokens();
  const text = fc.string({
    unit: fc.constantFrom(...CLAIMED, ...SEARCH_EQUIVALENTS.map(([w]) => w)),
    maxLength: 40,
  });
  fc.assert(
    fc.property(text, (sample) => {
      assert.deepEqual(searchTokens(sample), fts5(sample));
    }),
    { numRuns: 2000 },
  );
});
