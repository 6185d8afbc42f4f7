import type { Browser, Page } from '@playwright/test';
import { injectedElements } from '../security/probes.ts';
import { expect, signUp, startDiscussion, test, uniqueName } from '../support/fixtures.ts';
import { searchFromHeader, uniqueWord } from './search-box.ts';

/** Writes a discussion with a comment; returns their ids. */
async function writeThread(page: Page, title: string, text: string, comment: string) {
  const discussionId = await startDiscussion(page, title, text);
  await page.getByLabel('Add a comment').fill(comment);
  await page.getByRole('button', { name: 'Post comment' }).click();
  const posted = page.locator('.comment').filter({ hasText: comment });
  await expect(posted).toBeVisible();
  const commentId = Number((await posted.getAttribute('id'))?.slice(1));
  return { discussionId, commentId };
}

async function searchAndOpen(browser: Browser, baseURL: string | undefined, javaScriptEnabled: boolean) {
  const context = await browser.newContext({ baseURL, javaScriptEnabled });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  const finder = uniqueName('finder');
  await signUp(page, finder);
  const word = uniqueWord('lantern');
  const { discussionId, commentId } = await writeThread(
    page,
    `Paper ${word} festival`,
    'Bring a candle. पतंग और दीये।',
    `My ${word} caught fire, ज़रूर देखना`,
  );

  await page.goto('/');
  await searchFromHeader(page, word.toUpperCase());
  await expect(page.getByRole('heading', { name: 'Search results' })).toBeVisible();
  const results = page.locator('.search-result');
  await expect(results).toHaveCount(2);
  await expect(results.first().locator('.search-result-title mark')).toHaveText(word);
  await expect(results.nth(1).locator('.search-snippet mark')).toHaveText(word);
  await expect(page.getByLabel('Search for')).toHaveValue(word.toUpperCase());

  // The Hindi word, typed with the nukta as one code point, finds the comment written with two.
  await searchFromHeader(page, `\u095Bरूर author:${finder}`);
  await expect(results).toHaveCount(1);
  await expect(results.locator('.search-snippet mark')).toHaveText('ज़रूर');
  await results.locator('.search-result-title').click();
  await expect(page).toHaveURL(new RegExp(`/discuss/${discussionId}#c${commentId}$`));
  await expect(page.locator(`#c${commentId}`)).toBeVisible();

  expect(problems).toEqual([]);
  await context.close();
}

test('the header search finds discussions and comments and marks the words, with JavaScript', async ({
  browser,
  baseURL,
}) => {
  await searchAndOpen(browser, baseURL, true);
});

test('the header search works the same with JavaScript disabled', async ({ browser, baseURL }) => {
  await searchAndOpen(browser, baseURL, false);
});

test('search answers hostile queries with a page, and shows found payloads as text', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await signUp(page, uniqueName('mallory'));
  const word = uniqueWord('payload');
  await writeThread(
    page,
    `${word} <img src=x onerror=alert(1)>`,
    `${word} <script>alert(2)</script> <svg onload=alert(3)>`,
    `${word} "><iframe src="javascript:alert(4)"></iframe>`,
  );
  await searchFromHeader(page, word);
  await expect(page.locator('.search-result')).toHaveCount(2);
  await expect(page.locator('.search-result-title').first()).toContainText('<img src=x onerror=alert(1)>');
  expect(await injectedElements(page)).toEqual([]);

  for (const query of ['"unbalanced', 'title:x OR', 'NEAR(a b', '*', 'author:', '^-+()']) {
    await searchFromHeader(page, query);
    await expect(page.getByRole('heading', { name: /^Search/ })).toBeVisible();
    await expect(page.getByLabel('Search for')).toHaveValue(query);
  }
  expect(dialogs).toEqual([]);
});
