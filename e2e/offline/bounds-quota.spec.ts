import { demoTest as test, threadsUnderWorker } from '../support/demo-forum.ts';
import { expect } from '../support/fixtures.ts';
import { savedPaths, storageUsage } from '../support/saved-caches.ts';
import { offlineBanner, visit } from '../support/service-worker.ts';

/** Room for roughly one more big thread (each ~80–100 kB with its 100+ comments) beyond what is stored. */
const HEADROOM_BYTES = 120_000;

test('when the origin runs out of storage quota, the least recently used pages make room for the new one', async ({
  page,
}) => {
  const [first, ...rest] = await threadsUnderWorker(page, 6);
  await visit(page, first.path);

  // Chromium's own knob for a full disk: this origin may now store only a little more.
  const quota = (await storageUsage(page)) + HEADROOM_BYTES;
  const session = await page.context().newCDPSession(page);
  await session.send('Storage.overrideQuotaForOrigin', {
    origin: new URL(page.url()).origin,
    quotaSize: quota,
  });

  // Each visit must still be saved (visit() waits for it), so older ones have to go.
  for (const thread of rest) await visit(page, thread.path);
  const saved = await savedPaths(page);
  expect(saved).not.toContain(first.path);
  expect(saved).toContain(rest[rest.length - 1]?.path);
  expect(await storageUsage(page)).toBeLessThanOrEqual(quota);

  await page.context().setOffline(true);
  await page.goto(rest[rest.length - 1]?.path ?? '/');
  await expect(offlineBanner(page)).toBeVisible();
  await page.context().setOffline(false);
});
