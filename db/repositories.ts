import type { Db } from './connection.ts';
import { commentsQueries } from './queries/comments.ts';
import { idempotencyQueries } from './queries/idempotency.ts';
import { postsQueries } from './queries/posts.ts';
import { sessionsQueries } from './queries/sessions.ts';
import { usersQueries } from './queries/users.ts';
import { votesQueries } from './queries/votes.ts';
import { databaseVersion } from './version.ts';

/** Every query the application runs, prepared once per connection and grouped by table. */
export function createRepositories(db: Db) {
  const version = databaseVersion(db);
  return {
    users: usersQueries(db),
    sessions: sessionsQueries(db),
    posts: postsQueries(db, version),
    comments: commentsQueries(db),
    votes: votesQueries(db),
    idempotency: idempotencyQueries(db),
    /** Changes whenever the database may have changed: the version of everything listings show. */
    version,
    /** For the health check: a query that touches the file, not just the connection object. */
    ping(): boolean {
      return db.prepare('SELECT count(*) FROM schema_migrations').pluck().get() !== undefined;
    },
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
