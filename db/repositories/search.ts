import { MATCH_END, MATCH_START } from '../../app/domain/search-snippet.ts';
import type { Db } from '../connection.ts';

/**
 * bm25 weights of the index's columns (title, body, author): a word in a title says more about
 * a discussion than the same word somewhere in a long body; the author column is a filter and
 * must not rank anything.
 */
const TITLE_WEIGHT = 10;
const RANKING = `bm25(${TITLE_WEIGHT}, 1.0, 0.0)`;
/** Words of context around the best match in a snippet: about two lines of a result. */
const SNIPPET_WORDS = 24;

export type SearchOrder = 'relevance' | 'newest';

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

export function searchRepository(db: Db) {
  // Step one picks a page of rowids, from the index alone; ties in rank go to the newest.
  const byRelevance = db
    .prepare(`SELECT rowid FROM search_index WHERE search_index MATCH @match AND rank MATCH '${RANKING}'
      ORDER BY rank, rowid DESC LIMIT @limit OFFSET @offset`)
    .pluck();
  const byNewest = db
    .prepare(`SELECT s.rowid FROM search_index s
      LEFT JOIN posts p ON s.rowid % 2 = 0 AND p.id = s.rowid / 2
      LEFT JOIN comments c ON s.rowid % 2 = 1 AND c.id = s.rowid / 2
      WHERE search_index MATCH @match
      ORDER BY coalesce(c.created_at, p.created_at) DESC, s.rowid DESC LIMIT @limit OFFSET @offset`)
    .pluck();
  // Step two reads what a result shows, for those rowids only: snippets cost a re-tokenizing
  // of the text, so they are made for the page shown, not for every match. The triggers keep
  // deleted things out of the index; the deleted_at tests here are a second lock, which would
  // shorten a page rather than show what was deleted. The CAST matters: better-sqlite3 binds
  // numbers as REAL, and FTS5 ignores a rowid = constraint beside MATCH unless it is an INTEGER.
  const details = db.prepare(`SELECT p.id AS discussionId, c.id AS commentId, p.title AS discussionTitle,
      highlight(search_index, 0, @start, @end) AS markedTitle,
      snippet(search_index, 1, @start, @end, '…', ${SNIPPET_WORDS}) AS snippet,
      u.username AS author, coalesce(c.created_at, p.created_at) AS createdAt
    FROM search_index s
    LEFT JOIN comments c ON s.rowid % 2 = 1 AND c.id = s.rowid / 2
    JOIN posts p ON p.id = CASE s.rowid % 2 WHEN 0 THEN s.rowid / 2 ELSE c.post_id END
    JOIN users u ON u.id = coalesce(c.author_id, p.author_id)
    WHERE search_index MATCH @match AND s.rowid = CAST(@rowid AS INTEGER)
      AND p.deleted_at IS NULL AND (s.rowid % 2 = 0 OR c.deleted_at IS NULL)`);

  return {
    /**
     * One page of what `match` (an expression from app/domain/search-query.ts) finds: best
     * first, or newest first.
     */
    find(match: string, order: SearchOrder, limit: number, offset: number): SearchHit[] {
      const rowids = (order === 'relevance' ? byRelevance : byNewest).all({ match, limit, offset });
      return rowids.flatMap((rowid) => {
        const hit = details.get({ match, rowid, start: MATCH_START, end: MATCH_END });
        return hit === undefined ? [] : [hit as SearchHit];
      });
    },
  };
}
