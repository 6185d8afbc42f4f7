import type { Page } from '@playwright/test';
import { ASSETS_CACHE, PAGES_CACHE, PRECACHE_PREFIX } from '../../sw/shared/cache-names.ts';
import { USED_AT_HEADER } from '../../sw/shared/saved-page-metadata.ts';
import { expect } from './fixtures.ts';

// Browser globals used inside page.evaluate callbacks: the e2e project compiles without the DOM lib.
interface BrowserResponse {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}
interface BrowserCache {
  keys(): Promise<{ url: string }[]>;
  match(url: string): Promise<BrowserResponse | undefined>;
}
declare const caches: {
  has(name: string): Promise<boolean>;
  open(name: string): Promise<BrowserCache>;
  keys(): Promise<string[]>;
};
interface BrowserWorker {
  scriptURL: string;
  state: string;
}
declare function fetch(url: string): Promise<BrowserResponse>;
declare const document: {
  styleSheets: Iterable<{ href: string | null; cssRules: { length: number } }>;
};
interface BrowserRegistration {
  scope: string;
  active: BrowserWorker | null;
  waiting: BrowserWorker | null;
  installing: (BrowserWorker & { addEventListener(type: string, listener: () => void): void }) | null;
  update(): Promise<unknown>;
  addEventListener(type: string, listener: () => void): void;
}
declare const navigator: {
  storage: { estimate(): Promise<{ usage?: number }> };
  serviceWorker: {
    ready: Promise<BrowserRegistration>;
    controller: BrowserWorker | null;
    addEventListener(type: string, listener: () => void): void;
  };
};

/** Resolves once the worker is active and controls this page (a first visit is claimed at activate). */
export async function waitForController(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (navigator.serviceWorker.controller) return;
    await new Promise<void>((resolve) =>
      navigator.serviceWorker.addEventListener('controllerchange', () => resolve()),
    );
  });
}

/** The active registration as the page sees it. */
export function registrationState(
  page: Page,
): Promise<{ scope: string; state?: string; controller?: string }> {
  return page.evaluate(async () => {
    const ready = await navigator.serviceWorker.ready;
    return {
      scope: ready.scope,
      state: ready.active?.state,
      controller: navigator.serviceWorker.controller?.scriptURL,
    };
  });
}

/** Fetches from the page (through its service worker) and returns the status, or 0 on a network error. */
export function statusFromPage(page: Page, url: string): Promise<number> {
  return page.evaluate(
    (target) =>
      fetch(target).then(
        (response) => response.status,
        () => 0,
      ),
    url,
  );
}

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

/** Pages are saved in the background after they render: wait until the copy is really there. */
export async function expectSaved(page: Page, path: string): Promise<void> {
  // The worker saves a page once it has loaded (sw/worker/page-shown.ts), quickly: look often.
  await expect.poll(() => savedPaths(page), { intervals: [100] }).toContain(path);
}

/** Visits a page online and waits until the worker has saved it. */
export async function visit(page: Page, path: string, origin = ''): Promise<void> {
  const response = await page.goto(`${origin}${path}`);
  expect(response?.status()).toBe(200);
  await expectSaved(page, path);
}

export const offlineBanner = (page: Page) => page.locator('.offline-banner');

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

/**
 * Asks the browser to look for a new worker now and returns how the new one
 * ends up: 'installed' (waiting) or 'redundant' (its installation failed).
 */
export function checkForUpdate(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    const found = new Promise<void>((resolve) =>
      registration.addEventListener('updatefound', () => resolve()),
    );
    await registration.update().catch(() => undefined);
    await found;
    const installing = registration.installing;
    if (!installing) return registration.waiting ? 'installed' : 'redundant';
    return new Promise<string>((resolve) =>
      installing.addEventListener('statechange', () => {
        if (installing.state === 'installed' || installing.state === 'redundant') resolve(installing.state);
      }),
    );
  });
}

/** The stylesheets the page actually applied (loaded, with rules), by path. */
export function appliedStylesheets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.styleSheets]
      .filter((sheet) => sheet.href !== null && sheet.cssRules.length > 0)
      .map((sheet) => new URL(sheet.href ?? '').pathname),
  );
}

export interface ServedWorkerConfig {
  version: string;
  precache: string[];
  offlinePage: string;
  pageCache: { maxEntries: number; maxAgeMs: number };
  networkTimeoutMs: number;
}

/** The config object rendered into /serviceworker.js, read back from the script itself. */
export function configInScript(script: string): ServedWorkerConfig {
  const json = script.match(/const CHARCHA_SW_CONFIG = (\{[\s\S]*?\n\});/)?.[1];
  if (!json) throw new Error('no CHARCHA_SW_CONFIG in the worker script');
  return JSON.parse(json) as ServedWorkerConfig;
}
