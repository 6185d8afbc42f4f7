import { ASSETS_HEADER, isShownOffline, type SavedPageInfo } from '../shared/saved-page-metadata.ts';
import { savedEntries } from './saved-entries.ts';
import { storedHeaders } from './stored-headers.ts';

/** What is saved and may still be shown offline at `now`, keyed by URL. */
export async function describeSavedPages(
  cache: Cache,
  maxAgeMs: number,
  now: number,
): Promise<Map<string, SavedPageInfo>> {
  const described = new Map<string, SavedPageInfo>();
  for (const { request, info } of await savedEntries(cache)) {
    if (isShownOffline(info, maxAgeMs, now)) described.set(request.url, info);
  }
  return described;
}

/** Every hashed asset path some saved page refers to. */
export async function assetsNeededBySavedPages(cache: Cache): Promise<Set<string>> {
  const needed = new Set<string>();
  for (const request of await cache.keys()) {
    const headers = await storedHeaders(cache, request);
    for (const path of (headers?.get(ASSETS_HEADER) ?? '').split(' ')) if (path) needed.add(path);
  }
  return needed;
}
