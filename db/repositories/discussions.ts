/**
 * Discussions: what a reader calls a discussion (a title with a link or text, and its comments
 * beneath) is stored as a row of the `posts` table, so the SQL here says `posts` and `post_id`
 * while everything it returns says discussion.
 */
import type { Db } from '../connection.ts';
import type { SearchChanges } from '../search-changes.ts';
import { rememberUntilChanged } from '../version.ts';

export interface DiscussionRow {
  id: number;
  authorId: number;
  author: string;
  title: string;
  url: string | null;
  bodyMd: string;
  bodyHtml: string;
  score: number;
  commentCount: number;
  createdAt: number;
  editedAt: number | null;
  deletedAt: number | null;
  revision: number;
}

export type DiscussionSummary = Omit<
  DiscussionRow,
  'bodyMd' | 'bodyHtml' | 'editedAt' | 'deletedAt' | 'revision'
>;

/** What ranking needs of a discussion, read from the posts_by_recency index alone. */
export type RankingCandidate = Pick<DiscussionRow, 'id' | 'score' | 'createdAt'>;

export interface NewDiscussion {
  authorId: number;
  title: string;
  url: string | null;
  bodyMd: string;
  bodyHtml: string;
}

const SUMMARY_COLUMNS = `p.id, p.author_id AS authorId, u.username AS author, p.title, p.url, p.score,
  p.comment_count AS commentCount, p.created_at AS createdAt`;
const FULL_COLUMNS = `${SUMMARY_COLUMNS}, p.body_md AS bodyMd, p.body_html AS bodyHtml,
  p.edited_at AS editedAt, p.deleted_at AS deletedAt, p.revision`;

export function discussionsRepository(db: Db, version: () => number, search: SearchChanges) {
  const insert = db.prepare(`INSERT INTO posts (author_id, title, url, body_md, body_html, created_at)
    VALUES (@authorId, @title, @url, @bodyMd, @bodyHtml, @now)`);
  const byId = db.prepare(
    `SELECT ${FULL_COLUMNS} FROM posts p JOIN users u ON u.id = p.author_id WHERE p.id = ?`,
  );
  const newest = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM posts p JOIN users u ON u.id = p.author_id
    WHERE p.deleted_at IS NULL ORDER BY p.created_at DESC, p.id DESC LIMIT ? OFFSET ?`);
  const candidatesQuery = db.prepare(`SELECT id, score, created_at AS createdAt FROM posts
    WHERE deleted_at IS NULL ORDER BY created_at DESC, id DESC LIMIT ?`);
  // Read for every front page and feed, answered from memory until the next write: ranking them
  // depends on the time too, but what the candidates are changes only with the database.
  const candidates = rememberUntilChanged(version, (limit: number) =>
    Object.freeze(candidatesQuery.all(limit) as RankingCandidate[]),
  );
  const summariesByIds = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM posts p JOIN users u ON u.id = p.author_id
    WHERE p.id IN (SELECT value FROM json_each(?))`);
  const revisionsByIds = db.prepare(`SELECT id, revision FROM posts
    WHERE id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL`);
  const liveCount = db.prepare('SELECT count(*) FROM posts WHERE deleted_at IS NULL').pluck();
  const byAuthor = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM posts p JOIN users u ON u.id = p.author_id
    WHERE p.author_id = ? AND p.deleted_at IS NULL ORDER BY p.created_at DESC LIMIT ?`);
  const update = db.prepare(`UPDATE posts SET title = @title, url = @url, body_md = @bodyMd,
    body_html = @bodyHtml, edited_at = @now, revision = revision + 1 WHERE id = @id`);
  const softDelete = db.prepare(
    'UPDATE posts SET deleted_at = ?, revision = revision + 1 WHERE id = ? AND deleted_at IS NULL',
  );
  const revisionOf = db.prepare('SELECT revision FROM posts WHERE id = ? AND deleted_at IS NULL').pluck();
  // Asked on every view of a thread, and answered from memory until the next write.
  const liveRevision = rememberUntilChanged(
    version,
    (id: number) => revisionOf.get(id) as number | undefined,
  );

  return {
    create: search.transaction((discussion: NewDiscussion, now: number): number =>
      Number(insert.run({ ...discussion, now }).lastInsertRowid),
    ),
    findById(id: number): DiscussionRow | undefined {
      return byId.get(id) as DiscussionRow | undefined;
    },
    /** The newest live discussions, for the "new" listing and as the ranking's candidates. */
    listNewest(limit: number, offset = 0): DiscussionSummary[] {
      return newest.all(limit, offset) as DiscussionSummary[];
    },
    /** The newest live discussions, as little of each as ranking needs. */
    rankingCandidates(limit: number): readonly RankingCandidate[] {
      return candidates(limit);
    },
    /** The listed discussions with these ids, in the order given. */
    summaries(ids: readonly number[]): DiscussionSummary[] {
      const rows = summariesByIds.all(JSON.stringify(ids)) as DiscussionSummary[];
      const found = new Map(rows.map((row) => [row.id, row]));
      return ids.flatMap((id) => found.get(id) ?? []);
    },
    /** The live ones of these discussions with their revisions, in the order given (for read-ahead). */
    revisions(ids: readonly number[]): { id: number; revision: number }[] {
      const rows = revisionsByIds.all(JSON.stringify(ids)) as { id: number; revision: number }[];
      const found = new Map(rows.map((row) => [row.id, row.revision]));
      return ids.flatMap((id) => {
        const revision = found.get(id);
        return revision === undefined ? [] : [{ id, revision }];
      });
    },
    countLive(): number {
      return liveCount.get() as number;
    },
    listByAuthor(authorId: number, limit: number): DiscussionSummary[] {
      return byAuthor.all(authorId, limit) as DiscussionSummary[];
    },
    update: search.transaction((id: number, changes: Omit<NewDiscussion, 'authorId'>, now: number): void => {
      update.run({ ...changes, id, now });
    }),
    softDelete: search.transaction((id: number, now: number): void => {
      softDelete.run(now, id);
    }),
    /** Bumped by every write that changes the thread page; undefined when the discussion is gone. */
    liveRevision(id: number): number | undefined {
      return liveRevision(id);
    },
  };
}
