import { SETTINGS_CACHE } from './cache-names.ts';
import type { Listing } from './read-ahead-list.ts';

/**
 * Per-device settings, kept in Cache Storage as small JSON entries: the saved-pages page and the
 * worker both read and write them, and neither needs the other running to do so. Each setting has
 * its own entry, so the page switching read-ahead off never races the worker recording a run.
 */

/** The entries' keys, exported for the end-to-end tests that read them from a browser. */
export const READ_AHEAD_SWITCH = '/charcha-settings/read-ahead';
export const READ_AHEAD_STATUS = '/charcha-settings/read-ahead-status';

/** Why the last read-ahead ended as it did; the saved-pages page says it in words. */
export type ReadAheadOutcome =
  | 'done'
  | 'budget-full'
  | 'storage-full'
  | 'save-data'
  | 'slow-connection'
  | 'switched-off'
  | 'unreachable';

export interface ReadAheadStatus {
  /** When the run ended. */
  at: number;
  listing: Listing;
  outcome: ReadAheadOutcome;
  /** Discussions the list named, and how many of them were fetched and saved in this run. */
  listed: number;
  saved: number;
}

async function readJson(storage: CacheStorage, key: string): Promise<unknown> {
  if (!(await storage.has(SETTINGS_CACHE))) return undefined;
  const stored = await (await storage.open(SETTINGS_CACHE)).match(key);
  return stored ? stored.json().catch(() => undefined) : undefined;
}

async function writeJson(storage: CacheStorage, key: string, value: unknown): Promise<void> {
  const body = JSON.stringify(value);
  await (await storage.open(SETTINGS_CACHE)).put(
    key,
    new Response(body, { headers: { 'content-type': 'application/json' } }),
  );
}

/** Read-ahead is on unless the person switched it off on this device. */
export async function readAheadSwitchedOn(storage: CacheStorage): Promise<boolean> {
  return (await readJson(storage, READ_AHEAD_SWITCH)) !== false;
}

export function switchReadAhead(storage: CacheStorage, on: boolean): Promise<void> {
  return writeJson(storage, READ_AHEAD_SWITCH, on);
}

export async function lastReadAhead(storage: CacheStorage): Promise<ReadAheadStatus | null> {
  const status = (await readJson(storage, READ_AHEAD_STATUS)) as ReadAheadStatus | undefined;
  return typeof status?.at === 'number' ? status : null;
}

export function recordReadAhead(storage: CacheStorage, status: ReadAheadStatus): Promise<void> {
  return writeJson(storage, READ_AHEAD_STATUS, status);
}
