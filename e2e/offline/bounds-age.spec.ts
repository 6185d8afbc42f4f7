import { demoTest as test, threadsUnderWorker } from '../support/demo-forum.ts';
import { expect } from '../support/fixtures.ts';
import { networkSwitch, OFFLINE_MODES } from '../support/offline-modes.ts';
import { savedPaths } from '../support/saved-caches.ts';
import { visit } from '../support/service-worker.ts';

/** Saved pages expire after two seconds, so age eviction shows within a test. */
test.use({ serverEnv: { SW_PAGE_CACHE_MAX_AGE_S: '2' } });

for (const mode of OFFLINE_MODES) {
  test(`a copy older than the age limit is never shown and is dropped (${mode})`, async ({ page }) => {
    const [t1, t2] = await threadsUnderWorker(page, 2);
    await visit(page, t1.path);
    await visit(page, t2.path);
    // This scenario is about time: let both copies pass the two-second limit.
    await page.waitForTimeout(2500);

    const network = networkSwitch(page, mode);
    await network.goOffline();
    await page.goto(t1.path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('You are offline');
    await expect(page.getByText('No discussions are saved on this device yet.')).toBeVisible();
    expect(await savedPaths(page)).toEqual([]);
    await network.goOnline();
  });
}
