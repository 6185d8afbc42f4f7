import type { Db } from '../../db/connection.ts';

const EXECUTING = ['get', 'all', 'run', 'iterate'] as const;

/**
 * Runs `work` while counting every prepared-statement execution on the real connection
 * (better-sqlite3 statements share one prototype), and returns the SQL executed, in order.
 */
export async function recordStatements(db: Db, work: () => Promise<unknown>): Promise<string[]> {
  const prototype = Object.getPrototypeOf(db.prepare('SELECT 1')) as Record<string, unknown>;
  const originals = EXECUTING.map((name) => [name, prototype[name]] as const);
  const executed: string[] = [];
  for (const [name, original] of originals) {
    prototype[name] = function (this: { source: string }, ...args: unknown[]) {
      executed.push(this.source.replace(/\s+/g, ' ').trim());
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    };
  }
  try {
    await work();
  } finally {
    for (const [name, original] of originals) prototype[name] = original;
  }
  return executed;
}
