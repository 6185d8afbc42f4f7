import type { Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../../db/seed.ts';
import { demoTest as test, threadsUnderWorker } from '../support/demo-forum.ts';
import { expect, logIn } from '../support/fixtures.ts';
import { networkSwitch, OFFLINE_MODES } from '../support/offline-modes.ts';
import { visit } from '../support/service-worker.ts';

const account = (page: Page) => page.locator('.site-header .account');

for (const mode of OFFLINE_MODES) {
  test(`offline, a logged-in person is told the truth and offered nothing that needs the network (${mode})`, async ({
    page,
  }) => {
    await logIn(page, 'asha', DEMO_PASSWORD);
    const [read, neverRead] = await threadsUnderWorker(page, 2);
    await visit(page, read.path);

    const network = networkSwitch(page, mode);
    await network.goOffline();
    const response = await page.goto(neverRead.path);
    expect(response?.fromServiceWorker()).toBe(true);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('You are offline');
    await expect(account(page).getByRole('link')).toHaveCount(0);
    await expect(account(page).getByRole('button')).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Log in' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Sign up' })).toHaveCount(0);
    await expect(
      page.getByRole('list', { name: 'Discussions you can read offline' }).getByRole('link'),
    ).toHaveText([read.title]);

    // The saved-pages page, offline from the precache, is the same device copy.
    await page.goto('/offline/saved');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Saved for offline');
    await expect(account(page).getByRole('link')).toHaveCount(0);
    await network.goOnline();
  });
}

test('opened while online, the offline page says what is saved and does not claim you are offline', async ({
  page,
}) => {
  await logIn(page, 'asha', DEMO_PASSWORD);
  const [read] = await threadsUnderWorker(page, 1);
  await visit(page, read.path);

  await page.goto('/offline');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reading offline');
  await expect(page.getByText('You are offline')).toHaveCount(0);
  await expect(page.getByText(/^You are online\./)).toBeVisible();
  await expect(
    page.getByRole('list', { name: 'Discussions you can read offline' }).getByRole('link'),
  ).toHaveText([read.title]);
  // Rendered for the person, like every page they open online.
  await expect(account(page).getByRole('link', { name: /^asha/ })).toBeVisible();
  await expect(account(page).getByRole('button', { name: 'Log out' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Log in' })).toHaveCount(0);
});
