/**
 * What GET /offline/read-ahead.json answers (app/routes/offline.ts writes it, the worker reads it):
 * the discussions a front page lists, each with the revision its page shows, so the worker fetches
 * again only the ones whose saved copy is of another revision.
 */

/** The front page ranks by hotness ("top", at /) or lists the newest first ("new", at /new). */
export type Listing = 'top' | 'new';

export const LISTINGS: readonly Listing[] = ['top', 'new'];

/** Where each listing's first page is. */
export const LISTING_PATHS: Record<Listing, string> = { top: '/', new: '/new' };

/** The Periodic Background Sync registration that refreshes the read-ahead set while nobody visits. */
export const PERIODIC_REFRESH_TAG = 'charcha-read-ahead';
/** Discussions change over hours; twice a day keeps them fresh without costing the person data. */
export const PERIODIC_REFRESH_MIN_INTERVAL_MS = 12 * 60 * 60 * 1000;

export interface ReadAheadItem {
  /** The discussion's path, /discuss/:id. */
  url: string;
  revision: number;
}

export interface ReadAheadList {
  listing: Listing;
  discussions: ReadAheadItem[];
}

/** Reads a list from JSON of unknown origin: anything not shaped like one is an empty list. */
export function parseReadAheadList(value: unknown): ReadAheadItem[] {
  const discussions = (value as { discussions?: unknown } | null)?.discussions;
  if (!Array.isArray(discussions)) return [];
  return discussions.filter(
    (item): item is ReadAheadItem =>
      typeof item?.url === 'string' && /^\/discuss\/\d+$/.test(item.url) && Number.isInteger(item?.revision),
  );
}
