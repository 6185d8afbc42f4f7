import { threadByAnother } from '../outbox/support.ts';
import { expect, signUp, test, uniqueName } from '../support/fixtures.ts';

// Item 9 of issue 12, keyboard: Escape closes an inline reply form, Ctrl/Cmd+Enter sends what is written.

test('Escape closes the inline reply form and returns to Reply, asking first when text would be lost', async ({
  page,
  browser,
  baseURL,
}) => {
  const thread = await threadByAnother(browser, baseURL ?? '');
  await signUp(page, uniqueName('keys'));
  await page.goto(thread.path);
  const comment = page.locator(`#c${thread.commentId}`);
  const replyLink = comment.getByRole('link', { name: 'Reply', exact: true });
  const reply = page.getByRole('textbox', { name: 'Your reply' });

  // Nothing typed: Escape just closes it, and focus goes back to the link that opened it.
  await replyLink.click();
  await expect(reply).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(reply).toHaveCount(0);
  await expect(replyLink).toBeFocused();

  // Something typed: Escape asks; "Keep writing" (or Escape in the question) keeps the text.
  await page.keyboard.press('Enter');
  await expect(reply).toBeFocused();
  await page.keyboard.type('Half a thought');
  await page.keyboard.press('Escape');
  const question = page.getByRole('dialog', { name: 'Discard your reply?' });
  await expect(question).toBeVisible();
  await expect(question.getByRole('button', { name: 'Keep writing' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(question).toHaveCount(0);
  await expect(reply).toHaveValue('Half a thought');
  await expect(reply).toBeFocused();

  await page.keyboard.press('Escape');
  await question.getByRole('button', { name: 'Discard reply' }).click();
  await expect(reply).toHaveCount(0);
  await expect(replyLink).toBeFocused();
  await expect(page.getByText('Half a thought')).toHaveCount(0);
});

test('Ctrl+Enter posts a reply and Cmd+Enter a comment, as their buttons do', async ({
  page,
  browser,
  baseURL,
}) => {
  const thread = await threadByAnother(browser, baseURL ?? '');
  await signUp(page, uniqueName('sender'));
  await page.goto(thread.path);
  const comment = page.locator(`#c${thread.commentId}`);

  await comment.getByRole('link', { name: 'Reply', exact: true }).click();
  await page.getByRole('textbox', { name: 'Your reply' }).fill('Sent with Ctrl+Enter.');
  await page.keyboard.press('Control+Enter');
  await expect(comment.locator('li.comment').filter({ hasText: 'Sent with Ctrl+Enter.' })).toHaveCount(1);
  await expect(page.getByRole('textbox', { name: 'Your reply' })).toHaveCount(0);

  await page.getByLabel('Add a comment').fill('Sent with Cmd+Enter.');
  await page.keyboard.press('Meta+Enter');
  await expect(page.locator('li.comment').filter({ hasText: 'Sent with Cmd+Enter.' })).toHaveCount(1);

  // Both reached the server: a reload shows them where they belong.
  await page.reload();
  await expect(comment.locator('li.comment').filter({ hasText: 'Sent with Ctrl+Enter.' })).toHaveCount(1);
  await expect(page.locator('li.comment').filter({ hasText: 'Sent with Cmd+Enter.' })).toHaveCount(1);
});
