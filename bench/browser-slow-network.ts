// A first and a repeat visit on the slow network, each on a fresh profile.
import type { Browser } from '@playwright/test';
import { type Log, medianOf, newContext, PART, skipped } from './browser-shared.ts';
import {
  type NavigationTiming,
  SLOW_NETWORK,
  throttlePage,
  throttleServiceWorkers,
  timedGoto,
  waitForActiveWorker,
} from './support/browser-tools.ts';
import { formatMs, type Row, verdict } from './support/table.ts';

const FIRST_VISIT_TARGET_MS = 1300;
const REPEAT_VISIT_TARGET_MS = 500;

export async function slowNetwork(
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
  const firstVisit = (moment: 'domContentLoaded' | 'scriptRan', figure: string, note?: string): Row => ({
    part: PART,
    figure: `Slow network, first visit: ${figure}`,
    measured: formatMs(medianOf(first, moment)),
    ratio: '—',
    target: `≤ ${FIRST_VISIT_TARGET_MS} ms`,
    verdict: verdict(medianOf(first, moment) <= FIRST_VISIT_TARGET_MS),
    note,
  });
  const rows: Row[] = [
    firstVisit(
      'domContentLoaded',
      'DOMContentLoaded',
      'CDP Network.emulateNetworkConditions: 150 ms latency, 1.6 Mbit/s down, 750 kbit/s up, on the page and, for the repeat visit, on the worker too (as DevTools does); fresh profile per sample',
    ),
    firstVisit('scriptRan', 'page script ran'),
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
