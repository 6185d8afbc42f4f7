import type { Page } from '@playwright/test';
import { frontPageThreads, demoTest as test } from '../support/demo-forum.ts';
import { expect, signUp, uniqueName } from '../support/fixtures.ts';
import { networkSwitch, OFFLINE_MODES, type OfflineMode } from '../support/offline-modes.ts';
import { savedCopyHtml, savedPaths } from '../support/saved-caches.ts';
import { visit, waitForController } from '../support/service-worker.ts';

/**
 * Signs up a person with a unique name, reads two threads, and returns the
 * paths whose saved copies show that name.
 */
async function browseSignedIn(page: Page, name: string): Promise<string[]> {
  await page.goto('/');
  await waitForController(page);
  await signUp(page, name);
  const threads = await frontPageThreads(page, 2);
  for (const thread of threads) await visit(page, thread.path);
  await visit(page, `/u/${name}`);
  const paths = ['/', ...threads.map((thread) => thread.path), `/u/${name}`];
  for (const path of paths) expect(await savedCopyHtml(page, path)).toContain(`data-user="${name}"`);
  return paths;
}

/** Offline, none of the pages the person read may show their name any more. */
async function expectNoTraceOffline(page: Page, mode: OfflineMode, name: string, paths: string[]) {
  for (const path of await savedPaths(page)) expect(await savedCopyHtml(page, path)).not.toContain(name);
  const network = networkSwitch(page, mode);
  await network.goOffline();
  for (const path of paths) {
    const response = await page.goto(path);
    expect(response?.fromServiceWorker()).toBe(true);
    expect(await page.content()).not.toContain(name);
    await expect(page.locator('.account .me')).toHaveCount(0);
  }
  await network.goOnline();
}

for (const mode of OFFLINE_MODES) {
  test(`after logging out, no saved page shows the person's name offline (${mode})`, async ({ page }) => {
    const name = uniqueName('shared');
    const paths = await browseSignedIn(page, name);
    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page.getByRole('link', { name: 'Log in' })).toBeVisible();
    await expectNoTraceOffline(page, mode, name, paths);
  });

  test(`the worker itself forgets signed-in pages when a logout passes through it (${mode})`, async ({
    page,
  }) => {
    const name = uniqueName('shared');
    const paths = await browseSignedIn(page, name);
    // HTMLFormElement.submit() fires no submit event, so the page script's own purge never runs.
    await page
      .locator('form.logout-form')
      .evaluate((form) => (form as unknown as { submit(): void }).submit());
    await expect(page.getByRole('link', { name: 'Log in' })).toBeVisible();
    await expectNoTraceOffline(page, mode, name, paths);
  });
}
