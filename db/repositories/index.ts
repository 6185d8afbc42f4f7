import type { Db } from '../connection.ts';
import { searchChanges } from '../search-changes.ts';
import { databaseVersion } from '../version.ts';
import { commentsRepository } from './comments.ts';
import { discussionsRepository } from './discussions.ts';
import { followsRepository } from './follows.ts';
import { idempotencyRepository } from './idempotency.ts';
import { inboxRepository } from './inbox.ts';
import { notificationsRepository } from './notifications.ts';
import { pushDeliveriesRepository } from './push-deliveries.ts';
import { pushSubscriptionsRepository } from './push-subscriptions.ts';
import { searchRepository } from './search.ts';
import { sessionsRepository } from './sessions.ts';
import { usersRepository } from './users.ts';
import { votesRepository } from './votes.ts';

/** Every query the application runs, prepared once per connection and grouped by table. */
export function createRepositories(db: Db) {
  const version = databaseVersion(db);
  const follows = followsRepository(db, version);
  const notifications = notificationsRepository(db);
  const pushDeliveries = pushDeliveriesRepository(db);
  const search = searchChanges(db);
  return {
    users: usersRepository(db),
    sessions: sessionsRepository(db),
    discussions: discussionsRepository(db, version, search),
    // A comment notifies the people it concerns (and queues a push to their devices) and makes
    // its author a follower, or is not written.
    comments: commentsRepository(db, search, (comment, now) => {
      notifications.notifyOfComment(comment, now);
      pushDeliveries.queueForComment(comment, now);
      follows.followOnComment(comment);
    }),
    follows,
    notifications,
    inbox: inboxRepository(db, version),
    pushSubscriptions: pushSubscriptionsRepository(db),
    pushDeliveries,
    votes: votesRepository(db),
    idempotency: idempotencyRepository(db),
    search: searchRepository(db, undefined, search),
    /** For the group commit, which indexes the changes of the writes it holds at once. */
    searchChanges: search,
    /** Changes whenever the database may have changed: the version of everything listings show. */
    version,
    /** For the health check: a query that touches the file, not just the connection object. */
    ping(): boolean {
      return db.prepare('SELECT count(*) FROM schema_migrations').pluck().get() !== undefined;
    },
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
