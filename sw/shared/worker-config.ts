/**
 * The worker's settings, declared once for both ends: GET /serviceworker.js
 * (app/routes/serviceworker.ts) writes them into sw/serviceworker.eta as the
 * CHARCHA_SW_CONFIG global, and sw/worker/index.ts reads that global.
 */

/** How many saved pages the worker keeps, and for how long. */
export interface PageCacheLimits {
  maxEntries: number;
  maxAgeMs: number;
}

export interface ReadAheadSettings {
  /** Where the worker asks what to read ahead (`?listing=` names the listing); null when read-ahead is off. */
  listUrl: string | null;
  /** Bytes the read-ahead copies may take together. */
  budgetBytes: number;
}

export interface WorkerConfig {
  /** Hash of the worker bundle, the precache list and the precached pages: names the precache. */
  version: string;
  /** Hashed assets and the precached pages, fetched at install. */
  precache: string[];
  offlinePage: string;
  /** The saved-pages page: precached like the offline page, so that it opens offline. */
  savedPagesPage: string;
  /** The offline search page's shell (precached too): the worker fills in what it finds on the device. */
  offlineSearchPage: string;
  pageCache: PageCacheLimits;
  /** How long a navigation waits for the network before a saved copy is shown. */
  networkTimeoutMs: number;
  readAhead: ReadAheadSettings;
}
