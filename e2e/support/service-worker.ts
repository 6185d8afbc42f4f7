import type { Page } from '@playwright/test';
import { expect } from './fixtures.ts';
import { savedPaths } from './saved-caches.ts';

// Browser globals used inside page.evaluate callbacks: the e2e project compiles without the DOM lib.
interface BrowserWorker {
  scriptURL: string;
  state: string;
}
declare function fetch(url: string): Promise<{ status: number }>;
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
