/**
 * A follower's notifications are not rows (see migrations/009_followers_told_on_read.sql): they
 * are the comments of a discussion they follow, written after they started following, by
 * somebody else, that no notification row already tells them of for a stronger reason. The
 * inbox and its unread count read them through this one definition; the push fan-out
 * (push-deliveries.ts) writes the same rule out for the comments waiting to be pushed.
 *
 * Used as `SELECT … FROM ${followedComments()} AND …`: `f` is the follow, `c` the comment and
 * `p` its discussion; a comment after `f.read_through` (never before `f.followed_from`) is
 * unread. `after` narrows the comments to those after an id, as the range read from the index
 * (so that counting the unread ones, after `f.read_through`, does not read the ones already
 * read); `joins` adds tables to read.
 */
export const followedComments = ({ after = 'f.followed_from', joins = '' } = {}) => `follows f
  JOIN comments c ON c.post_id = f.post_id AND c.id > ${after}
  JOIN posts p ON p.id = c.post_id ${joins}
  WHERE f.following = 1 AND c.author_id <> f.user_id
    AND c.deleted_at IS NULL AND p.deleted_at IS NULL
    AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = f.user_id AND n.comment_id = c.id)`;

/** The newest comment there is: a follow starts after it, and "mark all read" can go no further. */
export const NEWEST_COMMENT = '(SELECT coalesce(max(id), 0) FROM comments)';
