/**
 * Push subscriptions (table `push_subscriptions`, see migrations/007_push.sql): the devices a
 * person asked to be told on. An endpoint names one device of one person.
 */
import type { Db } from '../connection.ts';

/** What a browser's PushSubscription.toJSON() gives, flattened. */
export interface NewPushSubscription {
  endpoint: string;
  p256dh: string;
  auth: string;
}

export function pushSubscriptionsRepository(db: Db) {
  // A device subscribed again (new keys after pushsubscriptionchange, or another person on a
  // shared computer) replaces its row: deliveries queued for the previous owner go with it.
  const removeEndpoint = db.prepare('DELETE FROM push_subscriptions WHERE endpoint = ? AND user_id <> ?');
  const upsert = db.prepare(`INSERT INTO push_subscriptions (user_id, endpoint, p256dh, auth, created_at)
    VALUES (@userId, @endpoint, @p256dh, @auth, @now)
    ON CONFLICT (endpoint) DO UPDATE SET p256dh = excluded.p256dh, auth = excluded.auth
    WHERE p256dh <> excluded.p256dh OR auth <> excluded.auth`);
  const removeOwn = db.prepare('DELETE FROM push_subscriptions WHERE user_id = ? AND endpoint = ?');
  const removeById = db.prepare('DELETE FROM push_subscriptions WHERE id = ?');
  const endpointsOf = db
    .prepare('SELECT endpoint FROM push_subscriptions WHERE user_id = ? ORDER BY id')
    .pluck();

  return {
    /** Keeps this device for this person; returns whether anything changed. */
    save: db.transaction((userId: number, subscription: NewPushSubscription, now: number): boolean => {
      const moved = removeEndpoint.run(subscription.endpoint, userId).changes;
      return upsert.run({ userId, ...subscription, now }).changes + moved > 0;
    }),
    /** Forgets one of this person's devices; another person's endpoint is left alone. */
    remove(userId: number, endpoint: string): boolean {
      return removeOwn.run(userId, endpoint).changes > 0;
    },
    /** The push service said the device is gone (404/410), or its endpoint is no longer acceptable. */
    removeById(id: number): void {
      removeById.run(id);
    },
    endpointsOf(userId: number): string[] {
      return endpointsOf.all(userId) as string[];
    },
  };
}
