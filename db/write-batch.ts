import type { Db } from './connection.ts';

/**
 * Group commit: the writes that arrive while the event loop is busy are committed together, in
 * one transaction, each in a savepoint of its own.
 *
 * A commit has a fixed cost, whatever it holds: appending and syncing the WAL, and for the search
 * index a new FTS5 segment (bench/README.md, "Search": one document a transaction costs about four
 * times what ten a transaction cost each). Under load, many people's writes reach the server within
 * the same turn of the event loop; paying that cost once per turn instead of once per write is
 * what keeps a comment's indexing and notifications from halving write throughput. Alone, a write
 * is committed as before, at the end of the current turn.
 *
 * Each write still happens exactly once or not at all: a write that throws is rolled back to its
 * savepoint and rejects alone; a commit that fails rejects every write of its batch, and nobody
 * is told a write succeeded before its commit.
 */
export type WriteBatch = <T>(write: () => T) => Promise<T>;

interface Pending {
  write: () => unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * `beforeCommit` runs inside the batch's transaction after its last write: the work that is done
 * once for all of them (indexing their search changes, db/search-changes.ts). When it throws, the
 * whole batch is rolled back.
 */
export function writeBatch(db: Db, beforeCommit: () => void = () => {}): WriteBatch {
  let pending: Pending[] = [];
  // Inside the batch's transaction, calling a transaction function opens a savepoint.
  const inSavepoint = db.transaction((write: () => unknown) => write());
  const commit = db.transaction((batch: Pending[]): Outcome[] => {
    const outcomes = batch.map(({ write }): Outcome => {
      try {
        return { ok: true, value: inSavepoint(write) };
      } catch (error) {
        return { ok: false, error };
      }
    });
    beforeCommit();
    return outcomes;
  }).immediate;

  const flush = () => {
    const batch = pending;
    pending = [];
    let outcomes: Outcome[];
    try {
      outcomes = commit(batch);
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, index) => {
      const outcome = outcomes[index] as Outcome;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  };

  return <T>(write: () => T) =>
    new Promise<T>((resolve, reject) => {
      pending.push({ write, resolve: resolve as (value: unknown) => void, reject });
      if (pending.length === 1) setImmediate(flush);
    });
}
