import { foldWord, normalizeSearchText, searchWords } from './search-tokens.ts';

/**
 * What a person types into the search box, read into terms, and the FTS5 MATCH expression built
 * from them. User text never reaches FTS5's query syntax: every term is made of words (letters,
 * digits and combining marks only, see search-tokens.ts) and written as a quoted FTS5 string, so
 * AND, OR, NEAR, NOT, column names, parentheses, ^, + and - are only ever words to look for.
 */

/** The header box stops here; a longer query is a pasted paragraph, not something to look for. */
export const MAX_QUERY_LENGTH = 200;
/** Each term is one more list to intersect; more than this narrows nothing in a forum. */
export const MAX_TERMS = 8;
/** A one-letter prefix (a*) would expand to most of the vocabulary: it is searched as a word. */
export const MIN_PREFIX_LENGTH = 2;

/** One word, or several that must appear together in order (a quoted phrase, or e-mail). */
export interface SearchTerm {
  words: string[];
  /** The last word may be the start of a longer one (word*). */
  prefix: boolean;
}

export interface SearchQuery {
  terms: SearchTerm[];
  /** Names from author:name, as typed (case does not matter), without repeats. */
  authors: string[];
  /** Terms and names beyond the limits, left out of the search (the page says so). */
  dropped: number;
}

/** Straight and typographic double quotes: phones type “ and ”. */
const QUOTE = /["“”„]/;
const AUTHOR = /^author:([A-Za-z0-9_-]{1,30})$/i;
const MAX_AUTHORS = 3;

/** Pieces of the query outside quotes (split at spaces) and inside balanced quotes (phrases). */
function pieces(query: string): { text: string; quoted: boolean }[] {
  const found: { text: string; quoted: boolean }[] = [];
  const plain = (text: string) => {
    for (const chunk of text.split(/\s+/)) if (chunk !== '') found.push({ text: chunk, quoted: false });
  };
  let rest = query;
  for (;;) {
    const open = rest.search(QUOTE);
    const close = open === -1 ? -1 : rest.slice(open + 1).search(QUOTE);
    // A quote without its pair is not an operator, just punctuation between words.
    if (close === -1) break;
    plain(rest.slice(0, open));
    found.push({ text: rest.slice(open + 1, open + 1 + close), quoted: true });
    rest = rest.slice(open + 2 + close);
  }
  plain(rest.replace(new RegExp(QUOTE, 'g'), ' '));
  return found;
}

/** Words, without those the index would store as nothing (a lone accent). */
function wordsOf(text: string): string[] {
  return searchWords(text).filter((word) => foldWord(word) !== '');
}

function termOf(text: string, quoted: boolean): SearchTerm | null {
  const words = wordsOf(text);
  const last = words.at(-1);
  if (last === undefined) return null;
  // Only a star right after the last word makes a prefix: "-*" or "word *" are punctuation.
  const prefix =
    !quoted && [...last].length >= MIN_PREFIX_LENGTH && normalizeSearchText(text).endsWith(`${last}*`);
  return { words, prefix };
}

/** Reads a query; never throws, whatever the text. */
export function parseSearchQuery(query: string): SearchQuery {
  const terms: SearchTerm[] = [];
  const authors: string[] = [];
  let dropped = 0;
  for (const piece of pieces(query)) {
    const author = piece.quoted ? null : AUTHOR.exec(piece.text);
    if (author?.[1] !== undefined) {
      const name = author[1];
      if (authors.some((known) => known.toLowerCase() === name.toLowerCase())) continue;
      if (authors.length < MAX_AUTHORS) authors.push(name);
      else dropped++;
      continue;
    }
    const term = termOf(piece.text, piece.quoted);
    if (term === null) continue;
    if (terms.length < MAX_TERMS) terms.push(term);
    else dropped++;
  }
  return { terms, authors, dropped };
}

/** An FTS5 string: the doubled quote is FTS5's escape (words never contain one; this makes sure). */
const quoted = (text: string) => `"${text.replaceAll('"', '""')}"`;

/** The token migration 004 indexes for an author: u<user id>. */
export const authorToken = (userId: number): string => `u${Math.trunc(userId)}`;

const authorFilter = (authorIds: readonly number[]) =>
  `author : (${authorIds.map((id) => quoted(authorToken(id))).join(' OR ')})`;
const termString = (term: SearchTerm) => `${quoted(term.words.join(' '))}${term.prefix ? '*' : ''}`;

/**
 * The MATCH expression for these terms by any of these authors (user ids), or null when there is
 * nothing to match. Words are looked for in titles and bodies only, names in the author column only.
 */
export function matchExpression(terms: readonly SearchTerm[], authorIds: readonly number[]): string | null {
  const parts: string[] = [];
  if (authorIds.length > 0) parts.push(authorFilter(authorIds));
  if (terms.length > 0) parts.push(`{title body} : (${terms.map(termString).join(' ')})`);
  return parts.length === 0 ? null : parts.join(' AND ');
}

/** Each term, and the author filter, as a MATCH expression of its own: what bm25 counts documents for. */
export function termExpressions(terms: readonly SearchTerm[], authorIds: readonly number[]): string[] {
  return [
    ...(authorIds.length > 0 ? [authorFilter(authorIds)] : []),
    ...terms.map((term) => `{title body} : (${termString(term)})`),
  ];
}

/** A query for the index: the whole expression, and each term's own (see termExpressions). */
export interface SearchMatch {
  expression: string;
  terms: readonly string[];
}

export function searchMatch(terms: readonly SearchTerm[], authorIds: readonly number[]): SearchMatch | null {
  const expression = matchExpression(terms, authorIds);
  return expression === null ? null : { expression, terms: termExpressions(terms, authorIds) };
}
