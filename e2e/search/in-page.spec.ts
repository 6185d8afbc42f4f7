import type { Page } from '@playwright/test';
import { expect, signUp, startDiscussion, test, uniqueName } from '../support/fixtures.ts';
import { networkSwitch, OFFLINE_MODES } from '../support/offline-modes.ts';
import { offlineBanner, visit, waitForController } from '../support/service-worker.ts';
import { searchFromHeader, uniqueWord } from './search-box.ts';

/**
 * With JavaScript, results come into the page (sw/page/search-in-page.ts): no new document. A
 * mark left on the window before searching is still there after only if the page stayed.
 */
const markThisDocument = (page: Page) =>
  page.evaluate(() => {
    (window as { searchTestMark?: string }).searchTestMark = 'the same document';
  });
const documentMark = (page: Page) =>
  page.evaluate(() => (window as { searchTestMark?: string }).searchTestMark ?? 'a new document');

const results = (page: Page) => page.locator('.search-result');

test('with JavaScript, results come into the page; Back and Forward step between them and the discussion, draft kept', async ({
  page,
}) => {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  const word = uniqueWord('hookah');
  await signUp(page, uniqueName('reader'));
  const discussion = await startDiscussion(page, `Chai and ${word} at dusk`, 'A quiet corner.');
  const discussionTitle = await page.title();
  await page.getByLabel('Add a comment').fill('A draft, half written');
  await markThisDocument(page);

  await searchFromHeader(page, word);
  await expect(page).toHaveURL(`/search?q=${word}`);
  await expect(results(page).locator('.search-result-title')).toHaveText([`Chai and ${word} at dusk`]);
  // Read from the start, as a new page would be: the results' heading has the focus.
  await expect(page.getByRole('heading', { name: 'Search results' })).toBeFocused();
  await searchFromHeader(page, `${word}zz`);
  await expect(page.getByText('Nothing matches. Try fewer or shorter words.')).toBeVisible();
  expect(await documentMark(page)).toBe('the same document');

  await page.goBack();
  await expect(page).toHaveTitle(`Search: ${word} · Charcha`);
  await expect(results(page)).toHaveCount(1);
  await expect(page.getByLabel('Search for')).toHaveValue(word);
  await page.goBack();
  await expect(page).toHaveURL(`/discuss/${discussion}`);
  await expect(page).toHaveTitle(discussionTitle);
  await expect(page.getByLabel('Add a comment')).toHaveValue('A draft, half written');
  await expect(page.getByLabel('Search for')).toHaveValue('');
  await page.goForward();
  await expect(results(page)).toHaveCount(1);
  expect(await documentMark(page)).toBe('the same document');

  // A result is a page of its own, a navigation away.
  await results(page).locator('.search-result-title').click();
  await expect(page).toHaveURL(`/discuss/${discussion}`);
  expect(await documentMark(page)).toBe('a new document');
  expect(problems).toEqual([]);
});

for (const mode of OFFLINE_MODES) {
  test(`offline, the worker answers a search from the header in the page; Back shows the saved copy again (${mode})`, async ({
    page,
  }) => {
    const word = uniqueWord('tiffin');
    await signUp(page, uniqueName('reader'));
    await waitForController(page);
    const discussion = await startDiscussion(page, `Lunch ${word} on the train`, 'Three tiers of it.');
    await visit(page, `/discuss/${discussion}`);
    const network = networkSwitch(page, mode);
    await network.goOffline();
    await page.reload();
    await expect(offlineBanner(page)).toBeVisible();
    await markThisDocument(page);

    await searchFromHeader(page, word);
    await expect(page.locator('.search-summary')).toHaveText(
      `You are offline: searching 1 saved discussion on this device for ${word}.`,
    );
    await expect(results(page).getByRole('link')).toHaveText([`Lunch ${word} on the train`]);
    // The banner spoke of the saved copy that was shown; the results say for themselves.
    await expect(offlineBanner(page)).toHaveCount(0);
    expect(await documentMark(page)).toBe('the same document');

    await page.goBack();
    await expect(page.locator('h1.discussion-title')).toHaveText(`Lunch ${word} on the train`);
    await expect(offlineBanner(page)).toBeVisible();
    expect(await documentMark(page)).toBe('the same document');
    await network.goOnline();
  });
}

test('with JavaScript, "Log in" on results shown in the page comes back to those results', async ({
  page,
}) => {
  await page.goto('/');
  const logIn = page.getByRole('link', { name: 'Log in' });
  await expect(logIn).toHaveAttribute('href', '/login?next=%2F');
  await markThisDocument(page);
  await searchFromHeader(page, 'chai');
  await expect(logIn).toHaveAttribute('href', `/login?next=${encodeURIComponent('/search?q=chai')}`);
  await page.goBack();
  await expect(logIn).toHaveAttribute('href', '/login?next=%2F');
  expect(await documentMark(page)).toBe('the same document');
});
