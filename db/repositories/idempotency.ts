import type { Db } from '../connection.ts';

export interface StoredResult {
  request: string;
  /** What the request carried (method, path, body), hashed; null for keys stored before migration 005. */
  requestHash: string | null;
  status: number;
  response: string;
}

export function idempotencyRepository(db: Db) {
  const find = db.prepare(
    'SELECT request, request_hash AS requestHash, status, response FROM idempotency_keys WHERE user_id = ? AND key = ?',
  );
  const insert =
    db.prepare(`INSERT INTO idempotency_keys (user_id, key, request, request_hash, status, response, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const removeOlderThan = db.prepare('DELETE FROM idempotency_keys WHERE created_at < ?');

  return {
    /**
     * Runs `write` unless this user's key was used before, in which case the
     * stored result comes back instead. The lookup, the write and the record
     * share one transaction, so no interleaving can run a key's write twice. It is IMMEDIATE (see
     * votes.ts): it reads first, and a deferred read-then-write fails with SQLITE_BUSY under contention.
     */
    once: db.transaction(
      <T extends { status: number; body: object }>(
        userId: number,
        key: string,
        request: string,
        requestHash: string,
        now: number,
        write: () => T,
      ): { replayed: false; result: T } | { replayed: true; stored: StoredResult } => {
        const stored = find.get(userId, key) as StoredResult | undefined;
        if (stored) return { replayed: true, stored };
        const result = write();
        insert.run(userId, key, request, requestHash, result.status, JSON.stringify(result.body), now);
        return { replayed: false, result };
      },
    ).immediate,
    deleteOlderThan(cutoff: number): number {
      return removeOlderThan.run(cutoff).changes;
    },
  };
}
