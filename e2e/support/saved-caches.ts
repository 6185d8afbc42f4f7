import type { Page } from '@playwright/test';
import { ASSETS_CACHE, PAGES_CACHE, PRECACHE_PREFIX } from '../../sw/shared/cache-names.ts';
import { USED_AT_HEADER } from '../../sw/shared/saved-page-metadata.ts';

/** What the worker keeps in Cache Storage, read from the page. */

// Browser globals used inside page.evaluate callbacks: the e2e project compiles without the DOM lib.
interface BrowserCache {
  keys(): Promise<{ url: string }[]>;
  match(
    url: string,
  ): Promise<{ headers: { get(name: string): string | null }; text(): Promise<string> } | undefined>;
}
declare const caches: {
  has(name: string): Promise<boolean>;
  open(name: string): Promise<BrowserCache>;
  keys(): Promise<string[]>;
};
declare const navigator: { storage: { estimate(): Promise<{ usage?: number }> } };

/** Bytes this origin uses in the browser's storage (Cache Storage included). */
export function storageUsage(page: Page): Promise<number> {
  return page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
}

/** Paths of the pages the worker has saved, read straight from Cache Storage. */
export function savedPaths(page: Page): Promise<string[]> {
  return page.evaluate(async (cacheName) => {
    if (!(await caches.has(cacheName))) return [];
    const cache = await caches.open(cacheName);
    return (await cache.keys()).map((request) => new URL(request.url).pathname + new URL(request.url).search);
  }, PAGES_CACHE);
}

/** The HTML of the saved copy of a page, or null when none is saved. */
export function savedCopyHtml(page: Page, path: string): Promise<string | null> {
  return page.evaluate(
    async ({ cacheName, url }) => {
      if (!(await caches.has(cacheName))) return null;
      const saved = await (await caches.open(cacheName)).match(url);
      return saved ? saved.text() : null;
    },
    { cacheName: PAGES_CACHE, url: new URL(path, page.url()).href },
  );
}

/** When the saved copy of a page was last shown or refreshed (the LRU clock), or 0 when none is saved. */
export function lastUsed(page: Page, path: string): Promise<number> {
  return page.evaluate(
    async ({ cacheName, url, header }) => {
      const saved = await (await caches.open(cacheName)).match(url);
      return Number(saved?.headers.get(header) ?? 0);
    },
    { cacheName: PAGES_CACHE, url: new URL(path, page.url()).href, header: USED_AT_HEADER },
  );
}

/** Names and contents (paths) of every precache the worker keeps. */
export function precaches(page: Page): Promise<{ name: string; paths: string[] }[]> {
  return page.evaluate(async (prefix) => {
    const names = (await caches.keys()).filter((name) => name.startsWith(prefix));
    return Promise.all(
      names.map(async (name) => {
        const keys = await (await caches.open(name)).keys();
        return { name, paths: keys.map((request) => new URL(request.url).pathname).sort() };
      }),
    );
  }, PRECACHE_PREFIX);
}

/** Paths held in the runtime assets cache (old hashed assets that saved pages still need). */
export function runtimeAssets(page: Page): Promise<string[]> {
  return page.evaluate(async (cacheName) => {
    if (!(await caches.has(cacheName))) return [];
    const keys = await (await caches.open(cacheName)).keys();
    return keys.map((request) => new URL(request.url).pathname).sort();
  }, ASSETS_CACHE);
}
