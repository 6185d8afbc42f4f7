/**
 * The push delivery queue (table `push_deliveries`, see migrations/007_push.sql). Rows are
 * queued inside the new comment's transaction, right after its notifications, and drained by
 * app/plugins/push-delivery.ts: a row is leased while it is sent, and deleted once it is sent
 * or given up.
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
  commentId: number;
  discussionId: number;
  discussionTitle: string;
  actor: string;
  bodyMd: string;
  /** Whether the comment and its discussion can still be read; a withdrawn one is not sent. */
  readable: boolean;
}

export function pushDeliveriesRepository(db: Db) {
  // The comment's notifications were just written, unread: the partial index finds them.
  const queue = db.prepare(`INSERT INTO push_deliveries (subscription_id, comment_id, created_at, due_at)
    SELECT s.id, n.comment_id, @now, @now FROM notifications n
      JOIN push_subscriptions s ON s.user_id = n.user_id
    WHERE n.post_id = @discussionId AND n.comment_id = @commentId AND n.read_at IS NULL
    ON CONFLICT DO NOTHING`);
  const dueIds = db
    .prepare('SELECT id FROM push_deliveries WHERE due_at <= ? ORDER BY due_at, id LIMIT ?')
    .pluck();
  const lease = db.prepare('UPDATE push_deliveries SET due_at = ?, attempts = attempts + 1 WHERE id = ?');
  const details = db.prepare(`SELECT d.id, d.subscription_id AS subscriptionId, s.endpoint, s.p256dh,
      s.auth, d.created_at AS createdAt, d.attempts, d.comment_id AS commentId,
      c.post_id AS discussionId, p.title AS discussionTitle, u.username AS actor,
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
  const pending = db.prepare('SELECT count(*) FROM push_deliveries').pluck();
  const nextDue = db.prepare('SELECT min(due_at) FROM push_deliveries').pluck();

  return {
    /** Inside a new comment's transaction, after its notifications: one delivery per device of each person told. */
    queueForComment(comment: { id: number; discussionId: number }, now: number): void {
      queue.run({ commentId: comment.id, discussionId: comment.discussionId, now });
    },
    /**
     * Takes up to `limit` deliveries that are due, leasing each until `leaseUntil`: a server that
     * stops mid-send finds them due again after the lease, so nothing queued is lost.
     */
    claimDue: db.transaction((now: number, limit: number, leaseUntil: number): DueDelivery[] => {
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
    pending(): number {
      return pending.get() as number;
    },
    /** When the earliest delivery is due, or null when the queue is empty. */
    nextDue(): number | null {
      return nextDue.get() as number | null;
    },
  };
}
