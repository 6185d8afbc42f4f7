import type { CDPSession, Page } from '@playwright/test';
import { PERIODIC_REFRESH_TAG } from '../../sw/shared/read-ahead-list.ts';
import { expect } from '../support/fixtures.ts';
import { waitForController } from '../support/service-worker.ts';
import { withWorkerRegistration } from '../support/worker-registration.ts';
import { changeBehindTheWorker } from './changed-behind-the-worker.ts';
import { listedPaths, readAheadEnded, readAheadTest as test } from './support.ts';

test.use({ serverEnv: { SW_READ_AHEAD: '3' } });

/**
 * Chromium grants Periodic Background Sync to installed apps only; DevTools' protocol grants it to
 * this test's browser context, as installing would, for as long as the returned session is attached.
 */
async function allowPeriodicSync(page: Page): Promise<CDPSession> {
  const browser = page.context().browser();
  if (!browser) throw new Error('needs a browser-launched context');
  const session = await browser.newBrowserCDPSession();
  const { targetInfos } = await session.send('Target.getTargets');
  const origin = new URL(page.url()).origin;
  const target = targetInfos.find((info) => info.type === 'page' && info.url.startsWith(origin));
  if (!target?.browserContextId) throw new Error(`no page of ${origin} among the browser's targets`);
  await session.send('Browser.grantPermissions', {
    permissions: ['periodicBackgroundSync'],
    origin,
    browserContextId: target.browserContextId,
  });
  return session;
}

function periodicSyncTags(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const registration = (await (navigator as unknown as { serviceWorker: { ready: Promise<unknown> } })
      .serviceWorker.ready) as { periodicSync?: { getTags(): Promise<string[]> } };
    return registration.periodicSync ? registration.periodicSync.getTags() : [];
  });
}

/** What the browser does when the interval has passed: CDP fires `periodicsync` at the worker. */
function dispatchPeriodicSync(page: Page, tag: string): Promise<void> {
  return withWorkerRegistration(page, ({ session, origin, registrationId }) =>
    session.send('ServiceWorker.dispatchPeriodicSyncEvent', { origin, registrationId, tag }),
  );
}

test('the front page asks for a periodic refresh; a periodic sync fetches again what changed meanwhile', async ({
  page,
  server,
}) => {
  await page.goto('/offline/saved');
  await waitForController(page);
  const permission = await allowPeriodicSync(page);
  await page.goto('/');
  const listed = await listedPaths(page);
  const first = await readAheadEnded(page);
  expect(first).toMatchObject({ outcome: 'done', saved: 3 });
  await expect.poll(() => periodicSyncTags(page)).toContain(PERIODIC_REFRESH_TAG);

  const change = await changeBehindTheWorker(page, server, listed[1] ?? '', 'While away');

  // Away from the front page, only the periodic sync can notice.
  await page.goto('/offline/saved');
  await dispatchPeriodicSync(page, PERIODIC_REFRESH_TAG);
  expect(await readAheadEnded(page, first.at)).toMatchObject({ outcome: 'done', listing: 'top', saved: 1 });
  await change.expectRefreshed();
  await permission.detach();
});
