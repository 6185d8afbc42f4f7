-- Notifications (the inbox at /notifications) and who follows which discussion.
--
-- A notification is written by the application in the same transaction as the comment that
-- causes it (db/repositories/notifications.ts): working out who to tell needs the mentions
-- parsed out of the Markdown, which SQL cannot do. Withdrawing the unread notifications of
-- deleted content is a trigger instead, so that every way of deleting (a route, a moderator's
-- script) withdraws them, inside the deleting transaction.

-- One row per person and discussion they chose about. Commenting adds a row; a discussion's
-- author follows it without one. following = 0 remembers an unfollow, so that commenting
-- again does not follow the discussion again.
CREATE TABLE follows (
  user_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  post_id   INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  following INTEGER NOT NULL CHECK (following IN (0, 1)),
  PRIMARY KEY (user_id, post_id)
) STRICT, WITHOUT ROWID;
-- A new comment reads its discussion's followers.
CREATE INDEX followers_by_post ON follows(post_id, user_id) WHERE following = 1;

-- One row per person and comment they are told of, for the strongest reason only. A
-- notification's comment is written at the same time as the notification, so comment ids
-- order the inbox as well as notification ids do, and the unique index serves it.
CREATE TABLE notifications (
  id         INTEGER PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  comment_id INTEGER NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
  post_id    INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  reason     TEXT NOT NULL CHECK (reason IN ('reply', 'mention', 'discussion', 'following')),
  created_at INTEGER NOT NULL,
  read_at    INTEGER,
  UNIQUE (user_id, comment_id)
) STRICT;
-- Every page a logged-in person sees counts their unread notifications.
CREATE INDEX notifications_unread ON notifications(user_id) WHERE read_at IS NULL;
-- Deleting a comment or a discussion finds its unread notifications.
CREATE INDEX notifications_unread_by_post ON notifications(post_id, comment_id) WHERE read_at IS NULL;

CREATE TRIGGER notifications_withdrawn_with_comment
AFTER UPDATE OF deleted_at ON comments
WHEN OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL
BEGIN
  DELETE FROM notifications WHERE post_id = NEW.post_id AND comment_id = NEW.id AND read_at IS NULL;
END;

CREATE TRIGGER notifications_withdrawn_with_discussion
AFTER UPDATE OF deleted_at ON posts
WHEN OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL
BEGIN
  DELETE FROM notifications WHERE post_id = NEW.id AND read_at IS NULL;
END;

-- A forum that ran before this migration: its people follow what they commented on, as they
-- would have had following existed.
INSERT OR IGNORE INTO follows (user_id, post_id, following)
  SELECT DISTINCT author_id, post_id, 1 FROM comments WHERE deleted_at IS NULL;
