import type { SavedEntry } from './saved-entries.ts';
import { byRecentUse } from './saved-entries.ts';

/**
 * The read-ahead byte budget: copies the worker saved on its own (not opened, not pinned) may take
 * this many bytes together, counted with the sizes stored beside them.
 */

export interface IncomingCopy {
  /** The cache key (URL) the copy will be stored under; an older copy there is replaced. */
  key: string;
  size: number;
}

export interface BudgetDecision {
  fits: boolean;
  /** Read-ahead copies to delete first so that it fits (none when it does not fit). */
  evict: SavedEntry[];
}

const countsAgainstBudget = (entry: SavedEntry) => entry.info.kind === 'read-ahead' && !entry.info.pinned;

/** Bytes the read-ahead copies take now. */
export function readAheadBytes(entries: SavedEntry[]): number {
  return entries.filter(countsAgainstBudget).reduce((sum, entry) => sum + (entry.info.size ?? 0), 0);
}

/**
 * Whether `incoming` fits in the budget, and what makes room for it: read-ahead copies the current
 * list no longer names (`wanted` holds the keys it does), least recently used first. Copies the
 * list still names are never evicted for another: that would only trade one for the next and fetch
 * it again on every visit. A copy that replaces an opened or pinned page keeps that standing and
 * does not count.
 */
export function fitReadAheadCopy(
  entries: SavedEntry[],
  incoming: IncomingCopy,
  budgetBytes: number,
  wanted: ReadonlySet<string>,
): BudgetDecision {
  const replaced = entries.find((entry) => entry.request.url === incoming.key);
  if (replaced && !countsAgainstBudget(replaced)) return { fits: true, evict: [] };
  const others = entries.filter((entry) => entry !== replaced);
  let excess = readAheadBytes(others) + incoming.size - budgetBytes;
  const evict: SavedEntry[] = [];
  const candidates = others
    .filter((entry) => countsAgainstBudget(entry) && !wanted.has(entry.request.url))
    .sort((a, b) => byRecentUse(b, a));
  for (const entry of candidates) {
    if (excess <= 0) break;
    evict.push(entry);
    excess -= entry.info.size ?? 0;
  }
  return excess <= 0 ? { fits: true, evict } : { fits: false, evict: [] };
}
