import type { Browser } from '@playwright/test';
import { expect, signUp, startDiscussion, test, uniqueName } from '../support/fixtures.ts';

// Item 6 of issue 12: voting is found where discussions are listed, and scores read as scores.

/** A discussion started by somebody else, in a context of their own that is closed afterwards. */
async function discussionByAnother(
  browser: Browser,
  baseURL: string | undefined,
  title: string,
  text: string,
) {
  const context = await browser.newContext({ baseURL });
  const author = await context.newPage();
  await signUp(author, uniqueName('author'));
  const id = await startDiscussion(author, title, text);
  await context.close();
  return id;
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a logged-in reader votes from the front page and stays on it', async ({ page, browser, baseURL }) => {
    const title = `Arrows in the list ${uniqueName('t')}`;
    const id = await discussionByAnother(browser, baseURL, title, 'Vote on me from the front page.');

    await signUp(page, uniqueName('voter'));
    await page.goto('/new');
    const item = page.locator(`#d${id}`);
    await item.getByRole('button', { name: `Upvote “${title}”` }).click();
    await expect(page).toHaveURL(new RegExp(`/new#d${id}$`));
    await expect(item.locator('.score')).toHaveText('1');
    const undo = item.getByRole('button', { name: `Remove upvote “${title}”` });
    await expect(undo).toHaveAttribute('aria-pressed', 'true');
    await undo.click();
    await expect(item.locator('.score')).toHaveText('0');

    // Your own discussion has no arrows: the score is there, said in words.
    const mine = await startDiscussion(page, `My own ${uniqueName('t')}`, 'No voting on this.');
    await page.goto('/new');
    await expect(page.locator(`#d${mine}`).getByRole('button')).toHaveCount(0);
    await expect(page.locator(`#d${mine} .vote`)).toHaveText('0 points');
  });
});

test('a reader who cannot vote sees each score labelled, and no aria-label hides on a span', async ({
  page,
  browser,
  baseURL,
}) => {
  const authorContext = await browser.newContext({ baseURL });
  const author = await authorContext.newPage();
  await signUp(author, uniqueName('scored'));
  const id = await startDiscussion(author, 'Scores in words', 'Read me logged out.');
  await author.getByLabel('Add a comment').fill('A comment with a score.');
  await author.getByRole('button', { name: 'Post comment' }).click();
  await expect(author.locator('li.comment')).toHaveCount(1);
  await authorContext.close();

  await page.goto(`/discuss/${id}`);
  for (const vote of await page.locator('.vote').all()) {
    await expect(vote).toHaveText('0 points');
    await expect(vote.getByText('points')).toBeVisible();
  }
  await expect(page.locator('.vote')).toHaveCount(2);
  await expect(page.locator('span[aria-label]')).toHaveCount(0);
});

test('with the page script, a vote from the list moves the arrow and the score in place', async ({
  page,
  browser,
  baseURL,
}) => {
  const title = `Voted in place ${uniqueName('t')}`;
  const id = await discussionByAnother(browser, baseURL, title, 'Vote on me with scripts on.');

  await signUp(page, uniqueName('scripted'));
  await page.goto('/new');
  const item = page.locator(`#d${id}`);
  await item.getByRole('button', { name: `Upvote “${title}”` }).click();
  await expect(item.locator('.score')).toHaveText('1');
  await expect(item.getByRole('button', { name: `Remove upvote “${title}”` })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(page).toHaveURL(/\/new$/);
  // The server has it. Not read from this page, reloaded or not: it shows a vote still waiting in
  // the outbox as cast. The server's own rendering of the list says what it has.
  await expect
    .poll(async () => {
      const html = await (await page.request.get('/new')).text();
      const widget = html.slice(html.indexOf(`data-vote-for="/discuss/${id}/vote"`));
      return /class="score">(\d+)</.exec(widget)?.[1];
    })
    .toBe('1');
});
