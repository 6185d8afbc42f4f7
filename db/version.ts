import type { Db } from './connection.ts';

/**
 * Other processes (a backup, `npm run seed`, an operator's script) may write to the file too; their
 * commits are noticed within this long. Checking costs a real read, as much as the lookups it
 * saves, so it is sampled rather than done on every request.
 */
export const OTHER_WRITERS_POLL_MS = 100;

/**
 * A number that changes whenever what the database holds may have changed: after every write
 * through this connection (total_changes(), exact and nearly free) and, within
 * OTHER_WRITERS_POLL_MS, after a commit by any other connection (PRAGMA data_version).
 * Caches keyed by it need no invalidation calls: a write simply changes the key.
 */
export function databaseVersion(db: Db, now: () => number = Date.now): () => number {
  const ownChanges = db.prepare('SELECT total_changes()').pluck();
  const othersCommits = db.prepare('PRAGMA data_version').pluck();
  let version = 0;
  let lastOwn = -1;
  let lastOthers = -1;
  let othersCheckedAt = Number.NEGATIVE_INFINITY;
  return () => {
    const own = ownChanges.get() as number;
    if (own !== lastOwn) {
      lastOwn = own;
      version++;
    }
    const time = now();
    if (time - othersCheckedAt >= OTHER_WRITERS_POLL_MS) {
      othersCheckedAt = time;
      const others = othersCommits.get() as number;
      if (others !== lastOthers) {
        lastOthers = others;
        version++;
      }
    }
    return version;
  };
}

/**
 * Remembers a read's answers until the database version changes. For lookups that run on every
 * request (a thread's revision); bounded, because the keys come from URLs.
 */
export function rememberUntilChanged<K, V>(
  version: () => number,
  read: (key: K) => V,
  maxEntries = 10_000,
): (key: K) => V {
  const answers = new Map<K, V>();
  let answersVersion = -1;
  return (key) => {
    const current = version();
    if (current !== answersVersion) {
      answers.clear();
      answersVersion = current;
    }
    if (answers.has(key)) return answers.get(key) as V;
    const answer = read(key);
    if (answers.size >= maxEntries) answers.clear();
    answers.set(key, answer);
    return answer;
  };
}
