import { expect, signUp, startDiscussion, test, uniqueName } from '../support/fixtures.ts';

// Item 8 of issue 12: with scripts too, Delete asks first and says what goes; one stray click removes nothing.

test('with the page script, Delete asks in a dialog; Keep it removes nothing, confirming deletes', async ({
  page,
}) => {
  await signUp(page, uniqueName('withdrawer'));
  const id = await startDiscussion(page, `Asked first ${uniqueName('t')}`, 'Delete me, but ask.');
  await page.getByLabel('Add a comment').fill('A comment I may take back.');
  await page.getByRole('button', { name: 'Post comment' }).click();
  const comment = page.locator('li.comment').filter({ hasText: 'A comment I may take back.' });
  await expect(comment).toHaveCount(1);
  await page.reload();

  const deleteComment = comment.getByRole('button', { name: 'Delete', exact: true });
  await deleteComment.click();
  const question = page.getByRole('dialog', { name: 'Delete your comment?' });
  await expect(question).toContainText('Replies to it stay where they are');
  await expect(question.getByRole('button', { name: 'Keep it' })).toBeFocused();
  await question.getByRole('button', { name: 'Keep it' }).click();
  await expect(question).toHaveCount(0);
  await expect(deleteComment).toBeFocused();
  await page.reload();
  await expect(comment).toHaveCount(1);

  await deleteComment.click();
  await question.getByRole('button', { name: 'Delete comment' }).click();
  await expect(comment).toHaveCount(0);

  await page.locator('#post').getByRole('button', { name: 'Delete', exact: true }).click();
  const aboutDiscussion = page.getByRole('dialog', { name: 'Delete this discussion?' });
  await expect(aboutDiscussion).toContainText('gone for good');
  // Escape means no.
  await page.keyboard.press('Escape');
  await expect(aboutDiscussion).toHaveCount(0);
  await page.goto(`/discuss/${id}`);
  await page.locator('#post').getByRole('button', { name: 'Delete', exact: true }).click();
  await aboutDiscussion.getByRole('button', { name: 'Delete discussion' }).click();
  await expect(page).toHaveURL(/\/$/);
  expect((await page.request.get(`/discuss/${id}`)).status()).toBe(404);
});
