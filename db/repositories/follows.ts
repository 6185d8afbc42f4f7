/**
 * Who follows which discussion (table `follows`, see migrations/006_notifications.sql and
 * 009_followers_told_on_read.sql): a follower hears of every comment after the one that was
 * newest when they started. A discussion's author follows it without a row; a commenter starts
 * following with their first comment; a row with following = 0 is an unfollow, which
 * commenting again does not undo.
 */
import type { Db } from '../connection.ts';
import { rememberUntilChanged } from '../version.ts';
import { NEWEST_COMMENT } from './followed-comments.ts';

export function followsRepository(db: Db, version: () => number) {
  // Following again starts afresh: what was said while the person was away is not news to them.
  const choose = db.prepare(`INSERT INTO follows (user_id, post_id, following, followed_from, read_through)
    VALUES (@userId, @discussionId, @following, ${NEWEST_COMMENT}, ${NEWEST_COMMENT})
    ON CONFLICT (user_id, post_id) DO UPDATE SET following = excluded.following,
      followed_from = excluded.followed_from, read_through = excluded.read_through
    WHERE following <> excluded.following`);
  const followUnlessChosen =
    db.prepare(`INSERT INTO follows (user_id, post_id, following, followed_from, read_through)
    VALUES (@userId, @discussionId, 1, @commentId, @commentId) ON CONFLICT DO NOTHING`);
  const followingQuery = db
    .prepare(`SELECT coalesce(f.following, p.author_id = @userId) FROM posts p
      LEFT JOIN follows f ON f.post_id = p.id AND f.user_id = @userId WHERE p.id = @discussionId`)
    .pluck();
  // Asked on every logged-in view of a discussion, for its Follow/Unfollow button.
  const following = rememberUntilChanged(version, (key: string) => {
    const [userId, discussionId] = key.split(':').map(Number);
    return followingQuery.get({ userId, discussionId }) === 1;
  });

  return {
    isFollowing(userId: number, discussionId: number): boolean {
      return following(`${userId}:${discussionId}`);
    },
    /** Follows or unfollows, as the person chose; an unfollow is remembered. */
    choose(userId: number, discussionId: number, follow: boolean): void {
      choose.run({ userId, discussionId, following: follow ? 1 : 0 });
    },
    /**
     * Inside a new comment's transaction: its author follows the discussion from that comment
     * on, unless they unfollowed it.
     */
    followOnComment(comment: { id: number; authorId: number; discussionId: number }): void {
      followUnlessChosen.run({
        userId: comment.authorId,
        discussionId: comment.discussionId,
        commentId: comment.id,
      });
    },
  };
}
