import type { Page } from '@playwright/test';
import { expect, signUp, startDiscussion, test, uniqueName } from '../support/fixtures.ts';
import { marks, markWith, openThreadAsWriter, realComment, threadByAnother } from './support.ts';

/**
 * A comment just written shows where a reload will show it (top-level comments oldest first, a reply
 * last among its parent's replies), takes the keyboard focus, and counts in "N comments".
 */

/** The comments' ids in the order the page shows them. */
const commentOrder = (page: Page) =>
  page.locator('li.comment').evaluateAll((items) => items.map((item) => item.id));

const count = (page: Page) => page.locator('#post .meta [data-comment-count]');

test('comments and replies posted online appear where a reload shows them, focused and counted', async ({
  page,
}) => {
  await signUp(page, uniqueName('writer'));
  await startDiscussion(page, `Placement ${uniqueName('t')}`, 'Comments go where they belong.');
  await page.getByLabel('Add a comment').fill('The first comment.');
  await page.getByRole('button', { name: 'Post comment' }).click();
  const first = realComment(page, 'The first comment.');
  await expect(first).toBeVisible();
  const commentId = Number(await first.getAttribute('data-comment-id'));
  await expect(count(page)).toHaveText('1 comment');

  await page.getByLabel('Add a comment').fill('Mine, posted online.');
  await page.getByRole('button', { name: 'Post comment' }).click();
  const mine = realComment(page, 'Mine, posted online.');
  await expect(mine).toBeFocused();
  await expect(count(page)).toHaveText('2 comments');
  await expect(page.getByLabel('Add a comment')).toHaveValue('');
  expect(await commentOrder(page)).toEqual([`c${commentId}`, await mine.getAttribute('id')]);

  for (const [index, text] of ['A first reply.', 'A second reply.'].entries()) {
    await page.locator(`#c${commentId}`).getByRole('link', { name: 'Reply' }).first().click();
    await page.getByLabel('Your reply').fill(text);
    await page.getByRole('button', { name: 'Post reply' }).click();
    const reply = realComment(page, text);
    await expect(reply).toBeFocused();
    await expect(count(page)).toHaveText(`${3 + index} comments`);
    // Last among the replies to the comment it answers.
    await expect(page.locator(`#c${commentId} > ol.comment-tree > li.comment`).last()).toHaveId(
      (await reply.getAttribute('id')) ?? '',
    );
  }
  await expect(page.locator('form.inline-reply')).toHaveCount(0);

  const shown = await commentOrder(page);
  await page.reload();
  expect(await commentOrder(page)).toEqual(shown);
  await expect(count(page)).toHaveText('4 comments');
});

test('a comment written offline waits at the end of the discussion, then becomes the real comment there, focused', async ({
  page,
  browser,
  baseURL,
}) => {
  const thread = await threadByAnother(browser, baseURL ?? '');
  await openThreadAsWriter(page, thread);
  await page.context().setOffline(true);
  const text = 'Written offline, shown at the end.';
  await page.getByLabel('Add a comment').fill(text);
  await page.getByRole('button', { name: 'Post comment' }).click();
  const mark = markWith(page, text);
  await expect(mark).toBeFocused();
  await expect(page.locator('[data-outbox-pending] > li').last()).toHaveAttribute(
    'data-outbox-key',
    /[\w-]{36}/,
  );
  expect(await commentOrder(page)).toEqual([`c${thread.commentId}`]);
  await expect(count(page)).toHaveText('1 comment');

  await page.context().setOffline(false);
  const real = realComment(page, text);
  await expect(real).toBeFocused();
  await expect(marks(page)).toHaveCount(0);
  await expect(count(page)).toHaveText('2 comments');
  const shown = await commentOrder(page);
  expect(shown).toEqual([`c${thread.commentId}`, await real.getAttribute('id')]);
  await page.reload();
  expect(await commentOrder(page)).toEqual(shown);
});
