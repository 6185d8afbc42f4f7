-- The forum's core tables. Scores, karma and comment counts are denormalised
-- (kept in step inside the same write transaction) so that reading a thread or
-- the front page never aggregates votes.

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT NOT NULL,
  karma         INTEGER NOT NULL DEFAULT 0,
  created_at    INTEGER NOT NULL
) STRICT;

-- Only a SHA-256 of the session token is stored, so a leaked database
-- cannot be replayed as cookies.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;
CREATE INDEX sessions_by_user ON sessions(user_id);
CREATE INDEX sessions_by_expiry ON sessions(expires_at);

CREATE TABLE posts (
  id            INTEGER PRIMARY KEY,
  author_id     INTEGER NOT NULL REFERENCES users(id),
  title         TEXT NOT NULL,
  url           TEXT,
  body_md       TEXT NOT NULL DEFAULT '',
  body_html     TEXT NOT NULL DEFAULT '',
  score         INTEGER NOT NULL DEFAULT 0,
  comment_count INTEGER NOT NULL DEFAULT 0,
  created_at    INTEGER NOT NULL,
  edited_at     INTEGER,
  deleted_at    INTEGER,
  -- Bumped by every write that changes how the thread page renders; the
  -- rendered-page cache and the ETag are keyed by it.
  revision      INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX posts_by_created ON posts(created_at DESC) WHERE deleted_at IS NULL;
CREATE INDEX posts_by_author ON posts(author_id, created_at DESC);

CREATE TABLE comments (
  id         INTEGER PRIMARY KEY,
  post_id    INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  parent_id  INTEGER REFERENCES comments(id),
  author_id  INTEGER NOT NULL REFERENCES users(id),
  depth      INTEGER NOT NULL DEFAULT 0,
  body_md    TEXT NOT NULL,
  body_html  TEXT NOT NULL,
  score      INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  edited_at  INTEGER,
  deleted_at INTEGER
) STRICT;
CREATE INDEX comments_by_post ON comments(post_id, id);
CREATE INDEX comments_by_author ON comments(author_id, created_at DESC);

CREATE TABLE post_votes (
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  value   INTEGER NOT NULL CHECK (value IN (-1, 1)),
  PRIMARY KEY (user_id, post_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE comment_votes (
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  comment_id INTEGER NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
  post_id    INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  value      INTEGER NOT NULL CHECK (value IN (-1, 1)),
  PRIMARY KEY (user_id, comment_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX comment_votes_by_user_post ON comment_votes(user_id, post_id);
