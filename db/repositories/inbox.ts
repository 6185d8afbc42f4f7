/**
 * What a person's inbox (GET /notifications) and the header's unread count read: their
 * notification rows and, told on read, the new comments of the discussions they follow
 * (followed-comments.ts), as one list by comment id.
 */
import { excerptOf, type InboxItem, MAX_UNREAD_SHOWN } from '../../app/domain/inbox.ts';
import type { Db } from '../connection.ts';
import { rememberUntilChanged } from '../version.ts';
import { followedComments } from './followed-comments.ts';

/** Where an opened notification leads. */
export interface NotificationTarget {
  discussionId: number;
  commentId: number;
}

/** Enough of the Markdown for an excerpt of EXCERPT_LENGTH characters, even after collapsing space. */
const EXCERPT_SOURCE_CHARS = 600;

type InboxRow = Omit<InboxItem, 'unread'> & { unread: number };

const ITEM_COLUMNS = `c.post_id AS discussionId, p.title AS discussionTitle, c.id AS commentId,
  u.username AS actor, substr(c.body_md, 1, ${EXCERPT_SOURCE_CHARS}) AS excerpt, c.created_at AS createdAt`;

export function inboxRepository(db: Db, version: () => number) {
  const unreadQuery = db
    .prepare(`SELECT count(*) FROM (
      SELECT 1 FROM notifications WHERE user_id = @userId AND read_at IS NULL
      UNION ALL
      SELECT 1 FROM ${followedComments({ after: 'f.read_through' })} AND f.user_id = @userId
      LIMIT ${MAX_UNREAD_SHOWN + 1})`)
    .pluck();
  // Asked for the header of every page a logged-in person sees; answered from memory until the next write.
  const unreadCount = rememberUntilChanged(
    version,
    (userId: number) => unreadQuery.get({ userId }) as number,
  );

  const rowsQuery = db.prepare(`SELECT n.reason, ${ITEM_COLUMNS}, n.read_at IS NULL AS unread
    FROM notifications n
      JOIN comments c ON c.id = n.comment_id
      JOIN posts p ON p.id = n.post_id
      JOIN users u ON u.id = c.author_id
    WHERE n.user_id = @userId AND n.comment_id < @before AND c.deleted_at IS NULL AND p.deleted_at IS NULL
    ORDER BY n.comment_id DESC LIMIT @limit`);
  // The followed discussions, the one with the newest comment before `before` first: an index
  // seek each, where listing every followed comment and sorting grew with the person's history.
  // Materialized, so that each discussion's newest comment is looked up once, not again for the
  // WHERE and for the ORDER BY.
  const followedByNewest = db.prepare(`WITH followed AS MATERIALIZED (
      SELECT f.post_id AS discussionId, f.followed_from AS followedFrom,
        (SELECT max(id) FROM comments WHERE post_id = f.post_id AND id < @before) AS newest
      FROM follows f WHERE f.user_id = @userId AND f.following = 1)
    SELECT discussionId, newest FROM followed WHERE newest > followedFrom ORDER BY newest DESC`);
  const followedIn =
    db.prepare(`SELECT 'following' AS reason, ${ITEM_COLUMNS}, c.id > f.read_through AS unread
    FROM ${followedComments({
      after: 'max(f.followed_from, @after)',
      joins: 'JOIN users u ON u.id = c.author_id',
    })}
      AND f.user_id = @userId AND f.post_id = @discussionId AND c.id < @before
    ORDER BY c.id DESC LIMIT @limit`);

  /**
   * The newest `limit` notifications before `before`: the rows, merged with each followed
   * discussion's newest comments, stopping at the first discussion whose newest comment is
   * older than everything already found.
   */
  const page = (userId: number, before: number, limit: number): InboxRow[] => {
    let found = rowsQuery.all({ userId, before, limit }) as InboxRow[];
    const followed = followedByNewest.all({ userId, before }) as { discussionId: number; newest: number }[];
    for (const { discussionId, newest } of followed) {
      // Only comments newer than the oldest of a full page can still make it.
      const after = found.length >= limit ? (found.at(-1)?.commentId ?? 0) : 0;
      if (newest <= after) break;
      const more = followedIn.all({ userId, discussionId, before, after, limit }) as InboxRow[];
      found = [...found, ...more].sort((a, b) => b.commentId - a.commentId).slice(0, limit);
    }
    return found;
  };

  const targetOf = db.prepare(`SELECT post_id AS discussionId, comment_id AS commentId
      FROM notifications WHERE user_id = @userId AND comment_id = @commentId
    UNION ALL
    SELECT c.post_id, c.id FROM ${followedComments()} AND f.user_id = @userId AND c.id = @commentId`);

  return {
    /** For the header: how many are unread, counted up to one more than MAX_UNREAD_SHOWN. */
    unreadCount(userId: number): number {
      return unreadCount(userId);
    },
    /** A page of the inbox, newest first: notifications of comments older than `before` (a comment id). */
    page(userId: number, before: number, limit: number): InboxItem[] {
      return page(userId, before, limit).map((row) => ({
        ...row,
        excerpt: excerptOf(row.excerpt),
        unread: row.unread === 1,
      }));
    },
    /** Where this person's notification of a comment leads; undefined when they were told of no such comment. */
    target(userId: number, commentId: number): NotificationTarget | undefined {
      return targetOf.get({ userId, commentId }) as NotificationTarget | undefined;
    },
  };
}
