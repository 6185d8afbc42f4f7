import type { Browser, Page } from '@playwright/test';
import { expect, PASSWORD, test, uniqueName } from '../support/fixtures.ts';

/**
 * Offline reading is an enhancement: with JavaScript disabled, or with service
 * workers blocked, a person still signs up, starts a discussion and comments.
 */
async function useTheForum(page: Page): Promise<void> {
  const name = uniqueName('plain');
  await page.goto('/signup');
  await page.getByLabel('Username').fill(name);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.locator('.account .me')).toContainText(name);

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

test('with JavaScript disabled the forum works online, and no worker is installed', async ({
  browser,
  baseURL,
}) => {
  const { context, page, problems } = await open(browser, baseURL, { javaScriptEnabled: false });
  await useTheForum(page);
  expect(context.serviceWorkers()).toEqual([]);
  expect(problems).toEqual([]);
  await context.close();
});

test('with service workers blocked the forum works online and the page script logs no error', async ({
  browser,
  baseURL,
}) => {
  const { context, page, problems } = await open(browser, baseURL, { serviceWorkers: 'block' });
  await useTheForum(page);
  expect(context.serviceWorkers()).toEqual([]);
  expect(problems).toEqual([]);
  await context.close();
});

test('in a browser without the service worker API the forum works online and the page script logs no error', async ({
  browser,
  baseURL,
}) => {
  const { context, page, problems } = await open(browser, baseURL, {});
  await context.addInitScript('delete Navigator.prototype.serviceWorker;');
  await useTheForum(page);
  expect(await page.evaluate('"serviceWorker" in navigator')).toBe(false);
  expect(context.serviceWorkers()).toEqual([]);
  expect(problems).toEqual([]);
  await context.close();
});
