import type { Db } from '../connection.ts';

export interface UserRow {
  id: number;
  username: string;
  passwordHash: string;
  karma: number;
  createdAt: number;
}

const USER_COLUMNS = 'id, username, password_hash AS passwordHash, karma, created_at AS createdAt';

export function usersRepository(db: Db) {
  const insert = db.prepare('INSERT INTO users (username, password_hash, created_at) VALUES (?, ?, ?)');
  const byUsername = db.prepare(`SELECT ${USER_COLUMNS} FROM users WHERE username = ?`);
  const byId = db.prepare(`SELECT ${USER_COLUMNS} FROM users WHERE id = ?`);
  return {
    /** Returns the new user's id, or null when the username is taken (compared case-insensitively). */
    create(username: string, passwordHash: string, now: number): number | null {
      try {
        return Number(insert.run(username, passwordHash, now).lastInsertRowid);
      } catch (error) {
        if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') return null;
        throw error;
      }
    },
    findByUsername(username: string): UserRow | undefined {
      return byUsername.get(username) as UserRow | undefined;
    },
    findById(id: number): UserRow | undefined {
      return byId.get(id) as UserRow | undefined;
    },
  };
}
