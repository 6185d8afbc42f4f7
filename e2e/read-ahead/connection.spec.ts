import type { Page } from '@playwright/test';
import { expect } from '../support/fixtures.ts';
import { savedPaths } from '../support/service-worker.ts';
import { readAheadEnded, readAheadTest as test } from './support.ts';

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
