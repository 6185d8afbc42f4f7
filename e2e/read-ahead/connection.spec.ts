import type { Page } from '@playwright/test';
import { expect } from '../support/fixtures.ts';
import { savedPaths } from '../support/saved-caches.ts';
import { waitForController } from '../support/service-worker.ts';
import { readAheadEnded, readAheadSwitchStored, readAheadTest as test } from './support.ts';

/** The page's CDP session, which DevTools' own emulation uses. */
async function devTools(page: Page) {
  const session = await page.context().newCDPSession(page);
  await session.send('Network.enable');
  return session;
}

test('with Save-Data on, nothing is read ahead', async ({ page }) => {
  const session = await devTools(page);
  await session.send('Emulation.setDataSaverOverride', { dataSaverEnabled: true });
  await page.goto('/');
  expect(
    await page.evaluate(
      () => (navigator as unknown as { connection: { saveData: boolean } }).connection.saveData,
    ),
  ).toBe(true);
  expect(await readAheadEnded(page)).toMatchObject({ outcome: 'save-data', saved: 0 });
  expect((await savedPaths(page)).filter((path) => path.startsWith('/discuss/'))).toEqual([]);
});

test('on a 2g connection, nothing is read ahead', async ({ page }) => {
  const session = await devTools(page);
  // Chromium derives the effective type from the emulated round trip: this one is 2g.
  await session.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 1500,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
  await page.goto('/');
  expect(
    await page.evaluate(
      () => (navigator as unknown as { connection: { effectiveType: string } }).connection.effectiveType,
    ),
  ).toBe('2g');
  expect(await readAheadEnded(page)).toMatchObject({ outcome: 'slow-connection', saved: 0 });
  expect((await savedPaths(page)).filter((path) => path.startsWith('/discuss/'))).toEqual([]);
});

test('with read-ahead switched off on the saved-pages page, nothing is read ahead', async ({ page }) => {
  await page.goto('/offline/saved');
  await waitForController(page);
  const readAheadSwitch = page.getByRole('checkbox', {
    name: /Save the discussions listed on the front page/,
  });
  await expect(readAheadSwitch).toBeChecked();
  await readAheadSwitch.uncheck();
  // The page stores the choice without a round trip to the server; it is kept once stored.
  await expect.poll(() => readAheadSwitchStored(page)).toBe(false);
  await page.reload();
  await expect(readAheadSwitch).not.toBeChecked();

  await page.goto('/');
  expect(await readAheadEnded(page)).toMatchObject({ outcome: 'switched-off', saved: 0 });
  expect((await savedPaths(page)).filter((path) => path.startsWith('/discuss/'))).toEqual([]);
  await page.goto('/offline/saved');
  await expect(
    page.getByText(/^Not read ahead .*: read-ahead is switched off on this device\.$/),
  ).toBeVisible();
});
