-- Web Push: the devices people asked to be told on, and a durable queue of what to send them.
--
-- A delivery is queued in the same transaction as the notification that causes it
-- (db/repositories/push-deliveries.ts), so a comment that is not written pushes nothing, and
-- one that is written is pushed even if the server stops before sending: the queue is drained
-- by app/plugins/push-delivery.ts, which may send a delivery twice after a crash; the payload's
-- `tag` makes the device show it once.

-- One row per device: the push service's endpoint names it. An endpoint moves to whoever
-- subscribed it last (a shared computer's next person), never belongs to two people.
CREATE TABLE push_subscriptions (
  id         INTEGER PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  endpoint   TEXT NOT NULL UNIQUE,
  p256dh     TEXT NOT NULL,
  auth       TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
-- A new notification looks up its person's devices.
CREATE INDEX push_subscriptions_by_user ON push_subscriptions(user_id);

-- One row per device and comment still to be sent. due_at is when the drain may try next:
-- now for a new row, later after a failure, and a lease while a send is under way.
CREATE TABLE push_deliveries (
  id              INTEGER PRIMARY KEY,
  subscription_id INTEGER NOT NULL REFERENCES push_subscriptions(id) ON DELETE CASCADE,
  comment_id      INTEGER NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
  created_at      INTEGER NOT NULL,
  due_at          INTEGER NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  UNIQUE (subscription_id, comment_id)
) STRICT;
CREATE INDEX push_deliveries_due ON push_deliveries(due_at);
