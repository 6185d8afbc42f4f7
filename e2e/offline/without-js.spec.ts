import type { Browser, Page } from '@playwright/test';
import { expect, signUp, test, uniqueName } from '../support/fixtures.ts';

/**
 * Offline reading is an enhancement: with JavaScript disabled, or with service
 * workers blocked, a person still signs up, starts a discussion and comments.
 */
async function useTheForum(page: Page): Promise<void> {
  await signUp(page, uniqueName('plain'));

  const title = `Plain HTML still works ${uniqueName('t')}`;
  await page.getByRole('link', { name: 'Start a discussion' }).first().click();
  await page.getByLabel('Title').fill(title);
  await page.getByLabel(/^Text/).fill('Forms post, pages render.');
  await page.getByRole('button', { name: 'Post discussion' }).click();
  await expect(page.locator('h1.discussion-title')).toHaveText(title);

  await page.getByLabel('Add a comment').fill('And comments land.');
  await page.getByRole('button', { name: 'Post comment' }).click();
  await expect(page.locator('.comment').filter({ hasText: 'And comments land.' })).toBeVisible();

  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('link', { name: 'Log in' })).toBeVisible();
  await page.goto('/');
  await expect(page.getByRole('link', { name: title })).toBeVisible();
}

async function open(browser: Browser, baseURL: string | undefined, options: object) {
  const context = await browser.newContext({ baseURL, ...options });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  return { context, page, problems };
}

/**
 * The browsers that get no worker: each row is the context's options and, for a browser without
 * the API at all, the script that takes it away before the page's own runs.
 */
const WITHOUT_A_WORKER = [
  {
    title: 'with JavaScript disabled the forum works online, and no worker is installed',
    options: { javaScriptEnabled: false },
  },
  {
    title: 'with service workers blocked the forum works online and the page script logs no error',
    options: { serviceWorkers: 'block' as const },
  },
  {
    title:
      'in a browser without the service worker API the forum works online and the page script logs no error',
    options: {},
    removeApi: 'delete Navigator.prototype.serviceWorker;',
  },
];

for (const { title, options, removeApi } of WITHOUT_A_WORKER) {
  test(title, async ({ browser, baseURL }) => {
    const { context, page, problems } = await open(browser, baseURL, options);
    if (removeApi) await context.addInitScript(removeApi);
    await useTheForum(page);
    if (removeApi) expect(await page.evaluate('"serviceWorker" in navigator')).toBe(false);
    expect(context.serviceWorkers()).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
}
