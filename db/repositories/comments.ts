import type { OutlineRow } from '../../app/domain/comment-pages.ts';
import type { Db } from '../connection.ts';
import type { SearchChanges } from '../search-changes.ts';

export interface CommentRow {
  id: number;
  discussionId: number;
  parentId: number | null;
  authorId: number;
  author: string;
  depth: number;
  bodyMd: string;
  bodyHtml: string;
  score: number;
  createdAt: number;
  editedAt: number | null;
  deletedAt: number | null;
}

/** A comment as a thread shows it: its Markdown source stays in the database (only editing needs it). */
export type DiscussionComment = Omit<CommentRow, 'bodyMd'>;

export interface AuthoredComment {
  id: number;
  discussionId: number;
  discussionTitle: string;
  bodyHtml: string;
  score: number;
  createdAt: number;
}

export interface NewComment {
  discussionId: number;
  parentId: number | null;
  authorId: number;
  depth: number;
  bodyMd: string;
  bodyHtml: string;
}

const THREAD_COLUMNS = `c.id, c.post_id AS discussionId, c.parent_id AS parentId, c.author_id AS authorId,
  u.username AS author, c.depth, c.body_html AS bodyHtml, c.score,
  c.created_at AS createdAt, c.edited_at AS editedAt, c.deleted_at AS deletedAt`;
const COLUMNS = `${THREAD_COLUMNS}, c.body_md AS bodyMd`;

/**
 * What else a new comment writes, inside its own transaction (its notifications, its author's
 * follow): when that fails, the comment is not written either.
 */
export type OnCommentCreated = (comment: NewComment & { id: number }, now: number) => void;

export function commentsRepository(db: Db, search: SearchChanges, onCreated: OnCommentCreated) {
  const insert =
    db.prepare(`INSERT INTO comments (post_id, parent_id, author_id, depth, body_md, body_html, created_at)
    VALUES (@discussionId, @parentId, @authorId, @depth, @bodyMd, @bodyHtml, @now)`);
  const countOnDiscussion = db.prepare(
    'UPDATE posts SET comment_count = comment_count + ?, revision = revision + 1 WHERE id = ?',
  );
  const bumpRevision = db.prepare('UPDATE posts SET revision = revision + 1 WHERE id = ?');
  const byId = db.prepare(
    `SELECT ${COLUMNS} FROM comments c JOIN users u ON u.id = c.author_id WHERE c.id = ?`,
  );
  const forPost = db.prepare(`SELECT ${THREAD_COLUMNS} FROM comments c JOIN users u ON u.id = c.author_id
    WHERE c.post_id = ? ORDER BY c.id`);
  const outlineOfPost = db
    .prepare('SELECT id, parent_id, deleted_at IS NOT NULL FROM comments WHERE post_id = ? ORDER BY id')
    .raw();
  const byIdsInPost = db.prepare(`SELECT ${THREAD_COLUMNS} FROM comments c JOIN users u ON u.id = c.author_id
    WHERE c.post_id = ? AND c.id IN (SELECT value FROM json_each(?)) ORDER BY c.id`);
  const latestLiveInPost =
    db.prepare(`SELECT ${THREAD_COLUMNS} FROM comments c JOIN users u ON u.id = c.author_id
    WHERE c.post_id = ? AND c.deleted_at IS NULL ORDER BY c.id DESC LIMIT ?`);
  const byAuthor =
    db.prepare(`SELECT c.id, c.post_id AS discussionId, p.title AS discussionTitle, c.body_html AS bodyHtml,
    c.score, c.created_at AS createdAt FROM comments c JOIN posts p ON p.id = c.post_id
    WHERE c.author_id = ? AND c.deleted_at IS NULL AND p.deleted_at IS NULL
    ORDER BY c.created_at DESC LIMIT ?`);
  const update = db.prepare(
    'UPDATE comments SET body_md = @bodyMd, body_html = @bodyHtml, edited_at = @now WHERE id = @id',
  );
  const softDelete = db.prepare(
    `UPDATE comments SET deleted_at = ?, body_md = '', body_html = '' WHERE id = ? AND deleted_at IS NULL`,
  );

  // Write transactions are IMMEDIATE (see votes.ts): they wait for the write lock before reading
  // anything. They index their search changes before committing (db/search-changes.ts).
  return {
    /** Inserts the comment, bumps its discussion's count and revision, and runs onCreated, in one transaction. */
    create: search.transaction((comment: NewComment, now: number): number => {
      const id = Number(insert.run({ ...comment, now }).lastInsertRowid);
      countOnDiscussion.run(1, comment.discussionId);
      onCreated({ ...comment, id }, now);
      return id;
    }),
    findById(id: number): CommentRow | undefined {
      return byId.get(id) as CommentRow | undefined;
    },
    /** Every comment of a discussion in one query, oldest first; the tree is built in memory. */
    listForDiscussion(discussionId: number): DiscussionComment[] {
      return forPost.all(discussionId) as DiscussionComment[];
    },
    /** Where every comment of a discussion hangs, oldest first, without their text (see CommentOutline). */
    outline(discussionId: number): OutlineRow[] {
      const rows = outlineOfPost.all(discussionId) as [number, number | null, 0 | 1][];
      return rows.map(([id, parentId, deleted]) => ({ id, parentId, deleted: deleted === 1 }));
    },
    /** These comments of the discussion (the ones a page shows), oldest first. */
    listByIds(discussionId: number, ids: readonly number[]): DiscussionComment[] {
      return byIdsInPost.all(discussionId, JSON.stringify(ids)) as DiscussionComment[];
    },
    /** The newest live comments of a discussion, newest first. */
    listLatest(discussionId: number, limit: number): DiscussionComment[] {
      return latestLiveInPost.all(discussionId, limit) as DiscussionComment[];
    },
    listByAuthor(authorId: number, limit: number): AuthoredComment[] {
      return byAuthor.all(authorId, limit) as AuthoredComment[];
    },
    update: search.transaction(
      (id: number, discussionId: number, bodyMd: string, bodyHtml: string, now: number) => {
        update.run({ id, bodyMd, bodyHtml, now });
        bumpRevision.run(discussionId);
      },
    ),
    /** The text is erased, the row stays so that replies keep their parent. */
    softDelete: search.transaction((id: number, discussionId: number, now: number) => {
      if (softDelete.run(now, id).changes === 1) countOnDiscussion.run(-1, discussionId);
    }),
  };
}
