import type { SearchIndexStore } from './search-index-store.ts';
import { searchRecordOf } from './search-record.ts';

/**
 * How the page store keeps the offline search index in step with the pages it saves. Indexing
 * never stands in the way of saving or removing a page: an index that failed to be written or
 * pruned is caught up by the next search (search-offline.ts), which only reads records of pages
 * still saved.
 */
export interface SearchIndexing {
  /**
   * Indexes a page about to be stored under `key` (only discussion pages are indexed), then stores
   * it with `write`. Until the write is done the record has no page in the cache: a pruning that
   * runs meanwhile leaves it alone.
   */
  save<T>(key: string, html: string, write: () => Promise<T>): Promise<T>;
  /** Drops the records of pages that are no longer in `cache` (after a trim, an eviction, a logout). */
  afterRemovals(cache: Cache): Promise<void>;
}

export function searchIndexing(index: SearchIndexStore | undefined): SearchIndexing {
  /** Saves under way, by key. */
  const saving = new Map<string, number>();
  /**
   * When each key's last save ended, counted in saves ended. A pruning compares it with its own
   * start: a page whose save ended after the cache's keys were read is missing from them, and yet
   * saved. Only prunings under way need it: the last one to end clears it.
   */
  let savesEnded = 0;
  const endedAt = new Map<string, number>();
  let pruning = 0;

  return {
    async save(key, html, write) {
      saving.set(key, (saving.get(key) ?? 0) + 1);
      try {
        const record = index && searchRecordOf(key, html);
        if (record) await index.put(record).catch(() => undefined);
        return await write();
      } finally {
        const left = (saving.get(key) ?? 1) - 1;
        if (left === 0) saving.delete(key);
        else saving.set(key, left);
        if (pruning > 0) endedAt.set(key, ++savesEnded);
      }
    },
    async afterRemovals(cache) {
      if (!index) return;
      pruning++;
      const started = savesEnded;
      try {
        const liveKeys = new Set((await cache.keys()).map((request) => request.url));
        const isRemoved = (key: string) =>
          !liveKeys.has(key) && !saving.has(key) && (endedAt.get(key) ?? 0) <= started;
        await index.removeWhere(isRemoved).catch(() => undefined);
      } finally {
        if (--pruning === 0) endedAt.clear();
      }
    },
  };
}
