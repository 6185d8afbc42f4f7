import { SAVED_AT_HEADER, USED_AT_HEADER } from '../shared/saved-page-metadata.ts';
import type { PageCacheLimits } from '../shared/worker-config.ts';
import { storedHeaders } from './stored-headers.ts';

interface Entry {
  request: Request;
  savedAt: number;
  usedAt: number;
}

/** On a quota error, this share of the saved pages (least recently used first) makes room. */
const QUOTA_EVICTION_SHARE = 0.5;

async function entries(cache: Cache): Promise<Entry[]> {
  const requests = await cache.keys();
  const found = await Promise.all(
    requests.map(async (request) => {
      const headers = await storedHeaders(cache, request);
      const savedAt = Number(headers?.get(SAVED_AT_HEADER) ?? 0);
      return { request, savedAt, usedAt: Number(headers?.get(USED_AT_HEADER) ?? savedAt) };
    }),
  );
  return found.sort((a, b) => b.usedAt - a.usedAt || b.savedAt - a.savedAt);
}

export function isExpired(savedAt: number, limits: PageCacheLimits, now: number): boolean {
  return !(now - savedAt <= limits.maxAgeMs);
}

/** Drops pages older than the age limit, then the least recently used beyond the count limit. */
export async function trimPages(cache: Cache, limits: PageCacheLimits, now: number): Promise<void> {
  const all = await entries(cache);
  const live = all.filter((entry) => !isExpired(entry.savedAt, limits, now));
  const doomed = [...all.filter((entry) => !live.includes(entry)), ...live.slice(limits.maxEntries)];
  await Promise.all(doomed.map((entry) => cache.delete(entry.request)));
}

function isQuotaError(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'QuotaExceededError';
}

/**
 * Stores a response; when the origin is over its storage quota, evicts the
 * least recently used half of the cache and tries again, down to an empty
 * cache. A page that still does not fit is simply not saved: reading it online
 * is unaffected.
 */
export async function putEvictingOnQuota(cache: Cache, key: string, make: () => Response): Promise<boolean> {
  for (;;) {
    try {
      await cache.put(key, make());
      return true;
    } catch (error) {
      if (!isQuotaError(error)) throw error;
    }
    const all = (await entries(cache)).filter((entry) => entry.request.url !== key);
    if (all.length === 0) return false;
    const evict = all.slice(Math.floor(all.length * (1 - QUOTA_EVICTION_SHARE)));
    await Promise.all(evict.map((entry) => cache.delete(entry.request)));
  }
}
