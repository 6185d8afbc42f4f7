import { test as base, expect, type Page } from '@playwright/test';
import { type RunningServer, startServer } from './server.ts';

/** One real server per Playwright worker, with its own empty database. */
export const test = base.extend<object, { server: RunningServer }>({
  server: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures must destructure their dependencies
    async ({}, use) => {
      const server = await startServer();
      await use(server);
      await server.stop();
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ server }, use) => use(server.url),
});

export { expect };

let counter = 0;
/** A username no other test in this run uses. */
export function uniqueName(prefix = 'user'): string {
  counter += 1;
  return `${prefix}${process.pid % 1000}_${counter}_${Date.now() % 100000}`;
}

export const PASSWORD = 'correct horse battery';

/** Signs up through the form, as a person would; the page ends logged in on the front page. */
export async function signUp(page: Page, username: string, password = PASSWORD): Promise<void> {
  await submitCredentials(page, '/signup', 'Create account', username, password);
}

export async function logIn(page: Page, username: string, password = PASSWORD): Promise<void> {
  await submitCredentials(page, '/login', 'Log in', username, password);
}

async function submitCredentials(
  page: Page,
  path: string,
  button: string,
  username: string,
  password: string,
) {
  await page.goto(path);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: button }).click();
  await expect(page.locator('.account .me')).toContainText(username);
}

/** Starts a discussion through the form and returns its id. */
export async function startDiscussion(page: Page, title: string, text: string): Promise<number> {
  await page.goto('/submit');
  await page.getByLabel('Title').fill(title);
  await page.getByLabel(/^Text/).fill(text);
  await page.getByRole('button', { name: 'Post discussion' }).click();
  await expect(page.locator('h1.discussion-title')).toContainText(title);
  return Number(new URL(page.url()).pathname.split('/').pop());
}
