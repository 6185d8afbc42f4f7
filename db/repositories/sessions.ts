import type { Db } from '../connection.ts';

export interface SessionUser {
  id: number;
  username: string;
  karma: number;
}

export interface StoredSession {
  user: Readonly<SessionUser>;
  expiresAt: number;
}

export function sessionsRepository(db: Db) {
  const insert = db.prepare(
    'INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
  );
  const sessionFor = db.prepare(`SELECT u.id, u.username, u.karma, s.expires_at AS expiresAt
    FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`);
  const remove = db.prepare('DELETE FROM sessions WHERE token_hash = ?');
  const removeExpired = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
  return {
    create(tokenHash: string, userId: number, now: number, expiresAt: number): void {
      insert.run(tokenHash, userId, now, expiresAt);
    },
    /** The session and its user, expired or not: the caller compares expiresAt with its clock. */
    find(tokenHash: string): StoredSession | undefined {
      const row = sessionFor.get(tokenHash) as (SessionUser & { expiresAt: number }) | undefined;
      if (row === undefined) return undefined;
      const { expiresAt, ...user } = row;
      return { user: Object.freeze(user), expiresAt };
    },
    delete(tokenHash: string): void {
      remove.run(tokenHash);
    },
    deleteExpired(now: number): number {
      return removeExpired.run(now).changes;
    },
  };
}
