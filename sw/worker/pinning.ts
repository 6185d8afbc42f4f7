import { PINNED_HEADER } from '../shared/saved-page-metadata.ts';
import { putEvictingOnQuota } from './expiration.ts';
import { type SavedEntry, savedEntries } from './saved-entries.ts';
import { rebuilt } from './stored-page.ts';

/**
 * Pages the person saved on purpose ("Save for offline") are pinned: no count or age limit, no
 * quota eviction and no read-ahead budget removes them, only the person (or a logout, for pages
 * that show who they are). So they have a limit of their own.
 */

/** A hundred discussions is more than a long journey's reading, and bounded without any LRU. */
export const MAX_PINNED_PAGES = 100;

export type PinOutcome = 'pinned' | 'unpinned' | 'limit' | 'missing';

/** Whether the page at `key` may be pinned: it is already, there is room, or the limit is reached. */
export function mayPin(entries: SavedEntry[], key: string, limit: number): 'already' | 'room' | 'limit' {
  const pinned = entries.filter((entry) => entry.info.pinned);
  if (pinned.some((entry) => entry.request.url === key)) return 'already';
  return pinned.length < limit ? 'room' : 'limit';
}

/**
 * Pins or unpins the saved copy at `key`, keeping its body and every other piece of metadata (when
 * it was saved stays true). A page with no saved copy cannot be pinned here: "missing" asks the
 * caller to save it first. The caller runs this one at a time for all keys (the limit counts them all).
 */
export async function writePin(
  cache: Cache,
  key: string,
  pinned: boolean,
  limit: number,
): Promise<PinOutcome> {
  const saved = await cache.match(key, { ignoreVary: true });
  if (!saved) return pinned ? 'missing' : 'unpinned';
  const decision = pinned ? mayPin(await savedEntries(cache), key, limit) : 'room';
  const unchanged = pinned ? decision !== 'room' : !saved.headers.has(PINNED_HEADER);
  if (unchanged) {
    await saved.body?.cancel();
    if (decision === 'limit') return 'limit';
    return pinned ? 'pinned' : 'unpinned';
  }
  const html = await saved.text();
  const headers = new Headers(saved.headers);
  if (pinned) headers.set(PINNED_HEADER, '1');
  else headers.delete(PINNED_HEADER);
  const stored = await putEvictingOnQuota(cache, key, () => rebuilt(html, saved, headers));
  // A copy that no longer fits anywhere is left as it was.
  if (!stored) return pinned ? 'missing' : 'pinned';
  return pinned ? 'pinned' : 'unpinned';
}
