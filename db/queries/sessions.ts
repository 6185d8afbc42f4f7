import type { Db } from '../connection.ts';

export interface SessionUser {
  id: number;
  username: string;
  karma: number;
}

export function sessionsQueries(db: Db) {
  const insert = db.prepare(
    'INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
  );
  const userFor = db.prepare(`SELECT u.id, u.username, u.karma FROM sessions s
    JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ?`);
  const remove = db.prepare('DELETE FROM sessions WHERE token_hash = ?');
  const removeExpired = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
  return {
    create(tokenHash: string, userId: number, now: number, expiresAt: number): void {
      insert.run(tokenHash, userId, now, expiresAt);
    },
    findUser(tokenHash: string, now: number): SessionUser | undefined {
      return userFor.get(tokenHash, now) as SessionUser | undefined;
    },
    delete(tokenHash: string): void {
      remove.run(tokenHash);
    },
    deleteExpired(now: number): number {
      return removeExpired.run(now).changes;
    },
  };
}
