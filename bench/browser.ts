// Browser timings in Debian's Chromium, from navigation start (Navigation Timing), median of 10:
// what the service worker costs online, what it saves offline, and a first and repeat visit on a
// slow network.
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { OFFLINE_FIGURE, OFFLINE_TARGET, offlineReads } from './browser-offline.ts';
import { type Log, medianOf, newContext, PART, skipped } from './browser-shared.ts';
import { slowNetwork } from './browser-slow-network.ts';
import { workerFloor } from './browser-worker-floor.ts';
import {
  launchChromium,
  type NavigationTiming,
  SETTLE_MS,
  settle,
  timedGoto,
  waitForActiveWorker,
} from './support/browser-tools.ts';
import { makeBenchDirectory, seedDemoWithThread } from './support/database.ts';
import { ensureBuilt, startApp } from './support/servers.ts';
import { formatMs, formatRatio, type Row, verdict } from './support/table.ts';

export const FULL_SAMPLES = 10;
export const QUICK_SAMPLES = 3;
const WARMUP_NAVIGATIONS = 2;
const OVERHEAD_TARGET = 1.1;

const OVERHEAD_FIGURE = 'Service-worker overhead online (thread page ready, worker vs blocked)';

/** Visits the thread until the worker controls the page; undefined when it never does. */
async function controlledPage(context: BrowserContext, url: string): Promise<Page | undefined> {
  const page = await context.newPage();
  await page.goto(url);
  if (!(await waitForActiveWorker(page))) return undefined;
  return (await timedGoto(page, url)).controlled ? page : undefined;
}

async function onlineAndOffline(browser: Browser, url: string, samples: number, log: Log): Promise<Row[]> {
  const withWorker = await newContext(browser, 'allow');
  const blocked = await newContext(browser, 'block');
  try {
    const workerPage = await controlledPage(withWorker, url);
    if (!workerPage) {
      const note = 'the worker never took control of the page';
      return [
        skipped(OVERHEAD_FIGURE, `≤ ${OVERHEAD_TARGET}`, note),
        skipped(OFFLINE_FIGURE, `≤ ${OFFLINE_TARGET}`, note),
      ];
    }
    const blockedPage = await blocked.newPage();
    const controlled: NavigationTiming[] = [];
    const uncontrolled: NavigationTiming[] = [];
    for (let index = 0; index < WARMUP_NAVIGATIONS + samples; index++) {
      await settle();
      const a = await timedGoto(workerPage, url);
      await settle();
      const b = await timedGoto(blockedPage, url);
      if (index < WARMUP_NAVIGATIONS) continue;
      if (!a.controlled) throw new Error('a navigation was not controlled by the worker');
      controlled.push(a);
      uncontrolled.push(b);
    }
    const overhead = medianOf(controlled, 'ready') / medianOf(uncontrolled, 'ready');
    log(
      `browser: worker ${formatMs(medianOf(controlled, 'ready'))}, blocked ${formatMs(medianOf(uncontrolled, 'ready'))}`,
    );

    const offlineRows = await offlineReads(browser, withWorker, workerPage, samples, log);
    return [
      {
        part: PART,
        figure: OVERHEAD_FIGURE,
        measured: `${formatMs(medianOf(controlled, 'ready'))} vs ${formatMs(medianOf(uncontrolled, 'ready'))}`,
        ratio: formatRatio(overhead),
        target: `≤ ${OVERHEAD_TARGET}`,
        verdict: verdict(overhead <= OVERHEAD_TARGET),
        note: `first byte after ${formatMs(medianOf(controlled, 'responseStart'))} with the worker, ${formatMs(medianOf(uncontrolled, 'responseStart'))} without; each navigation ${SETTLE_MS} ms after the previous one's load event`,
      },
      ...offlineRows,
    ];
  } finally {
    await withWorker.close();
    await blocked.close();
  }
}

export async function benchBrowser(options: { quick: boolean }, log: Log): Promise<Row[]> {
  ensureBuilt();
  const directory = makeBenchDirectory('browser');
  const thread = await seedDemoWithThread(directory.databasePath);
  const app = await startApp(directory.databasePath);
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const url = `${app.url}/discuss/${thread.id}`;
    const samples = options.quick ? QUICK_SAMPLES : FULL_SAMPLES;
    const worker = await fetch(`${app.url}/serviceworker.js`);
    await worker.arrayBuffer();
    const workerServed = worker.status === 200;
    const rows = workerServed
      ? await onlineAndOffline(browser, url, samples, log)
      : [
          skipped(
            OVERHEAD_FIGURE,
            `≤ ${OVERHEAD_TARGET}`,
            `not available: GET /serviceworker.js answered ${worker.status}`,
          ),
          skipped(OFFLINE_FIGURE, `≤ ${OFFLINE_TARGET}`, 'not available: no service worker'),
        ];
    if (workerServed)
      rows.push(...(await workerFloor(browser, app.url, `/discuss/${thread.id}`, samples, log)));
    rows.push(...(await slowNetwork(browser, url, samples, workerServed, log)));
    return rows;
  } finally {
    await browser?.close();
    await app.stop();
    directory.remove();
  }
}
