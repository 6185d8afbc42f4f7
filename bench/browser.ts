// Browser timings in Debian's Chromium, from navigation start (Navigation Timing), median of 10:
// what the service worker costs online, what it saves offline, and a first and repeat visit on a
// slow network.
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { OFFLINE_FIGURE, OFFLINE_TARGET, offlineReads } from './browser-offline.ts';
import {
  launchChromium,
  type NavigationTiming,
  recordScriptExecution,
  SETTLE_MS,
  SLOW_NETWORK,
  settle,
  throttlePage,
  throttleServiceWorkers,
  timedGoto,
  waitForActiveWorker,
} from './support/browser-tools.ts';
import { makeBenchDirectory, seedDemoWithThread } from './support/database.ts';
import { median } from './support/load.ts';
import { ensureBuilt, startApp } from './support/servers.ts';
import { formatMs, formatRatio, type Row, verdict } from './support/table.ts';

const PART = 'Browser';
export const FULL_SAMPLES = 10;
export const QUICK_SAMPLES = 3;
const WARMUP_NAVIGATIONS = 2;
const OVERHEAD_TARGET = 1.1;
const FIRST_VISIT_TARGET_MS = 1300;
const REPEAT_VISIT_TARGET_MS = 500;

const OVERHEAD_FIGURE = 'Service-worker overhead online (thread page ready, worker vs blocked)';

type Log = (line: string) => void;

const skipped = (figure: string, target: string, note: string): Row => ({
  part: PART,
  figure,
  measured: '—',
  ratio: '—',
  target,
  verdict: 'SKIP',
  note,
});

const medianOf = (
  timings: readonly NavigationTiming[],
  key: keyof Omit<NavigationTiming, 'controlled' | 'title'>,
) => median(timings.map((timing) => timing[key]));

async function newContext(browser: Browser, serviceWorkers: 'allow' | 'block'): Promise<BrowserContext> {
  const context = await browser.newContext({ serviceWorkers });
  await recordScriptExecution(context);
  return context;
}

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

async function slowNetwork(
  browser: Browser,
  url: string,
  samples: number,
  workerServed: boolean,
  log: Log,
): Promise<Row[]> {
  const first: NavigationTiming[] = [];
  const repeat: NavigationTiming[] = [];
  let uncontrolledRepeats = 0;
  for (let index = 0; index < samples; index++) {
    // A fresh profile every time: nothing cached, no worker installed.
    const context = await newContext(browser, 'allow');
    try {
      const page = await context.newPage();
      await throttlePage(context, page, SLOW_NETWORK);
      first.push(await timedGoto(page, url));
      if (!workerServed || !(await waitForActiveWorker(page))) continue;
      const throttled = await throttleServiceWorkers(browser, SLOW_NETWORK);
      try {
        const timing = await timedGoto(page, url);
        if (timing.controlled) repeat.push(timing);
        else uncontrolledRepeats++;
      } finally {
        await throttled.release();
      }
    } finally {
      await context.close();
    }
  }
  log(
    `browser: slow first visit ${formatMs(medianOf(first, 'domContentLoaded'))}, repeat ${formatMs(medianOf(repeat, 'ready'))}`,
  );
  const rows: Row[] = [
    {
      part: PART,
      figure: 'Slow network, first visit: DOMContentLoaded',
      measured: formatMs(medianOf(first, 'domContentLoaded')),
      ratio: '—',
      target: `≤ ${FIRST_VISIT_TARGET_MS} ms`,
      verdict: verdict(medianOf(first, 'domContentLoaded') <= FIRST_VISIT_TARGET_MS),
      note: 'CDP Network.emulateNetworkConditions: 150 ms latency, 1.6 Mbit/s down, 750 kbit/s up, on the page and, for the repeat visit, on the worker too (as DevTools does); fresh profile per sample',
    },
    {
      part: PART,
      figure: 'Slow network, first visit: page script ran',
      measured: formatMs(medianOf(first, 'scriptRan')),
      ratio: '—',
      target: `≤ ${FIRST_VISIT_TARGET_MS} ms`,
      verdict: verdict(medianOf(first, 'scriptRan') <= FIRST_VISIT_TARGET_MS),
    },
  ];
  const repeatFigure = 'Slow network, repeat visit with the worker: page ready';
  if (!workerServed)
    rows.push(
      skipped(
        repeatFigure,
        `≤ ${REPEAT_VISIT_TARGET_MS} ms`,
        'not available: /serviceworker.js is not served yet',
      ),
    );
  else if (repeat.length === 0)
    rows.push(
      skipped(repeatFigure, `≤ ${REPEAT_VISIT_TARGET_MS} ms`, 'the worker never controlled a repeat visit'),
    );
  else {
    rows.push({
      part: PART,
      figure: repeatFigure,
      measured: formatMs(medianOf(repeat, 'ready')),
      ratio: '—',
      target: `≤ ${REPEAT_VISIT_TARGET_MS} ms`,
      verdict: verdict(medianOf(repeat, 'ready') <= REPEAT_VISIT_TARGET_MS && uncontrolledRepeats === 0),
      note:
        uncontrolledRepeats > 0
          ? `${uncontrolledRepeats} of ${samples} repeat visits were not controlled by the worker`
          : undefined,
    });
  }
  return rows;
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
    rows.push(...(await slowNetwork(browser, url, samples, workerServed, log)));
    return rows;
  } finally {
    await browser?.close();
    await app.stop();
    directory.remove();
  }
}
