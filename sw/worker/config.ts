/**
 * The worker's settings. GET /serviceworker.js renders sw/serviceworker.eta,
 * which defines CHARCHA_SW_CONFIG as a JSON object just before this bundle.
 */
export interface WorkerConfig {
  /** Hash of this bundle and the precache list: names the precache. */
  version: string;
  /** Hashed assets and the offline page, fetched at install. */
  precache: string[];
  offlinePage: string;
  pageCache: {
    maxEntries: number;
    maxAgeMs: number;
  };
  /** How long a navigation waits for the network before a saved copy is shown. */
  networkTimeoutMs: number;
}

declare const CHARCHA_SW_CONFIG: WorkerConfig;

export const config: WorkerConfig = CHARCHA_SW_CONFIG;
