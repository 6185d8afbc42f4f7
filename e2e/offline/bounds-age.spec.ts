import { expect } from '../support/fixtures.ts';
import { networkSwitch, OFFLINE_MODES } from '../support/offline-modes.ts';
import {
  frontPageThreads,
  savedPaths,
  demoTest as test,
  visit,
  waitForController,
} from '../support/service-worker.ts';

/** Saved pages expire after two seconds, so age eviction shows within a test. */
test.use({ serverEnv: { SW_PAGE_CACHE_MAX_AGE_S: '2' } });

for (const mode of OFFLINE_MODES) {
  test(`a copy older than the age limit is never shown and is dropped (${mode})`, async ({ page }) => {
    const [t1, t2] = (await frontPageThreads(page, 2)).map((thread) => thread.path);
    if (!t1 || !t2) throw new Error('the demo forum has too few threads');
    await waitForController(page);
    await visit(page, t1);
    await visit(page, t2);
    // This scenario is about time: let both copies pass the two-second limit.
    await page.waitForTimeout(2500);

    const network = networkSwitch(page, mode);
    await network.goOffline();
    await page.goto(t1);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('You are offline');
    await expect(page.getByText('No discussions are saved on this device yet.')).toBeVisible();
    expect(await savedPaths(page)).toEqual([]);
    await network.goOnline();
  });
}
