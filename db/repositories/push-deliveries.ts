/**
 * The push delivery queue (see migrations/007_push.sql, 009_followers_told_on_read.sql and
 * 012_push_coalesced.sql). A new comment queues one fan-out row inside its own transaction; the
 * drain (app/plugins/push-delivery.ts) turns the waiting comments of a discussion into one
 * delivery per device of each person told, in a transaction of its own, so a comment costs the
 * same to write however many follow it. A delivery is leased while it is sent, and deleted once
 * it is sent or given up.
 */
import type { Db } from '../connection.ts';

/** One delivery to send: the device, and what the payload is made of. */
export interface DueDelivery {
  id: number;
  subscriptionId: number;
  endpoint: string;
  p256dh: string;
  auth: string;
  createdAt: number;
  attempts: number;
  /** The first comment the push tells of, where reading starts. */
  commentId: number;
  /** How many comments of the discussion the push tells of, commentId the first (migration 012). */
  comments: number;
  discussionId: number;
  discussionTitle: string;
  actor: string;
  bodyMd: string;
  /** Whether the comment and its discussion can still be read; a withdrawn one is not sent. */
  readable: boolean;
}

export function pushDeliveriesRepository(db: Db) {
  // Nobody has a device: nothing to fan out.
  const queue = db.prepare(`INSERT INTO push_fanouts (comment_id, queued_at)
    SELECT @commentId, @now WHERE EXISTS (SELECT 1 FROM push_subscriptions)`);
  const nextFanout = db.prepare(`SELECT x.queued_at AS queuedAt, c.post_id AS discussionId
    FROM push_fanouts x JOIN comments c ON c.id = x.comment_id ORDER BY x.comment_id LIMIT 1`);
  // Every comment of the discussion waiting to be fanned out, at once (migration 012): each device
  // gets one delivery for the comments its person is told of and has not read, the first of them
  // named, all of them counted. A person is told of a comment by a row or by following, never both.
  // The followers' part is followedComments' rule, written out so that each waiting comment is
  // checked once rather than once per follower, and counted per person before the devices are
  // joined: a busy discussion's fan-out is its comments times its followers.
  const fanOut =
    db.prepare(`INSERT INTO push_deliveries (subscription_id, comment_id, created_at, due_at, comments)
    WITH waiting AS MATERIALIZED (
      SELECT c.id, c.author_id FROM push_fanouts x
        CROSS JOIN comments c ON c.id = x.comment_id JOIN posts p ON p.id = c.post_id
      WHERE c.post_id = @discussionId AND c.deleted_at IS NULL AND p.deleted_at IS NULL),
    told AS (
      SELECT n.user_id, min(n.comment_id) AS first, count(*) AS comments FROM notifications n
      WHERE n.post_id = @discussionId AND n.read_at IS NULL AND n.comment_id IN (SELECT id FROM waiting)
      GROUP BY n.user_id
      UNION ALL
      SELECT f.user_id, min(w.id), count(*) FROM follows f
        JOIN waiting w ON w.id > f.read_through AND w.author_id <> f.user_id
      WHERE f.post_id = @discussionId AND f.following = 1
        AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = f.user_id AND n.comment_id = w.id)
      GROUP BY f.user_id)
    SELECT s.id, min(told.first), @queuedAt, @now, sum(told.comments)
    FROM told JOIN push_subscriptions s ON s.user_id = told.user_id
    GROUP BY s.id
    ON CONFLICT DO NOTHING`);
  // From the few waiting rows (CROSS JOIN keeps them the outer loop), not from every comment of
  // a long discussion.
  const fannedOut = db.prepare(`DELETE FROM push_fanouts WHERE comment_id IN (
    SELECT x.comment_id FROM push_fanouts x CROSS JOIN comments c ON c.id = x.comment_id
    WHERE c.post_id = @discussionId)`);
  const dueIds = db
    .prepare('SELECT id FROM push_deliveries WHERE due_at <= ? ORDER BY due_at, id LIMIT ?')
    .pluck();
  const lease = db.prepare('UPDATE push_deliveries SET due_at = ?, attempts = attempts + 1 WHERE id = ?');
  const details = db.prepare(`SELECT d.id, d.subscription_id AS subscriptionId, s.endpoint, s.p256dh,
      s.auth, d.created_at AS createdAt, d.attempts, d.comment_id AS commentId,
      d.comments, c.post_id AS discussionId, p.title AS discussionTitle, u.username AS actor,
      substr(c.body_md, 1, 600) AS bodyMd,
      c.deleted_at IS NULL AND p.deleted_at IS NULL AS readable
    FROM push_deliveries d
      JOIN push_subscriptions s ON s.id = d.subscription_id
      JOIN comments c ON c.id = d.comment_id
      JOIN posts p ON p.id = c.post_id
      JOIN users u ON u.id = c.author_id
    WHERE d.id = ?`);
  const finish = db.prepare('DELETE FROM push_deliveries WHERE id = ?');
  const retry = db.prepare('UPDATE push_deliveries SET due_at = ? WHERE id = ?');
  const pending = db
    .prepare('SELECT (SELECT count(*) FROM push_deliveries) + (SELECT count(*) FROM push_fanouts)')
    .pluck();
  const nextDue = db.prepare('SELECT min(due_at) FROM push_deliveries').pluck();

  /**
   * Fans out the waiting comments, a discussion at a time (the one whose comment has waited
   * longest first), until `wanted` deliveries are due or none wait.
   */
  const fanOutUntil = (now: number, wanted: number) => {
    let due = (dueIds.all(now, wanted) as number[]).length;
    while (due < wanted) {
      const fanout = nextFanout.get() as { queuedAt: number; discussionId: number } | undefined;
      if (fanout === undefined) return;
      due += fanOut.run({ ...fanout, now }).changes;
      fannedOut.run(fanout);
    }
  };

  return {
    /** Inside a new comment's transaction: one row, however many people will be pushed to. */
    queueForComment(comment: { id: number }, now: number): void {
      queue.run({ commentId: comment.id, now });
    },
    /**
     * Takes up to `limit` deliveries that are due, fanning out waiting comments first when too
     * few are, and leases each until `leaseUntil`: a server that stops mid-send finds them due
     * again after the lease, so nothing queued is lost.
     */
    claimDue: db.transaction((now: number, limit: number, leaseUntil: number): DueDelivery[] => {
      fanOutUntil(now, limit);
      const claimed: DueDelivery[] = [];
      for (const id of dueIds.all(now, limit) as number[]) {
        lease.run(leaseUntil, id);
        const row = details.get(id) as (Omit<DueDelivery, 'readable'> & { readable: number }) | undefined;
        if (row) claimed.push({ ...row, readable: row.readable === 1 });
      }
      return claimed;
    }),
    /** Sent, or given up: the delivery leaves the queue. */
    finish(id: number): void {
      finish.run(id);
    },
    /** Tries again at `dueAt`. */
    retryAt(id: number, dueAt: number): void {
      retry.run(dueAt, id);
    },
    /** Deliveries queued and comments still to fan out. */
    pending(): number {
      return pending.get() as number;
    },
    /** When the earliest delivery is due, or null when none is queued. */
    nextDue(): number | null {
      return nextDue.get() as number | null;
    },
  };
}
