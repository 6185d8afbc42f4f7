import type { Db } from '../connection.ts';

/**
 * Long prefixes (cache*) read as the words they start. Migration 008's prefix indexes stop at 4
 * letters; for a longer prefix FTS5 reads the list of every word it starts and merges them in
 * memory before the first row, and a search does that five times (the check whether a term is
 * too common, the newest of each kind, the details of each kind): 20–68 ms at the median on the
 * 100k forum, for cache* (110k documents). The words, read once per search from the index's
 * vocabulary (a seek to the prefix and a scan of its words' lists, 5 ms for cache*), asked for
 * as `("cache" OR "cached" OR "caches")`, are read lazily, each from its own list, stopping at
 * the LIMIT, and match the same documents (bench/README.md, Search).
 *
 * Only for prefixes of ASCII letters and digits, which the index's tokenizer folds exactly as
 * toLowerCase does: the vocabulary holds folded words, and a prefix folded otherwise than FTS5
 * folds it would miss some.
 */

const LONGEST_INDEXED_PREFIX = 4;
const EXPANDABLE_PREFIX = /^[A-Za-z0-9]+$/;
/** An OR of more words than this steps through all of their lists at every row: then the merge is cheaper. */
const MAX_PREFIX_WORDS = 32;
/**
 * The terms of app/domain/search-query.ts's MATCH expressions: FTS5 strings (a doubled quote is
 * a quote) with a prefix's * right after, one space apart.
 */
const TERM = /"(?:[^"]|"")*"\*?/g;
const TERM_RUN = /"(?:[^"]|"")*"\*?(?: "(?:[^"]|"")*"\*?)*/g;

/** The string just past every word that starts with `prefix` (ASCII): "cache" → "cachf". */
const pastPrefix = (prefix: string) =>
  `${prefix.slice(0, -1)}${String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)}`;

export interface PrefixWords {
  /**
   * `expression` with each long prefix written as its words, or as it is when it starts none or
   * more than MAX_PREFIX_WORDS. With `rankedAlike`, only prefixes that start one word: bm25 weighs
   * each word of an OR by its own rarity and a prefix by the prefix's, and snippets favour a
   * passage with more of an OR's words, so only a one-word prefix ranks and reads exactly as the
   * prefix does. The same documents match either way.
   */
  expand(expression: string, rankedAlike?: boolean): string;
}

/** For one search: each prefix's words are read once. */
export function prefixWords(db: Db): () => PrefixWords {
  // The index's vocabulary for this connection only (temp): a view FTS5 provides over
  // search_index, read-only, so no migration.
  let vocabulary: { all(low: string, high: string): unknown[] } | undefined;
  const wordsStartingWith = (prefix: string): string[] => {
    vocabulary ??= (() => {
      db.exec(
        'CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocabulary USING fts5vocab(main, search_index, row)',
      );
      return db
        .prepare(
          `SELECT term FROM temp.search_vocabulary WHERE term >= ? AND term < ? LIMIT ${MAX_PREFIX_WORDS + 1}`,
        )
        .pluck();
    })();
    return (vocabulary.all(prefix, pastPrefix(prefix)) as string[]).filter((word) => word.startsWith(prefix));
  };

  return () => {
    const known = new Map<string, string[]>();
    const expandTerm = (term: string, rankedAlike: boolean): string => {
      if (!term.endsWith('*')) return term;
      const words = term.slice(1, -2).split(' ');
      const prefix = words.pop() ?? '';
      if (prefix.length <= LONGEST_INDEXED_PREFIX || !EXPANDABLE_PREFIX.test(prefix)) return term;
      const lowered = prefix.toLowerCase();
      let found = known.get(lowered);
      if (found === undefined) {
        found = wordsStartingWith(lowered);
        known.set(lowered, found);
      }
      if (found.length === 0 || found.length > MAX_PREFIX_WORDS || (rankedAlike && found.length > 1))
        return term;
      return `(${found.map((word) => `"${[...words, word].join(' ')}"`).join(' OR ')})`;
    };
    return {
      // FTS5 joins terms with a space only when both are strings: next to an OR the AND is written.
      expand: (expression, rankedAlike = false) =>
        expression.replace(TERM_RUN, (run) => {
          const terms = run.match(TERM) ?? [];
          const expanded = terms.map((term) => expandTerm(term, rankedAlike));
          return expanded.every((term, i) => term === terms[i]) ? run : expanded.join(' AND ');
        }),
    };
  };
}
