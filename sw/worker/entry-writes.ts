import { describeSavedPage, type SavedPageKind, USED_AT_HEADER } from '../shared/saved-page-metadata.ts';
import { isQuotaError, putEvictingOnQuota } from './expiration.ts';
import { fitReadAheadCopy } from './read-ahead-budget.ts';
import { savedEntries } from './saved-entries.ts';
import { storedHeaders } from './stored-headers.ts';
import { putSavedCopy, rebuilt, storedCopy } from './stored-page.ts';

/**
 * The writes of one pages-cache entry. Each reads what is stored before it writes, so the page
 * store runs them one at a time per entry.
 */

/**
 * How a read-ahead save ended: "skipped" when there was nothing to save; "over-budget" and
 * "storage-full" end the whole read-ahead.
 */
export type ReadAheadSave = 'saved' | 'skipped' | 'over-budget' | 'storage-full';

export interface ReadAheadSaveOptions {
  budgetBytes: number;
  /** The keys (URLs) the current read-ahead list names: never evicted to make room for another. */
  wanted: ReadonlySet<string>;
}

/** What a new copy of `key` is stored with: how it was saved, keeping what the old copy had earned. */
async function standing(cache: Cache, key: string, kind: SavedPageKind, now: number) {
  const headers = await storedHeaders(cache, key);
  const before = headers && describeSavedPage(key, { headers });
  return { kind: before?.kind === 'opened' ? 'opened' : kind, pinned: before?.pinned ?? false, now } as const;
}

/** A page the person opened; on a full origin, other pages make room (see expiration.ts). */
export async function writeOpened(
  cache: Cache,
  key: string,
  html: string,
  response: Response,
): Promise<void> {
  const saved = storedCopy(html, response, await standing(cache, key, 'opened', Date.now()));
  await putEvictingOnQuota(cache, key, () => rebuilt(saved.body, response, saved.headers));
}

/** A copy read ahead: within the budget, and never at the cost of what the person opened or pinned. */
export async function writeReadAhead(
  cache: Cache,
  key: string,
  html: string,
  response: Response,
  options: ReadAheadSaveOptions,
): Promise<ReadAheadSave> {
  const saved = storedCopy(html, response, await standing(cache, key, 'read-ahead', Date.now()));
  const incoming = { key, size: saved.size };
  const fit = fitReadAheadCopy(await savedEntries(cache), incoming, options.budgetBytes, options.wanted);
  if (!fit.fits) return 'over-budget';
  await Promise.all(fit.evict.map((entry) => cache.delete(entry.request)));
  try {
    await putSavedCopy(cache, key, rebuilt(saved.body, response, saved.headers));
  } catch (error) {
    if (isQuotaError(error)) return 'storage-full';
    throw error;
  }
  return 'saved';
}

/** Stores the entry again with a new last-used time (entries cannot be changed in place). */
export async function writeUse(cache: Cache, key: string, now: number): Promise<void> {
  const saved = await cache.match(key, { ignoreVary: true });
  if (!saved) return;
  const html = await saved.text();
  const touched = new Headers(saved.headers);
  touched.set(USED_AT_HEADER, String(now));
  await putEvictingOnQuota(cache, key, () => rebuilt(html, saved, touched));
}
