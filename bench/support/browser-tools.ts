import { setTimeout as sleep } from 'node:timers/promises';
import { type Browser, type BrowserContext, chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.ts';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
  });
}

/**
 * Each measured navigation starts from a quiet browser, as when a person reads before clicking:
 * back to back, the worker's saving of one page (after its load event) ran into the next
 * navigation, whichever context or network state that was.
 */
export const SETTLE_MS = 300;

/** Waits SETTLE_MS. */
export const settle = (): Promise<void> => sleep(SETTLE_MS);

/**
 * Chrome DevTools' "Fast 3G"-like profile: 150 ms latency, about 1.6 Mbit/s down and 750 kbit/s up
 * (CDP takes bytes per second).
 */
export const SLOW_NETWORK = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1_000_000) / 8,
  uploadThroughput: (750 * 1_000) / 8,
};

/**
 * The little of the page's globals these functions touch. They run in the browser (Playwright
 * serialises them), while this project's TypeScript has no DOM library.
 */
interface PageGlobals {
  __benchScriptsRan?: number;
  document: {
    title: string;
    addEventListener(type: 'load', listener: (event: { target: unknown }) => void, capture: boolean): void;
  };
  performance: {
    now(): number;
    getEntriesByType(type: 'navigation'): { responseStart: number; domContentLoadedEventEnd: number }[];
  };
  navigator: {
    serviceWorker?: { controller: unknown; ready: Promise<{ active: unknown }> };
  };
  HTMLScriptElement: abstract new () => { src: string };
}

/**
 * An external classic script fires `load` on its element right after it has executed, so the
 * last such event marks the moment the page's own scripts had run (load does not bubble: capture).
 */
export async function recordScriptExecution(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const page = globalThis as unknown as PageGlobals;
    page.document.addEventListener(
      'load',
      ({ target }) => {
        if (target instanceof page.HTMLScriptElement && target.src)
          page.__benchScriptsRan = page.performance.now();
      },
      true,
    );
  });
}

export interface NavigationTiming {
  /** The first byte of the page arrived (from the network, or from the worker's cache). */
  responseStart: number;
  /** DOMContentLoaded handlers done, from navigation start, in ms. */
  domContentLoaded: number;
  /** The page's external scripts have run; NaN if the page has none. */
  scriptRan: number;
  /** Both of the above: the page is parsed and enhanced. */
  ready: number;
  controlled: boolean;
  title: string;
}

async function readTiming(page: Page): Promise<NavigationTiming> {
  return page.evaluate(() => {
    const browser = globalThis as unknown as PageGlobals;
    const navigation = browser.performance.getEntriesByType('navigation')[0];
    const domContentLoaded = navigation?.domContentLoadedEventEnd ?? Number.NaN;
    const scriptRan = browser.__benchScriptsRan ?? Number.NaN;
    return {
      responseStart: navigation?.responseStart ?? Number.NaN,
      domContentLoaded,
      scriptRan,
      ready: Number.isNaN(scriptRan) ? domContentLoaded : Math.max(domContentLoaded, scriptRan),
      controlled: Boolean(browser.navigator.serviceWorker?.controller),
      title: browser.document.title,
    };
  });
}

export async function timedGoto(page: Page, url: string): Promise<NavigationTiming> {
  await page.goto(url, { waitUntil: 'load' });
  return readTiming(page);
}

export async function timedReload(page: Page): Promise<NavigationTiming> {
  await page.reload({ waitUntil: 'load' });
  return readTiming(page);
}

/** Waits until a worker is active for the page's scope; false if none became active in time. */
export async function waitForActiveWorker(page: Page, timeoutMs = 20_000): Promise<boolean> {
  return page.evaluate(async (timeout) => {
    const { serviceWorker } = (globalThis as unknown as PageGlobals).navigator;
    if (!serviceWorker) return false;
    const ready = serviceWorker.ready.then((registration) => registration.active !== null);
    const late = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeout));
    return Promise.race([ready, late]);
  }, timeoutMs);
}

/**
 * Throttles every service worker in the browser as DevTools does when its throttling is on:
 * a page's emulated conditions do not reach the worker's own fetches. The conditions last as
 * long as the session that set them, so the caller releases it when done.
 */
export async function throttleServiceWorkers(
  browser: Browser,
  conditions: typeof SLOW_NETWORK,
): Promise<{ workers: number; release: () => Promise<void> }> {
  const session = await browser.newBrowserCDPSession();
  const pending = new Map<string, () => void>();
  session.on('Target.receivedMessageFromTarget', ({ sessionId, message }) => {
    const { id } = JSON.parse(message) as { id?: number };
    pending.get(`${sessionId}:${id}`)?.();
  });
  const { targetInfos } = await session.send('Target.getTargets');
  const workers = targetInfos.filter((target) => target.type === 'service_worker');
  for (const worker of workers) {
    // flatten: false, because Playwright's CDP sessions cannot address a child session directly.
    const { sessionId } = await session.send('Target.attachToTarget', {
      targetId: worker.targetId,
      flatten: false,
    });
    const commands = [
      { id: 1, method: 'Network.enable', params: {} },
      { id: 2, method: 'Network.emulateNetworkConditions', params: conditions },
    ];
    for (const command of commands) {
      const answered = new Promise<void>((resolve) => pending.set(`${sessionId}:${command.id}`, resolve));
      await session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify(command) });
      await answered;
    }
  }
  return { workers: workers.length, release: () => session.detach() };
}

/** Emulates the network conditions for one page (its document and subresources). */
export async function throttlePage(context: BrowserContext, page: Page, conditions: typeof SLOW_NETWORK) {
  const session = await context.newCDPSession(page);
  await session.send('Network.enable');
  await session.send('Network.emulateNetworkConditions', conditions);
  return session;
}
