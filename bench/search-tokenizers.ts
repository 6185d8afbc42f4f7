// The tokenizer choice of migration 004, measured: the same bilingual documents indexed with
// unicode61 as configured, unicode61 as it comes, and trigram; for each, the index's size, and
// how exactly it answers the 60 Hindi words of the test corpus (every document that has the
// whole word found, and nothing else).
import Database from 'better-sqlite3';
import { matchExpression, parseSearchQuery } from '../app/domain/search-query.ts';
import { normalizeSearchText, SEARCH_TOKENIZER } from '../app/domain/search-tokens.ts';
import { bilingualForum, HINDI_WORDS } from '../test/db/search-corpus.ts';

export interface TokenizerFigures {
  name: string;
  tokenizer: string;
  buildMs: number;
  indexBytes: number;
  /** Of the documents holding a Hindi word whole, the share found (over all 60 words). */
  recall: number;
  /** Of the documents found for a Hindi word, the share that hold it whole. */
  precision: number;
  /** Hindi words for which search found nothing at all. */
  unanswered: number;
}

const TOKENIZERS = [
  { name: 'unicode61 + Mn Mc (ours)', tokenizer: SEARCH_TOKENIZER },
  { name: 'unicode61 (default)', tokenizer: 'unicode61 remove_diacritics 2' },
  { name: 'trigram', tokenizer: 'trigram remove_diacritics 1' },
];

const WORD_CHARACTER = /[\p{L}\p{N}\p{Co}\p{Mn}\p{Mc}]/u;

function hasWholeWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
    const before = text.slice(0, at).at(-1) ?? ' ';
    const after = text.slice(at + word.length).at(0) ?? ' ';
    if (!WORD_CHARACTER.test(before) && !WORD_CHARACTER.test(after)) return true;
  }
  return false;
}

export function compareTokenizers(discussions: number): TokenizerFigures[] {
  const texts = bilingualForum(discussions).flatMap((document) => [
    normalizeSearchText(`${document.title} ${document.body}`),
    ...document.comments.map(normalizeSearchText),
  ]);
  const truth = new Map(
    HINDI_WORDS.map((word) => {
      const normalized = normalizeSearchText(word);
      return [
        normalized,
        new Set(texts.flatMap((text, i) => (hasWholeWord(text, normalized) ? [i + 1] : []))),
      ];
    }),
  );
  return TOKENIZERS.map(({ name, tokenizer }) => {
    const db = new Database(':memory:');
    try {
      db.exec(`CREATE VIRTUAL TABLE t USING fts5(title, body, author, tokenize = "${tokenizer}")`);
      const insert = db.prepare("INSERT INTO t (rowid, title, body, author) VALUES (?, '', ?, '')");
      const started = performance.now();
      db.transaction(() => {
        for (const [i, text] of texts.entries()) insert.run(i + 1, text);
      })();
      db.exec("INSERT INTO t (t) VALUES ('optimize')");
      const buildMs = performance.now() - started;
      const indexBytes = Number(
        db.prepare("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 't_%'").pluck().get(),
      );
      const search = db.prepare('SELECT rowid FROM t WHERE t MATCH ?').pluck();
      let expected = 0;
      let foundRight = 0;
      let found = 0;
      let unanswered = 0;
      for (const [word, documents] of truth) {
        const hits = new Set(search.all(matchExpression(parseSearchQuery(word).terms, [])) as number[]);
        if (hits.size === 0) unanswered++;
        expected += documents.size;
        found += hits.size;
        foundRight += [...hits].filter((id) => documents.has(id)).length;
      }
      return {
        name,
        tokenizer,
        buildMs,
        indexBytes,
        recall: foundRight / expected,
        precision: found === 0 ? 0 : foundRight / found,
        unanswered,
      };
    } finally {
      db.close();
    }
  });
}
