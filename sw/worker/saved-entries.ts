import { describeSavedPage, SAVED_AT_HEADER, type SavedPageInfo } from '../shared/saved-page-metadata.ts';
import { storedHeaders } from './stored-headers.ts';

export interface SavedEntry {
  request: Request;
  info: SavedPageInfo;
}

/**
 * Every saved page with its metadata, read from the headers alone: those of the request it is
 * stored under (putSavedCopy), without opening the entry; a copy stored before requests carried
 * them is opened for its response's headers.
 */
export async function savedEntries(cache: Cache): Promise<SavedEntry[]> {
  const requests = await cache.keys();
  const found = await Promise.all(
    requests.map(async (request) => {
      const headers = request.headers.has(SAVED_AT_HEADER)
        ? request.headers
        : await storedHeaders(cache, request);
      return headers ? { request, info: describeSavedPage(request.url, { headers }) } : undefined;
    }),
  );
  return found.filter((entry): entry is SavedEntry => entry !== undefined);
}

/** Most recently used first; a page never read again ranks by when it was saved. */
export function byRecentUse(a: SavedEntry, b: SavedEntry): number {
  return b.info.usedAt - a.info.usedAt || b.info.savedAt - a.info.savedAt;
}
