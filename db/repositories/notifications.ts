/**
 * Notifications (table `notifications`, see migrations/006_notifications.sql): one row per
 * person and comment they are told of. Rows are written inside the new comment's own
 * transaction, so a comment that is not written notifies nobody; the unread notifications of
 * deleted content are withdrawn by the migration's triggers.
 */
import {
  excerptOf,
  type InboxItem,
  MAX_UNREAD_SHOWN,
  type NotificationReason,
} from '../../app/domain/inbox.ts';
import { mentionedUsernames } from '../../app/domain/mentions.ts';
import type { Db } from '../connection.ts';
import { rememberUntilChanged } from '../version.ts';

/** What a new comment's notifications are worked out from. */
export interface NotifyingComment {
  id: number;
  discussionId: number;
  parentId: number | null;
  authorId: number;
  bodyMd: string;
}

/** Where an opened notification leads. */
export interface NotificationTarget {
  discussionId: number;
  commentId: number;
}

/** Enough of the Markdown for an excerpt of EXCERPT_LENGTH characters, even after collapsing space. */
const EXCERPT_SOURCE_CHARS = 600;

export function notificationsRepository(db: Db, version: () => number) {
  const insert = db.prepare(`INSERT INTO notifications (user_id, comment_id, post_id, reason, created_at)
    VALUES (@userId, @commentId, @discussionId, @reason, @now) ON CONFLICT DO NOTHING`);
  const parentAuthor = db
    .prepare('SELECT author_id FROM comments WHERE id = ? AND deleted_at IS NULL')
    .pluck();
  // users.username is COLLATE NOCASE, and IN compares with the left operand's collation.
  const usersNamed = db
    .prepare('SELECT id FROM users WHERE username IN (SELECT value FROM json_each(?))')
    .pluck();
  const authorStillFollowing = db
    .prepare(`SELECT p.author_id FROM posts p
    LEFT JOIN follows f ON f.post_id = p.id AND f.user_id = p.author_id
    WHERE p.id = ? AND coalesce(f.following, 1) = 1`)
    .pluck();
  const notifyFollowers =
    db.prepare(`INSERT INTO notifications (user_id, comment_id, post_id, reason, created_at)
    SELECT user_id, @commentId, @discussionId, 'following', @now FROM follows
    WHERE post_id = @discussionId AND following = 1 AND user_id <> @authorId
    ON CONFLICT DO NOTHING`);

  const unreadQuery = db
    .prepare(`SELECT count(*) FROM (SELECT 1 FROM notifications
      WHERE user_id = ? AND read_at IS NULL LIMIT ${MAX_UNREAD_SHOWN + 1})`)
    .pluck();
  // Asked for the header of every page a logged-in person sees; answered from memory until the next write.
  const unreadCount = rememberUntilChanged(version, (userId: number) => unreadQuery.get(userId) as number);

  const inboxQuery = db.prepare(`SELECT n.id, n.reason, n.post_id AS discussionId,
      p.title AS discussionTitle, n.comment_id AS commentId, u.username AS actor,
      substr(c.body_md, 1, ${EXCERPT_SOURCE_CHARS}) AS excerpt, n.created_at AS createdAt,
      n.read_at IS NULL AS unread
    FROM notifications n
      JOIN comments c ON c.id = n.comment_id
      JOIN posts p ON p.id = n.post_id
      JOIN users u ON u.id = c.author_id
    WHERE n.user_id = ? AND n.comment_id < ? AND c.deleted_at IS NULL AND p.deleted_at IS NULL
    ORDER BY n.comment_id DESC LIMIT ?`);
  const targetOf = db.prepare(`SELECT post_id AS discussionId, comment_id AS commentId
    FROM notifications WHERE id = ? AND user_id = ?`);
  const markRead = db.prepare(
    'UPDATE notifications SET read_at = ? WHERE id = ? AND user_id = ? AND read_at IS NULL',
  );
  const markAllRead = db.prepare(`UPDATE notifications SET read_at = ?
    WHERE user_id = ? AND read_at IS NULL AND comment_id <= ?`);

  return {
    /**
     * Inside a new comment's transaction: tells the parent comment's author, the people it
     * mentions, the discussion's author and its followers, each once, for the strongest
     * reason, and never the comment's own author.
     */
    notifyOfComment(comment: NotifyingComment, now: number): void {
      const notify = (userId: number | undefined, reason: NotificationReason) => {
        if (userId === undefined || userId === comment.authorId) return;
        insert.run({ userId, commentId: comment.id, discussionId: comment.discussionId, reason, now });
      };
      if (comment.parentId !== null)
        notify(parentAuthor.get(comment.parentId) as number | undefined, 'reply');
      const names = mentionedUsernames(comment.bodyMd);
      if (names.length > 0) {
        for (const userId of usersNamed.all(JSON.stringify(names))) notify(userId as number, 'mention');
      }
      notify(authorStillFollowing.get(comment.discussionId) as number | undefined, 'discussion');
      notifyFollowers.run({
        commentId: comment.id,
        discussionId: comment.discussionId,
        authorId: comment.authorId,
        now,
      });
    },
    /** For the header: how many are unread, counted up to one more than MAX_UNREAD_SHOWN. */
    unreadCount(userId: number): number {
      return unreadCount(userId);
    },
    /** A page of the inbox, newest first: notifications of comments older than `beforeCommentId`. */
    inbox(userId: number, beforeCommentId: number, limit: number): InboxItem[] {
      const rows = inboxQuery.all(userId, beforeCommentId, limit) as (Omit<InboxItem, 'unread'> & {
        unread: number;
      })[];
      return rows.map((row) => ({ ...row, excerpt: excerptOf(row.excerpt), unread: row.unread === 1 }));
    },
    /** Where one of this person's notifications leads; undefined when it is not theirs. */
    target(userId: number, id: number): NotificationTarget | undefined {
      return targetOf.get(id, userId) as NotificationTarget | undefined;
    },
    /** Marks one of this person's notifications read; an already read one is not written again. */
    markRead(userId: number, id: number, now: number): void {
      markRead.run(now, id, userId);
    },
    /** Marks read what the person saw: their notifications of comments up to `upToCommentId`. */
    markAllRead(userId: number, upToCommentId: number, now: number): number {
      return markAllRead.run(now, userId, upToCommentId).changes;
    },
  };
}
