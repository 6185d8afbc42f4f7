/**
 * How search cuts text into words: the rules of the FTS5 tokenizer that migration 004 configures,
 * written out so that code without SQLite (the query parser here, an index in the browser later)
 * reads text exactly as the server's index does. Pure: no Node, no DOM.
 *
 * Checked against FTS5 itself (test/domain/search-tokens.test.ts) for ASCII, Latin-1, Latin
 * Extended-A and Additional, the accents FTS5 removes, and the whole Devanagari block.
 */

/** The tokenizer of migrations/004_search.sql, for tables that must read text the same way. */
export const SEARCH_TOKENIZER = "unicode61 remove_diacritics 2 categories 'L* N* Co Mn Mc'";

/**
 * Letters, digits, private-use characters and combining marks make up words; everything else
 * separates them. The marks (Mn, Mc) are what keep a Hindi word whole: vowel signs (ि ा ी),
 * virama (्), nukta (़) and anusvara (ं) are all combining marks.
 */
const WORD = /[\p{L}\p{N}\p{Co}\p{Mn}\p{Mc}]+/gu;

/**
 * Text written two ways that must be found one way, replaced before tokenizing. The same list,
 * in the same order, is spelled out in SQL in migration 004's search_documents view.
 * - Devanagari letters with a nukta, precomposed, become letter + nukta (as NFD has them), so
 *   ज़ matches whichever way a keyboard produced it.
 * - Zero-width non-joiner and joiner (which only choose how a conjunct is drawn) and the soft
 *   hyphen (a possible line break) are dropped: the tokenizer would split a word at them.
 */
export const SEARCH_EQUIVALENTS: readonly (readonly [string, string])[] = [
  ['\u0929', '\u0928\u093C'],
  ['\u0931', '\u0930\u093C'],
  ['\u0934', '\u0933\u093C'],
  ['\u0958', '\u0915\u093C'],
  ['\u0959', '\u0916\u093C'],
  ['\u095A', '\u0917\u093C'],
  ['\u095B', '\u091C\u093C'],
  ['\u095C', '\u0921\u093C'],
  ['\u095D', '\u0922\u093C'],
  ['\u095E', '\u092B\u093C'],
  ['\u095F', '\u092F\u093C'],
  ['\u200C', ''],
  ['\u200D', ''],
  ['\u00AD', ''],
];

/** The combining accents that FTS5's remove_diacritics 2 strips from a Latin letter. */
const REMOVED_ACCENTS =
  /[\u0300-\u0304\u0306-\u030C\u030F\u0311\u031B\u0323-\u0328\u032D\u032E\u0330\u0331]/g;
const REMOVED_ACCENT = new RegExp(`^${REMOVED_ACCENTS.source}$`);
const LETTER = /^\p{L}$/u;

/** Case folds that lower-casing alone misses (micro sign, long s, Greek iota subscript), as FTS5 has them. */
const SPECIAL_FOLDS: Readonly<Record<string, string>> = { µ: 'μ', ſ: 's', ẛ: 's', '\u0345': 'ι' };

/** The text as the index receives it (see SEARCH_EQUIVALENTS). */
export function normalizeSearchText(text: string): string {
  let normalized = text;
  for (const [written, indexed] of SEARCH_EQUIVALENTS) normalized = normalized.replaceAll(written, indexed);
  return normalized;
}

/** The words of `text` as they were written (normalized, not folded): what a query quotes for FTS5. */
export function searchWords(text: string): string[] {
  return normalizeSearchText(text).match(WORD) ?? [];
}

function foldCharacter(character: string): string {
  const special = SPECIAL_FOLDS[character];
  if (special !== undefined) return special;
  const lower = character.toLowerCase();
  if (!LETTER.test(character)) return REMOVED_ACCENT.test(character) ? '' : lower;
  const bare = lower.normalize('NFD').replace(REMOVED_ACCENTS, '');
  // FTS5 folds a letter only to a plain Latin one (é → e, ễ → e); æ, ø and Devanagari stay.
  return /^[a-z]$/.test(bare) ? bare : lower;
}

/** A word as the index stores it: lower case, Latin accents removed, Devanagari untouched. */
export function foldWord(word: string): string {
  let folded = '';
  for (const character of word) folded += foldCharacter(character);
  return folded;
}

/** The terms the index holds for `text`, in order: what an index built outside SQLite must store. */
export function searchTokens(text: string): string[] {
  return searchWords(text)
    .map(foldWord)
    .filter((token) => token !== '');
}
