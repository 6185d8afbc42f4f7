-- Writes queued offline are replayed with an Idempotency-Key header. The key and
-- the result of the write are stored in the same transaction as the write, so a
-- replay (lost response, two tabs, a reopened browser) returns the original
-- result and creates nothing.
CREATE TABLE idempotency_keys (
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  key         TEXT NOT NULL,
  -- "POST /discuss/12/comments": a key reused for another request is refused.
  request     TEXT NOT NULL,
  status      INTEGER NOT NULL,
  response    TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (user_id, key)
) STRICT, WITHOUT ROWID;
CREATE INDEX idempotency_keys_by_age ON idempotency_keys(created_at);
