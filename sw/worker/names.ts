/**
 * Names shared by the service worker and the page script: both read Cache
 * Storage (the page lists saved threads on the offline page), so they must agree.
 */

/** Saved pages outlive deploys, so this name never contains the worker version. */
export const PAGES_CACHE = 'charcha-pages-v1';
/** Hashed assets that saved pages still refer to after a deploy replaced the precache. */
export const ASSETS_CACHE = 'charcha-assets-v1';
/** One precache per worker version: `charcha-precache-<version>`. */
export const PRECACHE_PREFIX = 'charcha-precache-';

/** Metadata the worker stores beside each saved page, as response headers (encodeURIComponent for text). */
export const SAVED_AT_HEADER = 'x-charcha-saved-at';
export const USED_AT_HEADER = 'x-charcha-used-at';
export const TITLE_HEADER = 'x-charcha-title';
export const USER_HEADER = 'x-charcha-user';
export const ASSETS_HEADER = 'x-charcha-assets';
/** Set on copies that carry the saved-copy meta tag already (every copy saved since 2026-12). */
export const MARKED_HEADER = 'x-charcha-marked';

/** The worker marks a page it saves with this meta tag; shown from the cache, the page script puts up the banner. */
export const SAVED_COPY_META = 'charcha-saved-copy';

export const THREAD_PATH = /^\/discuss\/\d+$/;

/** Messages the page sends to the worker. */
export type PageToWorkerMessage =
  | { type: 'skip-waiting' }
  | { type: 'forget-signed-in-pages' }
  | { type: 'page-shown' };
/** The worker's answer to `forget-signed-in-pages`, sent on the MessagePort the page passed along. */
export interface ForgottenPagesReply {
  type: 'signed-in-pages-forgotten';
  count: number;
}

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
