-- Followers are told of new comments when their inbox is read, not with a row per follower.
--
-- Until now a comment wrote one notification row per follower of its discussion, in its own
-- transaction. Each of those rows lands on its own page of the per-person indexes, so a
-- comment in a discussion of 100 followers rewrote about 200 pages, and writes slowed by two
-- orders of magnitude (bench/README.md, "Why 100 followers slow comment writes"). Now:
--
-- * A reply to your comment, a comment on your discussion and a mention stay rows (a comment
--   writes at most a handful): their reason is about you, and they are read one by one.
-- * A follower's notifications are the discussion's comments after `followed_from`, told by
--   the inbox when it is read (db/repositories/notifications.ts); those after `read_through`
--   are unread. Opening one marks it and the discussion's earlier ones read.
-- * A comment queues one push fan-out row (below); the delivery loop expands it into one
--   delivery per device outside the comment's transaction (db/repositories/push-deliveries.ts).
--
-- Comment ids order comments in a discussion, so both marks are comment ids.

ALTER TABLE follows ADD COLUMN followed_from INTEGER NOT NULL DEFAULT 0;
ALTER TABLE follows ADD COLUMN read_through INTEGER NOT NULL DEFAULT 0;

-- A follow from before this migration starts where its first 'following' notification was,
-- or after the discussion's comments when it had none; its unread ones stay unread.
UPDATE follows SET
  followed_from = coalesce(
    (SELECT min(n.comment_id) - 1 FROM notifications n
      WHERE n.user_id = follows.user_id AND n.post_id = follows.post_id AND n.reason = 'following'),
    (SELECT coalesce(max(c.id), 0) FROM comments c WHERE c.post_id = follows.post_id)),
  read_through = coalesce(
    (SELECT min(n.comment_id) - 1 FROM notifications n
      WHERE n.user_id = follows.user_id AND n.post_id = follows.post_id AND n.reason = 'following'
        AND n.read_at IS NULL),
    (SELECT coalesce(max(c.id), 0) FROM comments c WHERE c.post_id = follows.post_id));

DELETE FROM notifications WHERE reason = 'following';

-- One row per new comment whose readers have devices to push to, until the delivery loop has
-- queued a delivery for each of them.
CREATE TABLE push_fanouts (
  comment_id INTEGER PRIMARY KEY REFERENCES comments(id) ON DELETE CASCADE,
  queued_at  INTEGER NOT NULL
) STRICT;

-- Deliveries queued before this migration stay in push_deliveries and are sent as before.
