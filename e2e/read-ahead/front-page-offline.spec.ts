import type { Page } from '@playwright/test';
import { expect } from '../support/fixtures.ts';
import { networkSwitch, OFFLINE_MODES } from '../support/offline-modes.ts';
import { offlineBanner } from '../support/service-worker.ts';
import { listedPaths, readAheadEnded, readAheadTest as test } from './support.ts';

// Three of each listing read ahead: the rest of each front page is what is not saved.
test.use({ serverEnv: { SW_READ_AHEAD: '3' } });

/** Each listed discussion with the mark it carries offline. */
function marks(page: Page): Promise<{ path: string; mark: string }[]> {
  return page.locator('.post-list .post-summary').evaluateAll((items) =>
    items.map((item) => ({
      path: item.querySelector('a.post-title')?.getAttribute('href') ?? '',
      mark: item.querySelector('.offline-mark')?.textContent ?? '',
    })),
  );
}

for (const mode of OFFLINE_MODES) {
  test(`offline, the saved front pages open with their banner and mark what can be read (${mode})`, async ({
    page,
  }) => {
    await page.goto('/');
    const top = await listedPaths(page);
    const first = await readAheadEnded(page);
    await page.goto('/new');
    const newest = await listedPaths(page);
    await readAheadEnded(page, first.at);
    const readable = new Set([...top.slice(0, 3), ...newest.slice(0, 3)]);

    const network = networkSwitch(page, mode);
    await network.goOffline();
    for (const [path, listed] of [
      ['/', top],
      ['/new', newest],
    ] as const) {
      const response = await page.goto(path);
      expect(response?.fromServiceWorker(), path).toBe(true);
      await expect(offlineBanner(page)).toBeVisible();
      await expect(page.locator('.offline-mark')).toHaveCount(listed.length);
      expect(await marks(page)).toEqual(
        listed.map((listedPath) => ({
          path: listedPath,
          mark: readable.has(listedPath) ? 'Saved — readable offline' : 'Not saved — needs a connection',
        })),
      );
    }

    // A marked link still leads somewhere: the offline page, listing what can be read.
    const notSaved = newest.find((path) => !readable.has(path)) ?? '';
    await page.locator(`.post-list a.post-title[href="${notSaved}"]`).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('You are offline');
    await page.goBack();
    await page.locator(`.post-list a.post-title[href="${newest[0]}"]`).click();
    await expect(page.locator('h1.discussion-title')).toBeVisible();
    await expect(offlineBanner(page)).toBeVisible();

    await network.goOnline();
    await page.goto('/');
    await expect(page.locator('.offline-mark')).toHaveCount(0);
  });
}
