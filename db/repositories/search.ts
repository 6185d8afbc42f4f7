import type { SearchMatch } from '../../app/domain/search-query.ts';
import { MATCH_END, MATCH_START } from '../../app/domain/search-snippet.ts';
import type { Db } from '../connection.ts';
import { type SearchChanges, searchChanges } from '../search-changes.ts';
import { prefixWords } from './search-prefixes.ts';

/**
 * bm25 weights of the index's columns (title, body, author): a word in a title says more about
 * a discussion than the same word somewhere in a long body; the author column is a filter and
 * must not rank anything.
 */
const TITLE_WEIGHT = 10;
const RANKING = `bm25(${TITLE_WEIGHT}, 1.0, 0.0)`;
/** Words of context around the best match in a snippet: about two lines of a result. */
const SNIPPET_WORDS = 24;
/**
 * Relevance is decided among the newest this many matching discussions and as many matching
 * comments. Ranking every match costs time in proportion to the forum (a common word is in most
 * of it), bm25 being the dearest part of a search; in a forum the answer looked for is mostly
 * recent, and a rarer word or a phrase has fewer matches than this, and all of them are ranked.
 */
export const RANKED_CANDIDATES = 200;
/**
 * bm25 weighs each term by how rare it is, and counts the documents with the term to know: for
 * a word in most of the forum that count is most of a search's time, and it grows with the
 * forum. Past this many documents for any one term, results come newest first: a word that
 * common says little about relevance (bm25 gives it almost no weight).
 */
export const BM25_MAX_DOCUMENTS = 20_000;

export type SearchOrder = 'relevance' | 'newest';

export interface SearchPage {
  hits: SearchHit[];
  /** Newest first when asked for, or when a term was too common to rank by (BM25_MAX_DOCUMENTS). */
  order: SearchOrder;
}

export interface SearchHit {
  discussionId: number;
  /** Null when the hit is the discussion itself. */
  commentId: number | null;
  discussionTitle: string;
  /** The title with its matches between MATCH_START and MATCH_END; empty for comments. */
  markedTitle: string;
  /** A passage of the body around the best match, marked the same way. */
  snippet: string;
  author: string;
  createdAt: number;
}

// Rowids (migration 004): a comment is its id, a discussion minus its id. The newest matches of
// each kind are read from their end of the index (FTS5 seeks to a rowid bound), never passing
// over the other kind.
const newestOfEachKind = (columns: string, filter = '') => `
  SELECT * FROM (SELECT ${columns} FROM search_index WHERE search_index MATCH @match ${filter}
    AND rowid < 0 ORDER BY rowid ASC LIMIT @window)
  UNION ALL
  SELECT * FROM (SELECT ${columns} FROM search_index WHERE search_index MATCH @match ${filter}
    AND rowid > 0 ORDER BY rowid DESC LIMIT @window)`;

export interface SearchLimits {
  rankedCandidates: number;
  bm25MaxDocuments: number;
  /** Long prefixes read as the words they start (search-prefixes.ts); false to compare with the merge. */
  expandLongPrefixes?: boolean;
}

