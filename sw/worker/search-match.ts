import type { SearchQuery, SearchTerm } from '../../app/domain/search-query.ts';
import type { TextPart } from '../../app/domain/search-snippet.ts';
import { foldWord, normalizeSearchText } from '../../app/domain/search-tokens.ts';
import type { SearchDocument, SearchRecord } from './search-record.ts';

/**
 * Offline search: the query the server parses (app/domain/search-query.ts), matched against the
 * saved pages' records with the server's rules. Every term must be in one document (a discussion
 * with its title, or one comment), in its title or its text, a phrase's words together and in
 * order, a prefix (word*) at the start of a term; author:name keeps what those people wrote.
 * Pure: tested in Node.
 */

export interface OfflineHit {
  /** Where the match is read offline: the saved page's path (and ?page), with #c<id> for a comment. */
  url: string;
  discussionId: number;
  commentId: number | null;
  title: string;
  author: string;
  /** The title with the matched words marked (discussions; comments show it plain). */
  titleParts: TextPart[];
  snippet: TextPart[];
}

/** A term as a substring of the ` t1 t2 … ` term strings of search-record.ts. */
export function termPattern(term: SearchTerm): string {
  return ` ${term.words.map(foldWord).join(' ')}${term.prefix ? '' : ' '}`;
}

const WORD = /[\p{L}\p{N}\p{Co}\p{Mn}\p{Mc}]+/gu;
/** Words shown around the first match: about two lines on a phone. */
const SNIPPET_WORDS = 24;

/** Whether a word (folded) is one the terms look for: a word of theirs, or the start of a prefix's. */
function wordMatcher(terms: readonly SearchTerm[]): (word: string) => boolean {
  const whole = new Set(terms.flatMap((term) => term.words.map(foldWord)));
  const prefixes = terms.flatMap((term) => (term.prefix ? [foldWord(term.words.at(-1) ?? '')] : []));
  return (word) => word !== '' && (whole.has(word) || prefixes.some((prefix) => word.startsWith(prefix)));
}

/** `text` cut to the words around its first match (all of it when `whole`), matched words marked. */
export function markedParts(text: string, terms: readonly SearchTerm[], whole = false): TextPart[] {
  const normalized = normalizeSearchText(text);
  const isSought = wordMatcher(terms);
  const words = [...normalized.matchAll(WORD)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
  }));
  const marked = words.map(({ start, end }) => isSought(foldWord(normalized.slice(start, end))));
  const first = Math.max(0, marked.indexOf(true));
  const from = whole ? 0 : Math.max(0, first - SNIPPET_WORDS / 3);
  const to = whole ? words.length : Math.min(words.length, from + SNIPPET_WORDS);
  const parts: TextPart[] = [];
  const push = (part: string, isMarked: boolean) => {
    const last = parts.at(-1);
    if (last && last.marked === isMarked) last.text += part;
    else if (part !== '') parts.push({ text: part, marked: isMarked });
  };
  let position = whole || from === 0 ? 0 : (words[from]?.start ?? 0);
  if (position > 0) push('… ', false);
  for (let index = from; index < to; index++) {
    const word = words[index];
    if (word === undefined) break;
    push(normalized.slice(position, word.start), false);
    push(normalized.slice(word.start, word.end), marked[index] ?? false);
    position = word.end;
  }
  push(whole || to === words.length ? normalized.slice(position) : ' …', false);
  return parts;
}

/**
 * Every term string of a record in one, built once per record the worker keeps in memory: a record
 * that lacks a term anywhere is passed over with one test instead of one per document. Each part
 * is ` t1 t2 … `, so two parts meet at two spaces and no pattern matches across them.
 */
const allTerms = new WeakMap<SearchRecord, string>();
function termsOf(record: SearchRecord): string {
  let terms = allTerms.get(record);
  if (terms === undefined) {
    terms = record.documents.map((document) => document.titleTerms + document.textTerms).join('');
    allTerms.set(record, terms);
  }
  return terms;
}

function matches(document: SearchDocument, patterns: readonly string[], authors: readonly string[]): boolean {
  if (authors.length > 0 && !authors.includes(document.author.toLowerCase())) return false;
  return patterns.every(
    (pattern) => document.titleTerms.includes(pattern) || document.textTerms.includes(pattern),
  );
}

/** Title matches count more, as the server's bm25 weighs titles above bodies. */
function score(document: SearchDocument, patterns: readonly string[]): number {
  return patterns.reduce(
    (sum, pattern) =>
      sum + (document.titleTerms.includes(pattern) ? 3 : 0) + (document.textTerms.includes(pattern) ? 1 : 0),
    0,
  );
}

/** A hit as the page shows it: its address, and its title and text with the matched words marked. */
function hitOf(record: SearchRecord, document: SearchDocument, terms: readonly SearchTerm[]): OfflineHit {
  const address = new URL(record.key);
  const page = `${address.pathname}${address.search}`;
  return {
    url: document.commentId === null ? page : `${page}#c${document.commentId}`,
    discussionId: record.discussionId,
    commentId: document.commentId,
    title: record.title,
    author: document.author,
    titleParts:
      document.commentId === null
        ? markedParts(record.title, terms, true)
        : [{ text: record.title, marked: false }],
    snippet: document.text === '' ? [] : markedParts(document.text, terms),
  };
}

export interface SavedSearch {
  /** Saved discussions searched: what "searching N saved discussions" counts. */
  discussions: number;
  /** Documents that match, each once, however many addresses it was saved under. */
  total: number;
  /** The first `limit` of them, most useful first: title matches, then the most recently saved. */
  hits: OfflineHit[];
}

export function searchSaved(
  query: SearchQuery,
  records: readonly SearchRecord[],
  limit = Infinity,
): SavedSearch {
  const patterns = query.terms.map(termPattern);
  const authors = query.authors.map((name) => name.toLowerCase());
  const discussions = new Set(records.map((record) => record.discussionId)).size;
  if (patterns.length === 0 && authors.length === 0) return { discussions, total: 0, hits: [] };
  const seen = new Set<string>();
  const found: { record: SearchRecord; document: SearchDocument; score: number; order: number }[] = [];
  // The first page of a discussion before its ?page copies, so a match links to the plainest address.
  const ordered = [...records].sort((a, b) => a.key.length - b.key.length || b.savedAt - a.savedAt);
  for (const record of ordered) {
    if (patterns.length > 0) {
      const terms = termsOf(record);
      if (!patterns.every((pattern) => terms.includes(pattern))) continue;
    }
    for (const document of record.documents) {
      if (!matches(document, patterns, authors)) continue;
      const id = document.commentId === null ? `d${record.discussionId}` : `c${document.commentId}`;
      if (seen.has(id)) continue;
      seen.add(id);
      found.push({ record, document, score: score(document, patterns), order: found.length });
    }
  }
  found.sort((a, b) => b.score - a.score || b.record.savedAt - a.record.savedAt || a.order - b.order);
  // Only what is shown is cut into snippets: a common word can match thousands of comments.
  const hits = found.slice(0, limit).map(({ record, document }) => hitOf(record, document, query.terms));
  return { discussions, total: found.length, hits };
}
