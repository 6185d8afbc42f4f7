import type { SearchIndexStore } from './search-index-store.ts';
import { searchRecordOf } from './search-record.ts';

/**
 * How the page store keeps the offline search index in step with the pages it saves. Indexing
 * never stands in the way of saving or removing a page: an index that failed to be written or
 * pruned is caught up by the next search (search-offline.ts), which only reads records of pages
 * still saved.
 */
export interface SearchIndexing {
  /** Indexes a discussion page about to be stored under `key` (other pages are not indexed). */
  beforeSave(key: string, html: string): Promise<void>;
  /** Drops the records of pages that are no longer in `cache` (after a trim, an eviction, a logout). */
  afterRemovals(cache: Cache): Promise<void>;
}

export function searchIndexing(index: SearchIndexStore | undefined): SearchIndexing {
  return {
    async beforeSave(key, html) {
      const record = index && searchRecordOf(key, html);
      if (record) await index.put(record).catch(() => undefined);
    },
    async afterRemovals(cache) {
      if (!index) return;
      const liveKeys = new Set((await cache.keys()).map((request) => request.url));
      await index.keepOnly(liveKeys).catch(() => undefined);
    },
  };
}
