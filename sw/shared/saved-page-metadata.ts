/**
 * What the worker stores beside each saved page, as response headers (so nothing else has to be
 * kept in step with the cache), and how to read it back: the worker ranks pages by it, the offline
 * page and the saved-pages page list them with it.
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
/** How the copy came to be saved: a SavedPageKind. Copies saved before it existed were all opened. */
export const KIND_HEADER = 'x-charcha-kind';
/** Set ("1") on pages the person saved on purpose: no limit but their own removes them. */
export const PINNED_HEADER = 'x-charcha-pinned';
/** Bytes of the stored body, counted once when it is stored (the read-ahead budget adds them up). */
export const SIZE_HEADER = 'x-charcha-size';
/** A discussion's revision as the copy shows it: read-ahead fetches it again only when it changed. */
export const REVISION_HEADER = 'x-charcha-revision';

/** "opened": the person read it; "read-ahead": the worker saved it before anyone opened it. */
export type SavedPageKind = 'opened' | 'read-ahead';

export interface SavedPageInfo {
  path: string;
  title: string;
  savedAt: number;
  usedAt: number;
  user: string | null;
  kind: SavedPageKind;
  pinned: boolean;
  /** Unknown (null) for copies saved before sizes were recorded. */
  size: number | null;
  revision: number | null;
}

/** Reads the metadata the worker stored with a saved page. */
export function describeSavedPage(url: string, response: { headers: Headers }): SavedPageInfo {
  const headers = response.headers;
  const decoded = (name: string) => {
    const raw = headers.get(name);
    return raw === null ? null : decodeURIComponent(raw);
  };
  const numberOrNull = (name: string) => {
    const raw = headers.get(name);
    return raw === null || !Number.isFinite(Number(raw)) ? null : Number(raw);
  };
  const savedAt = Number(headers.get(SAVED_AT_HEADER) ?? 0);
  return {
    path: new URL(url).pathname,
    title: decoded(TITLE_HEADER) ?? new URL(url).pathname,
    savedAt,
    usedAt: Number(headers.get(USED_AT_HEADER) ?? savedAt),
    user: decoded(USER_HEADER),
    kind: headers.get(KIND_HEADER) === 'read-ahead' ? 'read-ahead' : 'opened',
    pinned: headers.get(PINNED_HEADER) === '1',
    size: numberOrNull(SIZE_HEADER),
    revision: numberOrNull(REVISION_HEADER),
  };
}

/**
 * Whether a saved copy is still shown offline: until it is older than the age limit, unless the
 * person saved it on purpose (then it stays, with its banner saying how old it is). A copy without
 * a readable time is not trusted.
 */
export function isShownOffline(
  copy: Pick<SavedPageInfo, 'savedAt' | 'pinned'>,
  maxAgeMs: number,
  now: number,
): boolean {
  return copy.pinned || now - copy.savedAt <= maxAgeMs;
}

/** A discussion's own page (/discuss/:id); the pages cache also holds the home page, profiles and so on. */
export const DISCUSSION_PATH = /^\/discuss\/\d+$/;