export function searchRepository(
  db: Db,
  limits: SearchLimits = { rankedCandidates: RANKED_CANDIDATES, bm25MaxDocuments: BM25_MAX_DOCUMENTS },
  changes: SearchChanges = searchChanges(db),
) {
  const longPrefixes = prefixWords(db);
  // Step one picks a page of rowids. Ties in rank (the same words in texts of the same length)
  // go to the newest.
  const byRelevance = db
    .prepare(`WITH candidates AS (${newestOfEachKind('rowid, rank', `AND rank MATCH '${RANKING}'`)})
      SELECT rowid FROM candidates ORDER BY rank, abs(rowid) DESC, rowid LIMIT @limit OFFSET @offset`)
    .pluck();
  // Whether more than BM25_MAX_DOCUMENTS documents match: a row past them, or none. Stepping over
  // them with OFFSET is cheaper than count(*) over a LIMIT-ed subquery, which was the most of a
  // common word's search (bench/README.md, Search).
  const matchesMoreThan = db
    .prepare('SELECT 1 FROM search_index WHERE search_index MATCH ? LIMIT 1 OFFSET ?')
    .pluck();
  // Newest first is exact: a page's rows are among the newest (offset + limit) of each kind.
  const byNewest = db
    .prepare(`WITH candidates AS (${newestOfEachKind('rowid')})
      SELECT s.rowid FROM candidates s
      LEFT JOIN posts p ON s.rowid < 0 AND p.id = -s.rowid
      LEFT JOIN comments c ON s.rowid > 0 AND c.id = s.rowid
      ORDER BY coalesce(c.created_at, p.created_at) DESC, abs(s.rowid) DESC, s.rowid
      LIMIT @limit OFFSET @offset`)
    .pluck();
  // Step two reads what the page shows, one kind at a time: FTS5 runs the query once over the
  // rowid range of the page's rows (at most the candidates of step one) and makes snippets for
  // the page's rows only. The `+` keeps SQLite from turning the IN list into one FTS5 query per
  // rowid, each paying again for a prefix's expansion; the CASTs, because better-sqlite3 binds
  // numbers as REAL and FTS5 honours rowid bounds given as INTEGER only. The triggers keep
  // deleted things out of the index; the deleted_at tests are a second lock, which would shorten
  // a page rather than show what was deleted.
  const details = db.prepare(`SELECT s.rowid, p.id AS discussionId, c.id AS commentId,
      p.title AS discussionTitle, highlight(search_index, 0, @start, @end) AS markedTitle,
      snippet(search_index, 1, @start, @end, '…', ${SNIPPET_WORDS}) AS snippet,
      u.username AS author, coalesce(c.created_at, p.created_at) AS createdAt
    FROM search_index s
    LEFT JOIN comments c ON s.rowid > 0 AND c.id = s.rowid
    JOIN posts p ON p.id = CASE WHEN s.rowid < 0 THEN -s.rowid ELSE c.post_id END
    JOIN users u ON u.id = coalesce(c.author_id, p.author_id)
    WHERE search_index MATCH @match
      AND s.rowid BETWEEN CAST(@low AS INTEGER) AND CAST(@high AS INTEGER)
      AND +s.rowid IN (SELECT value FROM json_each(@rowids))
      AND p.deleted_at IS NULL AND (s.rowid < 0 OR c.deleted_at IS NULL)`);

  function hitsFor(match: string, rowids: readonly number[]): Map<number, SearchHit> {
    const hits = new Map<number, SearchHit>();
    for (const kind of [rowids.filter((rowid) => rowid < 0), rowids.filter((rowid) => rowid > 0)]) {
      if (kind.length === 0) continue;
      const rows = details.all({
        match,
        low: Math.min(...kind),
        high: Math.max(...kind),
        rowids: JSON.stringify(kind),
        start: MATCH_START,
        end: MATCH_END,
      }) as (SearchHit & { rowid: number })[];
      for (const { rowid, ...hit } of rows) hits.set(rowid, hit);
    }
    return hits;
  }

  return {
    /**
     * One page of what `match` finds: best first (among RANKED_CANDIDATES of each kind, by bm25,
     * unless a term is in more than BM25_MAX_DOCUMENTS documents), or newest first.
     */
    find(match: SearchMatch, asked: SearchOrder, limit: number, offset: number): SearchPage {
      // What SQL from outside the app committed unindexed is found too (db/search-changes.ts).
      changes.indexLeftBehind();
      // One snapshot: the words a prefix starts are those of the index the rows come from.
      const read = (): SearchPage => {
        const prefixes = longPrefixes();
        const expand = (expression: string, rankedAlike?: boolean) =>
          limits.expandLongPrefixes === false ? expression : prefixes.expand(expression, rankedAlike);
        const tooCommon = (term: string) =>
          matchesMoreThan.get(expand(term), limits.bm25MaxDocuments) !== undefined;
        const order = asked === 'relevance' && !match.terms.some(tooCommon) ? 'relevance' : 'newest';
        // Ranked, a prefix of several words stays a prefix (see PrefixWords): those are the rarer
        // ones, in at most bm25MaxDocuments documents, whose lists are short to merge.
        const expression = expand(match.expression, order === 'relevance');
        const page = { match: expression, limit, offset };
        const rowids = (
          order === 'relevance'
            ? byRelevance.all({ ...page, window: limits.rankedCandidates })
            : byNewest.all({ ...page, window: offset + limit })
        ) as number[];
        const hits = hitsFor(expression, rowids);
        return { hits: rowids.flatMap((rowid) => hits.get(rowid) ?? []), order };
      };
      return db.inTransaction ? read() : db.transaction(read)();
    },
  };
}
