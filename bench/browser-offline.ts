// Reading offline: a visited thread reloaded from the worker's cache against the same reload
// online, on loopback (the judged figure) and on the slow network (what a person on a phone
// network gains).
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { type Log, PART } from './browser-shared.ts';
import {
  type NavigationTiming,
  SETTLE_MS,
  SLOW_NETWORK,
  settle,
  throttlePage,
  throttleServiceWorkers,
  timedReload,
} from './support/browser-tools.ts';
import { median } from './support/load.ts';
import { formatMs, formatRatio, type Row, verdict } from './support/table.ts';

export const OFFLINE_TARGET = 0.5;
export const OFFLINE_FIGURE = 'Offline read (visited thread reloaded offline vs online)';
const SLOW_OFFLINE_FIGURE = 'Offline read vs an online reload on the slow network';

const readyOf = (timings: readonly NavigationTiming[]) => median(timings.map((timing) => timing.ready));
const firstByteOf = (timings: readonly NavigationTiming[]) =>
  median(timings.map((timing) => timing.responseStart));

interface Comparison {
  online: NavigationTiming[];
  offline: NavigationTiming[];
  wrongPages: Set<string>;
}

/**
 * Alternates an online reload with an offline one; offline must still show the thread.
 * `onSlowNetwork` throttles the online reloads (page and worker, as DevTools does).
 */
async function compare(
  browser: Browser,
  context: BrowserContext,
  page: Page,
  samples: number,
  onSlowNetwork = false,
): Promise<Comparison> {
  const result: Comparison = { online: [], offline: [], wrongPages: new Set() };
  for (let index = 0; index < samples; index++) {
    await settle();
    const online = onSlowNetwork ? await slowReload(browser, context, page) : await timedReload(page);
    result.online.push(online);
    await settle();
    await context.setOffline(true);
    try {
      const timing = await timedReload(page);
      if (timing.title !== online.title) result.wrongPages.add(timing.title);
      result.offline.push(timing);
    } catch (error) {
      result.wrongPages.add(`error: ${(error as Error).message.split('\n')[0]}`);
    } finally {
      await context.setOffline(false);
    }
  }
  return result;
}

async function slowReload(browser: Browser, context: BrowserContext, page: Page) {
  const throttledPage = await throttlePage(context, page, SLOW_NETWORK);
  const throttledWorkers = await throttleServiceWorkers(browser, SLOW_NETWORK);
  try {
    return await timedReload(page);
  } finally {
    await throttledWorkers.release();
    await throttledPage.detach();
  }
}

function row(figure: string, comparison: Comparison, judged: boolean, note: string): Row {
  const { online, offline, wrongPages } = comparison;
  const ratio = readyOf(offline) / readyOf(online);
  const shown = wrongPages.size === 0;
  return {
    part: PART,
    figure,
    measured: `${formatMs(readyOf(offline))} vs ${formatMs(readyOf(online))}`,
    ratio: formatRatio(ratio),
    target: judged ? `≤ ${OFFLINE_TARGET}` : '—',
    verdict: judged ? verdict(ratio <= OFFLINE_TARGET && shown) : shown ? 'INFO' : 'FAIL',
    note: [
      `first byte after ${formatMs(firstByteOf(offline))} offline, ${formatMs(firstByteOf(online))} online; each reload ${SETTLE_MS} ms after the previous one's load event`,
      note,
      shown ? '' : `offline reloads did not show the thread: ${[...wrongPages].join('; ')}`,
    ]
      .filter(Boolean)
      .join('; '),
  };
}

/** `page` is controlled by the worker and has the thread open (and saved). */
export async function offlineReads(
  browser: Browser,
  context: BrowserContext,
  page: Page,
  samples: number,
  log: Log,
): Promise<Row[]> {
  const loopback = await compare(browser, context, page, samples);
  const afterFirstByte = (timings: readonly NavigationTiming[]) =>
    median(timings.map((timing) => timing.ready - timing.responseStart));
  log(
    `browser: offline ${formatMs(readyOf(loopback.offline))}, online ${formatMs(readyOf(loopback.online))}`,
  );

  const slow = await compare(browser, context, page, samples, true);
  return [
    row(
      OFFLINE_FIGURE,
      loopback,
      true,
      `from the first byte to ready, ${formatMs(afterFirstByte(loopback.offline))} offline and ${formatMs(afterFirstByte(loopback.online))} online: parsing, styling, laying out and running the scripts of the same page, however its bytes came; on loopback the network is barely slower than the cache, so no cache can halve the whole (the next row has a network that is slow)`,
    ),
    row(
      SLOW_OFFLINE_FIGURE,
      slow,
      false,
      'online reloads throttled to the slow profile of the rows below (page and worker, as DevTools does); what a person on a slow network gains from the saved copy',
    ),
  ];
}
