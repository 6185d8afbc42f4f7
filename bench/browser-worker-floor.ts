// The floor under the service-worker overhead figure (issue #13): what any worker costs a navigation
// it answers, in this Chromium. Three contexts load the same thread page from the same app through
// two identical loopback proxies: one with workers blocked, one with Charcha's worker, and one whose
// proxy serves, in place of /serviceworker.js, the least a worker can be that still answers
// navigations: navigation preload on, and a fetch handler that hands the preload's response back.
// Charcha's ÷ that minimal worker is what our own code adds; the minimal worker ÷ blocked is the
// price of a worker on the navigation path at all, which no code of ours can remove.
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { type Proxy as LoopbackProxy, startProxy } from '../e2e/support/proxy.ts';
import { type Log, medianOf, newContext, PART } from './browser-shared.ts';
import {
  launchChromium,
  type NavigationTiming,
  settle,
  timedGoto,
  waitForActiveWorker,
} from './support/browser-tools.ts';
import { makeBenchDirectory, seedDemoWithThread } from './support/database.ts';
import { ensureBuilt, startApp } from './support/servers.ts';
import { consoleTable, formatMs, formatRatio, type Row } from './support/table.ts';

const WARMUP_NAVIGATIONS = 2;

const MINIMAL_WORKER = `
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => {
  event.waitUntil(Promise.all([self.registration.navigationPreload.enable(), self.clients.claim()]));
});
self.addEventListener('fetch', (event) => {
  if (event.request.mode !== 'navigate') return;
  event.respondWith(event.preloadResponse.then((preloaded) => preloaded ?? fetch(event.request)));
});
`;

function minimalWorkerProxy(target: string): Promise<LoopbackProxy> {
  return startProxy(target, (url, response) => {
    if (url.pathname !== '/serviceworker.js') return false;
    response.writeHead(200, { 'content-type': 'application/javascript', 'cache-control': 'no-cache' });
    response.end(MINIMAL_WORKER);
    return true;
  });
}

/** A page of `context` controlled by the worker its origin serves (or throws). */
async function controlledPage(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  if (!(await waitForActiveWorker(page)) || !(await timedGoto(page, url)).controlled)
    throw new Error(`no worker took control of ${url}`);
  return page;
}

export async function workerFloor(
  browser: Browser,
  appUrl: string,
  path: string,
  samples: number,
  log: Log,
): Promise<Row[]> {
  const plain = await startProxy(appUrl);
  const minimal = await minimalWorkerProxy(appUrl);
  const contexts: BrowserContext[] = [];
  try {
    const open = async (workers: 'allow' | 'block') => {
      const context = await newContext(browser, workers);
      contexts.push(context);
      return context;
    };
    const pages = {
      blocked: await (await open('block')).newPage(),
      charcha: await controlledPage(await open('allow'), `${plain.url}${path}`),
      minimal: await controlledPage(await open('allow'), `${minimal.url}${path}`),
    };
    const origins = { blocked: plain.url, charcha: plain.url, minimal: minimal.url };
    const timings = {
      blocked: [] as NavigationTiming[],
      charcha: [] as NavigationTiming[],
      minimal: [] as NavigationTiming[],
    };
    const kinds = ['blocked', 'charcha', 'minimal'] as const;
    for (let index = 0; index < WARMUP_NAVIGATIONS + samples; index++) {
      // A different order each time, so a machine growing busier mid-sample hits each alike.
      for (const kind of [...kinds.slice(index % 3), ...kinds.slice(0, index % 3)]) {
        await settle();
        const timing = await timedGoto(pages[kind], `${origins[kind]}${path}`);
        if (timing.controlled !== (kind !== 'blocked'))
          throw new Error(`${kind}: controlled is ${timing.controlled}`);
        if (index >= WARMUP_NAVIGATIONS) timings[kind].push(timing);
      }
    }
    const ready = (kind: (typeof kinds)[number]) => medianOf(timings[kind], 'ready');
    const firstByte = (kind: (typeof kinds)[number]) => medianOf(timings[kind], 'responseStart');
    log(
      `browser floor: blocked ${formatMs(ready('blocked'))}, minimal worker ${formatMs(ready('minimal'))}, Charcha's ${formatMs(ready('charcha'))}`,
    );
    const note = `first byte ${formatMs(firstByte('blocked'))} blocked, ${formatMs(firstByte('minimal'))} minimal worker, ${formatMs(firstByte('charcha'))} Charcha's; all through one loopback proxy each`;
    return [
      {
        part: PART,
        figure: 'Any worker on the navigation path: a minimal preload-only worker vs blocked (the floor)',
        measured: `${formatMs(ready('minimal'))} vs ${formatMs(ready('blocked'))}`,
        ratio: formatRatio(ready('minimal') / ready('blocked')),
        target: '—',
        verdict: 'INFO',
        note,
      },
      {
        part: PART,
        figure: "What Charcha's worker adds above that floor: Charcha's worker vs the minimal one",
        measured: `${formatMs(ready('charcha'))} vs ${formatMs(ready('minimal'))}`,
        ratio: formatRatio(ready('charcha') / ready('minimal')),
        target: '—',
        verdict: 'INFO',
        note: `Charcha's vs blocked through the same proxy: ${formatRatio(ready('charcha') / ready('blocked'))}`,
      },
    ];
  } finally {
    for (const context of contexts) await context.close();
    await plain.close();
    await minimal.close();
  }
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  ensureBuilt();
  const directory = makeBenchDirectory('worker-floor');
  const thread = await seedDemoWithThread(directory.databasePath);
  const app = await startApp(directory.databasePath);
  const browser = await launchChromium();
  try {
    const log = (line: string) => process.stderr.write(`${line}\n`);
    const rows = await workerFloor(browser, app.url, `/discuss/${thread.id}`, quick ? 3 : 15, log);
    console.log(`\n${consoleTable(rows)}\n`);
  } finally {
    await browser.close();
    await app.stop();
    directory.remove();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
