// Read-ahead's foreground cost: what a person's navigation pays while the worker reads ahead.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { newContext } from './browser-shared.ts';
import { type NavigationTiming, timedGoto, waitForActiveWorker } from './support/browser-tools.ts';
import { median } from './support/load.ts';
import {
  READ_AHEAD_WAIT_MS,
  readAheadCopies,
  readAheadRunEndedAfter,
  switchReadAhead,
} from './support/read-ahead-caches.ts';
import { lookAt, recordIdleReports, untilIdleReported } from './support/read-ahead-idle.ts';

/** How often the front page is looked at while the bench waits: often, since the moment matters. */
const WATCH_MS = 20;

/** A fresh profile with the worker installed and in control, and nothing read ahead yet. */
export async function freshPage(
  browser: Browser,
  origin: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, 'allow');
  const page = await context.newPage();
  // The saved-pages page installs the worker without reading anything ahead.
  await page.goto(`${origin}/offline/saved`);
  if (!(await waitForActiveWorker(page))) throw new Error('the worker never became active');
  await page.reload();
  return { context, page };
}

/**
 * A thread navigation timed while read-ahead is mid-run, and the same one with read-ahead switched
 * off on the device. Both start from a front page with no copies saved and leave it at the same
 * moment after it started loading (the running case's first saved copy), watched the same way, so
 * that they differ only in read-ahead's work. Every page is left only once it has told the worker
 * it is idle, as the running case's front page has when read-ahead saves its first copy: a page
 * left sooner held the next round's read-ahead back for up to ten seconds (bench/README.md).
 */
export async function foregroundCost(browser: Browser, origin: string, thread: string, samples: number) {
  const { context, page } = await freshPage(browser, origin);
  await recordIdleReports(context);
  const idle: NavigationTiming[] = [];
  const running: NavigationTiming[] = [];
  try {
    for (let round = 0; round < samples + 1; round++) {
      // Running: with the copies gone, read-ahead starts over; the navigation comes once it has saved one.
      await readAheadCopies(page, true);
      const before = (await lookAt(page)).savedPages;
      const started = Date.now();
      await page.goto(`${origin}/`);
      while ((await lookAt(page)).savedPages <= before) {
        if (Date.now() - started > READ_AHEAD_WAIT_MS)
          throw new Error(
            `round ${round}: read-ahead saved nothing within ${READ_AHEAD_WAIT_MS / 1000} s of the front page`,
          );
        await sleep(WATCH_MS);
      }
      const delay = Date.now() - started;
      const busy = await timedGoto(page, `${origin}${thread}`);
      // The paused run resumes once the thread page is idle, and saves the rest.
      await readAheadRunEndedAfter(page, started);
      await untilIdleReported(page, WATCH_MS);

      // Switched off: the same front page with nothing saved, left after the same delay.
      await readAheadCopies(page, true);
      await switchReadAhead(page, false);
      const quietStart = Date.now();
      await page.goto(`${origin}/`);
      while (!(await lookAt(page)).idleReported || Date.now() - quietStart < delay) {
        if (Date.now() - quietStart > READ_AHEAD_WAIT_MS)
          throw new Error(`round ${round}: the front page never reported idle`);
        await sleep(WATCH_MS);
      }
      const quiet = await timedGoto(page, `${origin}${thread}`);
      await untilIdleReported(page, WATCH_MS);
      await switchReadAhead(page, true);
      if (round === 0) continue;
      idle.push(quiet);
      running.push(busy);
    }
  } finally {
    await context.close();
  }
  const medianOf = (timings: NavigationTiming[], key: 'ready' | 'responseStart') =>
    median(timings.map((timing) => timing[key]));
  return {
    idle: medianOf(idle, 'ready'),
    running: medianOf(running, 'ready'),
    idleFirstByte: medianOf(idle, 'responseStart'),
    runningFirstByte: medianOf(running, 'responseStart'),
  };
}
