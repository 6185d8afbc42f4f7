/**
 * Notifications (see migrations/006_notifications.sql and 009_followers_told_on_read.sql). A
 * reply to your comment, a comment on your discussion and a mention are rows, written inside
 * the new comment's own transaction, so a comment that is not written notifies nobody; the
 * unread ones of deleted content are withdrawn by the migration's triggers. A follower's are
 * the discussion's new comments themselves (followed-comments.ts), marked read by moving the
 * follow's `read_through`.
 */
import type { NotificationReason } from '../../app/domain/inbox.ts';
import { mentionedUsernames } from '../../app/domain/mentions.ts';
import type { Db } from '../connection.ts';
import { followedComments } from './followed-comments.ts';

/** What a new comment's notifications are worked out from. */
export interface NotifyingComment {
  id: number;
  discussionId: number;
  parentId: number | null;
  authorId: number;
  bodyMd: string;
}

/** One person told of a comment, and why. */
export interface Told {
  userId: number;
  reason: NotificationReason;
}

export function notificationsRepository(db: Db) {
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

  const toldOf = db.prepare(`SELECT user_id AS userId, reason FROM notifications WHERE comment_id = @commentId
    UNION ALL
    SELECT f.user_id, 'following' FROM ${followedComments()} AND c.id = @commentId
    ORDER BY userId`);

  const rowOf = db.prepare('SELECT 1 FROM notifications WHERE user_id = ? AND comment_id = ?');
  const markRowRead = db.prepare(
    'UPDATE notifications SET read_at = ? WHERE user_id = ? AND comment_id = ? AND read_at IS NULL',
  );
  // Also the discussion's earlier comments: the page the person opens shows them.
  const markFollowRead = db.prepare(`UPDATE follows SET read_through = @commentId
    WHERE user_id = @userId AND following = 1 AND read_through < @commentId
      AND post_id = (SELECT post_id FROM comments WHERE id = @commentId)`);
  const markAllRows = db.prepare(`UPDATE notifications SET read_at = ?
    WHERE user_id = ? AND read_at IS NULL AND comment_id <= ?`);
  const unreadFollowedUpTo = db
    .prepare(`SELECT count(*) FROM ${followedComments({ after: 'f.read_through' })}
      AND f.user_id = @userId AND c.id <= @upTo`)
    .pluck();
  // Only the follows that have something unread are written.
  const markAllFollows = db.prepare(`UPDATE follows SET read_through = @upTo
    WHERE user_id = @userId AND following = 1 AND read_through < @upTo
      AND EXISTS (SELECT 1 FROM comments c
        WHERE c.post_id = follows.post_id AND c.id > follows.read_through AND c.id <= @upTo)`);

  return {
    /**
     * Inside a new comment's transaction: tells the parent comment's author, the people it
     * mentions and the discussion's author, each once, for the strongest reason, and never
     * the comment's own author. Its followers need no row.
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
    },
    /** Everybody told of a comment, and why: its rows, read or not, and its followers while it is live. */
    toldOf(commentId: number): Told[] {
      return toldOf.all({ commentId }) as Told[];
    },
    /** Marks this person's notification of the comment read; an already read one is not written again. */
    markRead: db.transaction((userId: number, commentId: number, now: number): void => {
      if (rowOf.get(userId, commentId) === undefined) markFollowRead.run({ userId, commentId });
      else markRowRead.run(now, userId, commentId);
    }).immediate,
    /** Marks read what the person saw: their notifications of comments up to `upToCommentId`; returns how many. */
    markAllRead: db.transaction((userId: number, upTo: number, now: number): number => {
      const followed = unreadFollowedUpTo.get({ userId, upTo }) as number;
      markAllFollows.run({ userId, upTo });
      return markAllRows.run(now, userId, upTo).changes + followed;
    }).immediate,
  };
}
