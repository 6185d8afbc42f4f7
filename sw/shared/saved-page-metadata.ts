/**
 * What the worker stores beside each saved page, as response headers (so nothing else has to be
 * kept in step with the cache), and how to read it back: the worker ranks pages by it, the offline
 * page lists them with it.
 */

export const SAVED_AT_HEADER = 'x-charcha-saved-at';
export const USED_AT_HEADER = 'x-charcha-used-at';
/** Text headers hold encodeURIComponent of the value: header values cannot carry every character. */
export const TITLE_HEADER = 'x-charcha-title';
export const USER_HEADER = 'x-charcha-user';
/** The hashed asset paths the page needs, space-separated: kept across deploys while the page is. */
export const ASSETS_HEADER = 'x-charcha-assets';
/** Set on copies that carry the saved-copy meta tag already (every copy saved since 2026-12). */
export const MARKED_HEADER = 'x-charcha-marked';

export interface SavedPageInfo {
  path: string;
  title: string;
  savedAt: number;
  usedAt: number;
  user: string | null;
}

/** Reads the metadata the worker stored with a saved page. */
export function describeSavedPage(url: string, response: Response): SavedPageInfo {
  const headers = response.headers;
  const decoded = (name: string) => {
    const raw = headers.get(name);
    return raw === null ? null : decodeURIComponent(raw);
  };
  const savedAt = Number(headers.get(SAVED_AT_HEADER) ?? 0);
  return {
    path: new URL(url).pathname,
    title: decoded(TITLE_HEADER) ?? new URL(url).pathname,
    savedAt,
    usedAt: Number(headers.get(USED_AT_HEADER) ?? savedAt),
    user: decoded(USER_HEADER),
  };
}
