// Read-ahead (issue 13): what saving a front page's discussions in the background costs the person
// (a navigation made while it runs), the network (time and bytes on the slow profile, and on a
// repeat visit when nothing changed) and the device (bytes stored against the budget).
// Run: npm run bench -- --only read-ahead [--quick]
import type { Browser } from '@playwright/test';
import { READ_AHEAD_DEFAULTS } from '../app/config.ts';
import { FULL_SAMPLES, QUICK_SAMPLES } from './browser.ts';
import { foregroundCost, freshPage } from './read-ahead-foreground.ts';
import { type ByteCountingProxy, startByteCountingProxy } from './read-ahead-proxy.ts';
import {
  launchChromium,
  SLOW_NETWORK,
  throttlePage,
  throttleServiceWorkers,
} from './support/browser-tools.ts';
import { makeBenchDirectory } from './support/database.ts';
import { wireSize } from './support/http.ts';
import { readAheadCopies, readAheadRunEndedAfter } from './support/read-ahead-caches.ts';
import { ensureBuilt, startApp } from './support/servers.ts';
import { formatKB, formatMs, formatRatio, type Row, verdict } from './support/table.ts';

const PART = 'Read-ahead';
const FOREGROUND_TARGET = 1.05;
const REPEAT_VISIT_TARGET_BYTES = 30 * 1024;
const BUDGET_BYTES = READ_AHEAD_DEFAULTS.budgetKb * 1024;
const isReadAheadRequest = (path: string) =>
  path === '/offline/read-ahead.json' || path.startsWith('/discuss/');

async function slowProfile(browser: Browser, origin: string, proxy: ByteCountingProxy) {
  const { context, page } = await freshPage(browser, origin);
  const throttledPage = await throttlePage(context, page, SLOW_NETWORK);
  const throttledWorkers = await throttleServiceWorkers(browser, SLOW_NETWORK);
  try {
    proxy.reset();
    const started = Date.now();
    await page.goto(`${origin}/`);
    const first = await readAheadRunEndedAfter(page, 0);
    const firstBytes = proxy.totals(isReadAheadRequest);
    const listed = await page
      .locator('.post-summary a.post-title')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    const stored = await readAheadCopies(page);

    proxy.reset();
    await page.goto(`${origin}/`);
    const repeat = await readAheadRunEndedAfter(page, first.at);
    const repeatBytes = proxy.totals(isReadAheadRequest);
    const pagesBytes = (await Promise.all(listed.map((path) => wireSize(origin, path)))).reduce(
      (a, b) => a + b,
      0,
    );
    return { first, elapsed: first.at - started, firstBytes, pagesBytes, stored, repeat, repeatBytes };
  } finally {
    await throttledWorkers.release();
    await throttledPage.detach();
    await context.close();
  }
}

export async function benchReadAhead(
  options: { quick: boolean },
  log: (line: string) => void,
): Promise<Row[]> {
  ensureBuilt();
  const samples = options.quick ? QUICK_SAMPLES : FULL_SAMPLES;
  const directory = makeBenchDirectory('read-ahead');
  const app = await startApp(directory.databasePath, {
    SW_READ_AHEAD: String(READ_AHEAD_DEFAULTS.discussions),
  });
  const proxy = await startByteCountingProxy(app.url);
  const browser = await launchChromium();
  const rows: Row[] = [];
  try {
    const secondPage = await fetch(`${app.url}/?page=2`).then((response) => response.text());
    const thread = secondPage.match(/<a class="post-title" href="(\/discuss\/\d+)">/)?.[1] ?? '/discuss/1';
    const cost = await foregroundCost(browser, proxy.url, thread, samples);
    const ratio = cost.running / cost.idle;
    log(
      `read-ahead: thread ready ${formatMs(cost.running)} while reading ahead, ${formatMs(cost.idle)} switched off`,
    );
    rows.push({
      part: PART,
      figure: 'Foreground cost (thread navigation while read-ahead runs vs switched off)',
      measured: `${formatMs(cost.running)} vs ${formatMs(cost.idle)}`,
      ratio: formatRatio(ratio),
      target: `≤ ${FOREGROUND_TARGET}`,
      verdict: verdict(ratio <= FOREGROUND_TARGET),
      note: `page ready, median of ${samples}; first byte after ${formatMs(cost.runningFirstByte)} vs ${formatMs(cost.idleFirstByte)}; the navigation aborts the read-ahead request in flight`,
    });

    const slow = await slowProfile(browser, proxy.url, proxy);
    log(
      `read-ahead: slow profile, ${slow.first.saved} of ${slow.first.listed} saved in ${formatMs(slow.elapsed)}`,
    );
    const overhead = slow.firstBytes.bytes / slow.pagesBytes;
    rows.push(
      {
        part: PART,
        figure: 'Slow profile: until the front page is readable offline',
        measured: `${formatMs(slow.elapsed)} for ${slow.first.saved} of ${slow.first.listed}`,
        ratio: '—',
        target: '—',
        verdict: slow.first.outcome === 'done' ? 'INFO' : 'FAIL',
        note: `from the front page's navigation to the run's end (${slow.first.outcome}), page and worker throttled to 150 ms, 1.6 Mbit/s`,
      },
      {
        part: PART,
        figure: 'Slow profile: bytes read ahead vs the compressed pages',
        measured: `${formatKB(slow.firstBytes.bytes)} in ${slow.firstBytes.requests} requests vs ${formatKB(slow.pagesBytes)}`,
        ratio: formatRatio(overhead),
        target: '≈ 1',
        verdict: 'INFO',
        note: 'headers and bodies as the server sent them; the list is the one request beyond the pages',
      },
      {
        part: PART,
        figure: 'Repeat visit, nothing changed: bytes read ahead',
        measured: `${formatKB(slow.repeatBytes.bytes)} in ${slow.repeatBytes.requests} requests`,
        ratio: '—',
        target: `≤ ${formatKB(REPEAT_VISIT_TARGET_BYTES)}`,
        verdict: verdict(slow.repeatBytes.bytes <= REPEAT_VISIT_TARGET_BYTES && slow.repeat.saved === 0),
      },
      {
        part: PART,
        figure: 'Storage for the read-ahead copies vs the budget',
        measured: `${formatKB(slow.stored.bytes)} for ${slow.stored.count}`,
        ratio: formatRatio(slow.stored.bytes / BUDGET_BYTES),
        target: `≤ ${formatKB(BUDGET_BYTES)}`,
        verdict: verdict(slow.stored.bytes <= BUDGET_BYTES),
        note: 'the stored sizes the budget counts (decoded HTML)',
      },
    );
  } finally {
    await browser.close();
    await proxy.close();
    await app.stop();
    directory.remove();
  }
  return rows;
}
