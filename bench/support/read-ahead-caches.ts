import type { Page } from '@playwright/test';
import { PAGES_CACHE, SETTINGS_CACHE } from '../../sw/shared/cache-names.ts';
import {
  READ_AHEAD_STATUS,
  READ_AHEAD_SWITCH,
  type ReadAheadStatus,
} from '../../sw/shared/device-settings.ts';
import { KIND_HEADER, SIZE_HEADER } from '../../sw/shared/saved-page-metadata.ts';

/** Runs in the browser: the project's TypeScript has no DOM library, so the little used is declared. */
declare const caches: {
  open(name: string): Promise<{
    keys(): Promise<{ url: string }[]>;
    match(
      key: string | { url: string },
    ): Promise<{ headers: { get(name: string): string | null }; json(): Promise<unknown> } | undefined>;
    delete(key: { url: string }): Promise<boolean>;
    put(key: string, value: Response): Promise<void>;
  }>;
};

/** The worker's record of its last read-ahead run, as the saved-pages page reads it. */
export function lastReadAheadRun(page: Page): Promise<ReadAheadStatus | null> {
  return page.evaluate(
    async ({ cacheName, key }) => {
      const stored = await (await caches.open(cacheName)).match(key);
      return stored ? ((await stored.json()) as ReadAheadStatus) : null;
    },
    { cacheName: SETTINGS_CACHE, key: READ_AHEAD_STATUS },
  );
}

/**
 * Longer than any run takes here (bench/README.md, Read-ahead), so that a run that never ends
 * stops the bench with a message instead of holding it forever.
 */
export const READ_AHEAD_WAIT_MS = 120_000;

/** Waits for a run that ended after `after`; polls often, since its end is what is timed. */
export async function readAheadRunEndedAfter(page: Page, after: number): Promise<ReadAheadStatus> {
  const deadline = Date.now() + READ_AHEAD_WAIT_MS;
  while (Date.now() < deadline) {
    const status = await lastReadAheadRun(page);
    if (status && status.at > after) return status;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no read-ahead run ended within ${READ_AHEAD_WAIT_MS / 1000} s`);
}

/**
 * The read-ahead copies: how many, and the bytes they take as the budget counts them (the sizes
 * the worker stored with them). With `remove`, they are deleted as they are counted.
 */
export function readAheadCopies(page: Page, remove = false): Promise<{ count: number; bytes: number }> {
  return page.evaluate(
    async ({ cacheName, kindHeader, sizeHeader, remove }) => {
      const cache = await caches.open(cacheName);
      let count = 0;
      let bytes = 0;
      for (const key of await cache.keys()) {
        const copy = await cache.match(key);
        if (copy?.headers.get(kindHeader) !== 'read-ahead') continue;
        count += 1;
        bytes += Number(copy.headers.get(sizeHeader) ?? 0);
        if (remove) await cache.delete(key);
      }
      return { count, bytes };
    },
    { cacheName: PAGES_CACHE, kindHeader: KIND_HEADER, sizeHeader: SIZE_HEADER, remove },
  );
}

/** The per-device switch, written as the saved-pages page writes it. */
export async function switchReadAhead(page: Page, on: boolean): Promise<void> {
  await page.evaluate(
    async ({ cacheName, key, on }) => {
      const body = new Response(JSON.stringify(on), { headers: { 'content-type': 'application/json' } });
      await (await caches.open(cacheName)).put(key, body);
    },
    { cacheName: SETTINGS_CACHE, key: READ_AHEAD_SWITCH, on },
  );
}
