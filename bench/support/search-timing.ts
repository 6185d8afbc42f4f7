// How long a search takes to show its results in Chromium, as bench/search-offline.ts times it:
// searched from the header's box (results fetched into the page: sw/page/search-in-page.ts) and as
// a navigation to /search (an address typed in, or a browser without the Navigation API).
import type { Page } from '@playwright/test';

interface NavigationEntry {
  domContentLoadedEventEnd: number;
  responseStart: number;
}
interface PaintEntry {
  startTime: number;
  /** Element Timing: when the element's text was painted. */
  renderTime?: number;
  identifier?: string;
}
interface PageGlobals {
  performance: {
    getEntriesByType(type: 'navigation'): NavigationEntry[];
  };
  PerformanceObserver: new (
    callback: (list: { getEntries(): PaintEntry[] }) => void,
  ) => { observe(options: { type: string; buffered: boolean }): void; disconnect(): void };
  setTimeout(callback: () => void, ms: number): unknown;
}

/**
 * The `elementtiming` name of the results, online (views/pages/search.eta) and offline
 * (sw/worker/search-page-html.ts): on the first result, as Chromium times text by the block that
 * holds it (the list itself holds none).
 */
const RESULTS_ELEMENT = 'search-results';

/**
 * Milliseconds from the navigation's start to the worker's (or server's) first byte, the results
 * parsed (DOMContentLoaded) and the first result painted (Element Timing).
 */
export async function timedSearch(page: Page, query: string) {
  await page.goto(`/search?q=${encodeURIComponent(query)}`);
  return page.evaluate(async (resultsElement) => {
    const globals = globalThis as unknown as PageGlobals;
    const navigation = globals.performance.getEntriesByType('navigation')[0];
    // Buffered: painted before this ran, or still to be painted. No function is named in here:
    // tsx would wrap it in a helper the page does not have.
    const painted = await new Promise<number>((resolve) => {
      const observer = new globals.PerformanceObserver((list) => {
        const entry = list.getEntries().find((seen) => seen.identifier === resultsElement);
        if (!entry) return;
        observer.disconnect();
        resolve(entry.renderTime || entry.startTime);
      });
      observer.observe({ type: 'element', buffered: true });
      globals.setTimeout(() => {
        observer.disconnect();
        resolve(Number.NaN);
      }, 2000);
    });
    return {
      firstByte: navigation?.responseStart ?? Number.NaN,
      parsed: navigation?.domContentLoadedEventEnd ?? Number.NaN,
      painted,
    };
  }, RESULTS_ELEMENT);
}

interface InPageGlobals {
  __searchTiming?: Promise<{ pressed: number; painted: number }>;
  document: {
    addEventListener(
      type: 'keydown',
      listener: (event: { key: string; timeStamp: number }) => void,
      options: { capture: boolean },
    ): void;
  };
  PerformanceObserver: PageGlobals['PerformanceObserver'];
  setTimeout(callback: () => void, ms: number): unknown;
}

/** A person types at about ten keys a second; a query pasted in is there at once. */
const TYPING_DELAY_MS = 100;

/**
 * Milliseconds from Enter pressed in the header's box to the first result painted (Element
 * Timing), as the person sees it: the key event's time is when the browser had the key. The page
 * stays one document, so both times share its clock; had it navigated, the timing would be gone
 * with the old document and this returns NaN. The query is typed into the box, or pasted.
 */
export async function timedSearchInPage(page: Page, query: string, entry: 'typed' | 'pasted') {
  const box = page.getByLabel('Search for');
  if (entry === 'typed') {
    await box.click();
    await box.pressSequentially(query, { delay: TYPING_DELAY_MS });
  } else await box.fill(query);
  await page.evaluate((resultsElement) => {
    const globals = globalThis as unknown as InPageGlobals;
    globals.__searchTiming = new Promise((resolve) => {
      let pressed = Number.NaN;
      globals.document.addEventListener(
        'keydown',
        (event) => {
          if (event.key === 'Enter') pressed = event.timeStamp;
        },
        { capture: true },
      );
      const observer = new globals.PerformanceObserver((list) => {
        const entry = list
          .getEntries()
          .find((seen) => seen.identifier === resultsElement && (seen.renderTime ?? 0) > pressed);
        if (!entry) return;
        observer.disconnect();
        resolve({ pressed, painted: entry.renderTime ?? Number.NaN });
      });
      observer.observe({ type: 'element', buffered: false });
      globals.setTimeout(() => {
        observer.disconnect();
        resolve({ pressed, painted: Number.NaN });
      }, 3000);
    });
  }, RESULTS_ELEMENT);
  await box.press('Enter');
  const timing = await page.evaluate(() => (globalThis as unknown as InPageGlobals).__searchTiming);
  const summary =
    (await page
      .locator('.search-summary')
      .textContent({ timeout: 3000 })
      .catch(() => null)) ?? '';
  // Offline, the worker's steps (sw/worker/search-offline.ts): `index;dur=1.2, match;dur=8.0, …`.
  const steps = await page
    .locator('[data-worker-timing]')
    .getAttribute('data-worker-timing', { timeout: 1000 })
    .catch(() => null);
  return {
    ms: timing ? timing.painted - timing.pressed : Number.NaN,
    summary,
    results: await page.locator('.search-result').count(),
    steps: (steps ?? '').replaceAll(';dur=', ' '),
  };
}
