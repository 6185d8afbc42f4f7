import { expect, logIn, PASSWORD, signUp, startDiscussion, test, uniqueName } from './support/fixtures.ts';

test('a person signs up, discusses, replies three levels deep, votes, edits, logs out and in again', async ({
  page,
  browser,
  baseURL,
}) => {
  const asha = uniqueName('asha');
  const bilal = uniqueName('bilal');

  await signUp(page, asha);
  const discussionId = await startDiscussion(
    page,
    'Does offline-first change forum design?',
    'Thinking about **outboxes**.',
  );
  await expect(page.locator('.discussion .prose strong')).toHaveText('outboxes');

  await page.getByLabel('Add a comment').fill('Level zero: a top comment.');
  await page.getByRole('button', { name: 'Post comment' }).click();
  let parent = page.locator('.comment').filter({ hasText: 'Level zero' }).first();
  await expect(parent).toHaveAttribute('data-depth', '0');

  // Replies nest one level per reply: 1, 2, then 3 levels below the top comment.
  for (const level of [1, 2, 3]) {
    await parent.getByRole('link', { name: 'Reply' }).first().click();
    await page.getByLabel('Your reply').fill(`Level ${level} reply.`);
    await page.getByRole('button', { name: 'Post reply' }).click();
    parent = page
      .locator('.comment')
      .filter({ hasText: `Level ${level} reply.` })
      .last();
    await expect(parent).toHaveAttribute('data-depth', String(level));
  }
  const commentId = (await parent.getAttribute('id'))?.slice(1);
  const deepest = page.locator(`#c${commentId}`);
  await expect(page.locator('.comment .comment .comment .comment')).toContainText('Level 3 reply.');

  // Edit within the window.
  await deepest.getByRole('link', { name: 'Edit' }).click();
  await page.getByLabel('Comment').fill('Level 3 reply, edited for clarity.');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(deepest.locator('.prose')).toHaveText('Level 3 reply, edited for clarity.');
  await expect(deepest.locator('.meta')).toContainText('edited');

  // Log out, then another person arrives, votes, and is refused an edit of asha's comment.
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('link', { name: 'Log in' })).toBeVisible();

  const other = await browser.newContext({ baseURL });
  const bilalPage = await other.newPage();
  await signUp(bilalPage, bilal);
  await bilalPage.goto(`/discuss/${discussionId}`);
  await bilalPage.getByRole('button', { name: 'Upvote this discussion' }).click();
  await expect(bilalPage.locator('#post .score')).toHaveText('1');
  await expect(bilalPage.getByRole('button', { name: 'Remove upvote this discussion' })).toBeVisible();
  // The page shows a vote at once, while the outbox still sends it: wait until the server has it,
  // or closing this browser below could take the unsent vote with it.
  await expect
    .poll(async () => {
      const html = await (await page.request.get(`/discuss/${discussionId}`)).text();
      return /class="score">(\d+)</.exec(html)?.[1];
    })
    .toBe('1');
  await expect(bilalPage.locator(`#c${commentId}`).getByRole('link', { name: 'Edit' })).toHaveCount(0);
  const refused = await bilalPage.goto(`/comments/${commentId}/edit`);
  expect(refused?.status()).toBe(403);
  await expect(bilalPage.locator('.error-message')).toContainText('Only the author can edit');
  await other.close();

  // Back as asha: the vote counted towards her karma and her edit stuck.
  await logIn(page, asha, PASSWORD);
  await expect(page.locator('.account .karma')).toContainText('1');
  await page.goto(`/discuss/${discussionId}`);
  await expect(page.locator(`#c${commentId} .prose`)).toHaveText('Level 3 reply, edited for clarity.');
});

test('a wrong password and a taken username get clear messages', async ({ page }) => {
  const name = uniqueName('chen');
  await signUp(page, name);
  await page.getByRole('button', { name: 'Log out' }).click();
  // The page script first has the worker forget saved pages, then submits: wait until logged out.
  await expect(page.getByRole('link', { name: 'Log in' })).toBeVisible();

  await page.goto('/login');
  await page.getByLabel('Username').fill(name);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.locator('.form-error')).toHaveText('Wrong username or password.');
  await expect(page.getByLabel('Username')).toHaveValue(name);

  await page.goto('/signup');
  await page.getByLabel('Username').fill(name.toUpperCase());
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.locator('.form-error')).toContainText('is taken');
});
