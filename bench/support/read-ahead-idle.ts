import type { BrowserContext, Page } from '@playwright/test';
import { PAGES_CACHE } from '../../sw/shared/cache-names.ts';
import { READ_AHEAD_WAIT_MS } from './read-ahead-caches.ts';

/**
 * Whether a page has told the worker it is idle (sw/page/read-ahead.ts): the moment the worker
 * plans read-ahead, or lets a paused run go on. A page left before it says so holds read-ahead
 * back until the worker's hold on its navigation runs out (sw/worker/read-ahead-hold.ts), up to
 * ten seconds of the next round. A reader leaves a page after it is idle, and so does the bench.
 */

/** Runs in the browser: the project's TypeScript has no DOM library, so the little used is declared. */
declare const ServiceWorker: { prototype: { postMessage(message: unknown, ...rest: unknown[]): void } };
declare const caches: { open(name: string): Promise<{ keys(): Promise<unknown[]> }> };

const IDLE_REPORTED = '__benchIdleReported';

/** Makes every page of `context` note when it posts its `page-idle` message to the worker. */
export async function recordIdleReports(context: BrowserContext): Promise<void> {
  await context.addInitScript((flag) => {
    if (typeof ServiceWorker === 'undefined') return;
    const post = ServiceWorker.prototype.postMessage;
    ServiceWorker.prototype.postMessage = function (this: unknown, message: unknown, ...rest: unknown[]) {
      if ((message as { type?: unknown } | null)?.type === 'page-idle')
        (globalThis as Record<string, unknown>)[flag] = true;
      return post.call(this, message, ...rest);
    };
  }, IDLE_REPORTED);
}

/** One cheap look at the page: how many pages the worker has saved, and whether it reported idle. */
export function lookAt(page: Page): Promise<{ savedPages: number; idleReported: boolean }> {
  return page.evaluate(
    async ({ cacheName, flag }) => ({
      savedPages: (await (await caches.open(cacheName)).keys()).length,
      idleReported: (globalThis as Record<string, unknown>)[flag] === true,
    }),
    { cacheName: PAGES_CACHE, flag: IDLE_REPORTED },
  );
}

/** Waits until the page has reported idle; `every` ms between looks. */
export async function untilIdleReported(page: Page, every: number): Promise<void> {
  const deadline = Date.now() + READ_AHEAD_WAIT_MS;
  while (!(await lookAt(page)).idleReported) {
    if (Date.now() > deadline)
      throw new Error(`${page.url()} never reported idle within ${READ_AHEAD_WAIT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, every));
  }
}
