import { isShownOffline } from '../shared/saved-page-metadata.ts';
import type { PageCacheLimits } from '../shared/worker-config.ts';
import { byRecentUse, type SavedEntry, savedEntries } from './saved-entries.ts';
import { putSavedCopy } from './stored-page.ts';

/** On a quota error, this share of the evictable pages (in eviction order) makes room. */
const QUOTA_EVICTION_SHARE = 0.5;

export function isExpired(savedAt: number, limits: PageCacheLimits, now: number): boolean {
  return !isShownOffline({ savedAt, pinned: false }, limits.maxAgeMs, now);
}

/**
 * Which saved pages go first when room is needed: never one the person saved on purpose; first
 * the copies read ahead (nobody asked for them yet), then the pages the person opened; within
 * each, the least recently used first.
 */
export function evictionOrder(entries: SavedEntry[]): SavedEntry[] {
  const leastRecentFirst = (a: SavedEntry, b: SavedEntry) => byRecentUse(b, a);
  const unpinned = entries.filter((entry) => !entry.info.pinned);
  return [
    ...unpinned.filter((entry) => entry.info.kind === 'read-ahead').sort(leastRecentFirst),
    ...unpinned.filter((entry) => entry.info.kind !== 'read-ahead').sort(leastRecentFirst),
  ];
}

/**
 * Drops pages older than the age limit, then, beyond the count limit, pages in eviction order.
 * Pinned pages have their own limit (see pinning.ts) and are not counted here.
 */
export async function trimPages(cache: Cache, limits: PageCacheLimits, now: number): Promise<void> {
  const all = await savedEntries(cache);
  const expired = all.filter((entry) => !isShownOffline(entry.info, limits.maxAgeMs, now));
  const live = evictionOrder(all.filter((entry) => !expired.includes(entry)));
  const doomed = [...expired, ...live.slice(0, Math.max(0, live.length - limits.maxEntries))];
  await Promise.all(doomed.map((entry) => cache.delete(entry.request)));
}

export function isQuotaError(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'QuotaExceededError';
}

/**
 * Stores a response; when the origin is over its storage quota, evicts the first half of the
 * evictable pages (eviction order: read ahead before opened, never pinned) and tries again, until
 * none is left. A page that still does not fit is simply not saved: reading it online is
 * unaffected.
 */
export async function putEvictingOnQuota(cache: Cache, key: string, make: () => Response): Promise<boolean> {
  for (;;) {
    try {
      await putSavedCopy(cache, key, make());
      return true;
    } catch (error) {
      if (!isQuotaError(error)) throw error;
    }
    const evictable = evictionOrder((await savedEntries(cache)).filter((entry) => entry.request.url !== key));
    if (evictable.length === 0) return false;
    const evict = evictable.slice(0, Math.ceil(evictable.length * QUOTA_EVICTION_SHARE));
    await Promise.all(evict.map((entry) => cache.delete(entry.request)));
  }
}
