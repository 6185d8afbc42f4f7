import type { Page } from '@playwright/test';
import { expect, logIn } from '../support/fixtures.ts';
import { networkSwitch, OFFLINE_MODES } from '../support/offline-modes.ts';
import { savedPaths } from '../support/saved-caches.ts';
import { offlineBanner, visit, waitForController } from '../support/service-worker.ts';
import { listedPaths, readAheadTest as test } from './support.ts';

// Two pages besides the pinned ones, and no read-ahead: every page here is one the person opened.
test.use({ serverEnv: { SW_PAGE_CACHE_MAX_ENTRIES: '2', SW_READ_AHEAD: '0' } });

/** A person of the demo forum (see README): logging in costs less than signing someone up. */
const READER = { name: 'chen', password: 'charcha-demo' };

const SAVED = 'Saved for offline on this device.';

/** Opens a discussion online and presses "Save for offline". */
async function saveForOffline(page: Page, path: string): Promise<void> {
  await visit(page, path);
  await page.getByRole('button', { name: 'Save for offline' }).click();
  await expect(page.getByText(SAVED)).toBeVisible();
}

/** A person logs in (the login page installs the worker) and lands on the front page, in its control. */
async function signedInReader(page: Page): Promise<string[]> {
  await logIn(page, READER.name, READER.password);
  await waitForController(page);
  expect(new URL(page.url()).pathname).toBe('/');
  return listedPaths(page);
}

for (const mode of OFFLINE_MODES) {
  test(`discussions saved for offline survive eviction, and a logout removes them (${mode})`, async ({
    page,
  }) => {
    const [first, second, ...others] = await signedInReader(page);
    const pinned = [first ?? '', second ?? ''];
    for (const path of pinned) await saveForOffline(page, path);
    const opened = others.slice(0, 3);
    for (const path of opened) await visit(page, path);

    const saved = await savedPaths(page);
    expect(saved).toEqual(expect.arrayContaining([...pinned, ...opened.slice(-2)]));
    expect(saved).not.toContain(opened[0]);

    const network = networkSwitch(page, mode);
    await network.goOffline();
    for (const path of pinned) {
      const response = await page.goto(path);
      expect(response?.fromServiceWorker()).toBe(true);
      await expect(offlineBanner(page)).toBeVisible();
      await expect(page.getByRole('button', { name: 'Remove from saved' })).toBeVisible();
    }
    await network.goOnline();

    // They were rendered for the person: like every page that shows who they are, they go.
    await page.goto('/');
    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page.getByRole('link', { name: 'Log in' })).toBeVisible();
    const afterLogout = await savedPaths(page);
    for (const path of pinned) expect(afterLogout).not.toContain(path);
  });
}

test('"Remove from saved" puts a discussion back among the others, where the count limit reaches it', async ({
  page,
}) => {
  const [kept, ...others] = await signedInReader(page);
  await saveForOffline(page, kept ?? '');
  await page.getByRole('button', { name: 'Remove from saved' }).click();
  await expect(page.getByText('No longer saved for offline.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save for offline' })).toBeVisible();
  for (const path of others.slice(0, 2)) await visit(page, path);
  expect(await savedPaths(page)).not.toContain(kept);
});
