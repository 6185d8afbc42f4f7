import type { Browser, Page } from '@playwright/test';
import { expect, signUp, startDiscussion, test, uniqueName } from '../support/fixtures.ts';
import { outboxContents } from './outbox-contents.ts';
import { commentsBy, marks, query } from './support.ts';

/**
 * A write the server refuses comes back into the form the person used, with the message and what
 * they typed, as it does without JavaScript; the outbox's cards are only for writes waiting for the
 * network.
 */

const TITLE = 'A title with nothing under it';

/** The same mistake without JavaScript, by the person signed in on `page`: what the server's own page says and keeps. */
async function refusedWithoutJavaScript(browser: Browser, page: Page, baseURL: string) {
  const storageState = await page.context().storageState();
  const context = await browser.newContext({
    baseURL,
    storageState,
    javaScriptEnabled: false,
    serviceWorkers: 'block',
  });
  const noJs = await context.newPage();
  await noJs.goto('/submit');
  await noJs.getByLabel('Title').fill(TITLE);
  await noJs.getByRole('button', { name: 'Post discussion' }).click();
  const refused = {
    message: await noJs.locator('form .form-error[role="alert"]').textContent(),
    title: await noJs.getByLabel('Title').inputValue(),
  };
  await context.close();
  return refused;
}

test('a discussion refused online comes back into its form, as without JavaScript, and nothing is kept for later', async ({
  page,
  browser,
  baseURL,
  server,
}) => {
  const writer = uniqueName('writer');
  await signUp(page, writer);
  const withoutJs = await refusedWithoutJavaScript(browser, page, baseURL ?? '');
  expect(withoutJs).toEqual({ message: 'Add a link, some text, or both.', title: TITLE });

  await page.goto('/submit');
  await page.getByLabel('Title').fill(TITLE);
  await page.getByRole('button', { name: 'Post discussion' }).click();

  const form = page.locator('form[data-outbox="discussion"]');
  const error = form.getByRole('alert');
  await expect(error).toHaveText(withoutJs.message ?? '');
  await expect(page.getByLabel('Title')).toHaveValue(withoutJs.title);
  // The field the message is about says so, and has focus, ready to be corrected.
  const text = page.getByLabel(/^Text/);
  await expect(text).toBeFocused();
  await expect(text).toHaveAttribute('aria-invalid', 'true');
  await expect(text).toHaveAccessibleDescription(withoutJs.message ?? '');
  // One form, no card duplicating it, nothing left in the outbox.
  await expect(page.locator('[name="title"]')).toHaveCount(1);
  await expect(marks(page)).toHaveCount(0);
  await expect.poll(() => outboxContents(page)).toEqual([]);

  // Leaving and coming back shows a clean form, as after a refused post without JavaScript.
  await page.goto('/');
  await page.goto('/submit');
  await expect(page.getByLabel('Title')).toHaveValue('');
  await expect(page.locator('.form-error')).toHaveCount(0);
  await expect(marks(page)).toHaveCount(0);

  // Corrected, it is posted and opens.
  await page.getByLabel('Title').fill(TITLE);
  await text.fill('Now with some text.');
  await page.getByRole('button', { name: 'Post discussion' }).click();
  await expect(page.locator('h1.discussion-title')).toHaveText(TITLE);
  const posts = query<{ title: string }>(
    server,
    'SELECT p.title FROM posts p JOIN users u ON u.id = p.author_id WHERE u.username = ?',
    writer,
  );
  expect(posts).toEqual([{ title: TITLE }]);
});

/** Someone starts a discussion and comments on it, and keeps the page open to delete the comment later. */
async function authorWithComment(browser: Browser, baseURL: string) {
  const context = await browser.newContext({ baseURL, serviceWorkers: 'block' });
  const author = await context.newPage();
  await signUp(author, uniqueName('author'));
  const id = await startDiscussion(author, `Refusals ${uniqueName('t')}`, 'Reply to the comment below.');
  await author.getByLabel('Add a comment').fill('A comment about to be deleted.');
  await author.getByRole('button', { name: 'Post comment' }).click();
  const comment = author.locator('li.comment').filter({ hasText: 'A comment about to be deleted.' });
  const commentId = Number(await comment.getAttribute('data-comment-id'));
  const deleteComment = async () => {
    await comment.getByRole('button', { name: 'Delete' }).click();
    await author.getByRole('dialog').getByRole('button', { name: 'Delete comment' }).click();
    await expect(author.locator(`#c${commentId}`)).toHaveCount(0);
    await context.close();
  };
  return { id, commentId, deleteComment };
}

interface DeletedUnderTheWriter {
  id: number;
  commentId: number;
  /** The writer signed up in `page`. */
  writer: string;
  /** Types `reply` into the open reply form, has the author delete the comment, then posts the reply. */
  replyAsTheCommentGoes(reply: string): Promise<void>;
}

/** A writer signed up in `page`, about to reply to a comment its author will delete meanwhile. */
const refusalTest = test.extend<{ deletedUnderTheWriter: DeletedUnderTheWriter }>({
  deletedUnderTheWriter: async ({ page, browser, baseURL }, use) => {
    const { id, commentId, deleteComment } = await authorWithComment(browser, baseURL ?? '');
    const writer = uniqueName('writer');
    await signUp(page, writer);
    await use({
      id,
      commentId,
      writer,
      async replyAsTheCommentGoes(reply) {
        await page.getByLabel('Your reply').fill(reply);
        await deleteComment();
        await page.getByRole('button', { name: 'Post reply' }).click();
      },
    });
  },
});

async function expectReplyRefusedInForm(page: Page, form: ReturnType<Page['locator']>, reply: string) {
  await expect(form.getByRole('alert')).toHaveText('The comment you are replying to was deleted.');
  const text = form.getByLabel('Your reply');
  await expect(text).toHaveValue(reply);
  await expect(text).toBeFocused();
  await expect(marks(page)).toHaveCount(0);
  await expect.poll(() => outboxContents(page)).toEqual([]);
}

refusalTest(
  'a reply refused because its comment was deleted meanwhile stays in the reply form under it',
  async ({ page, server, deletedUnderTheWriter: { id, commentId, writer, replyAsTheCommentGoes } }) => {
    await page.goto(`/discuss/${id}`);
    await page.locator(`#c${commentId}`).getByRole('link', { name: 'Reply' }).click();
    const reply = 'An answer to a comment that is no longer there.';
    await replyAsTheCommentGoes(reply);
    const form = page.locator(`#c${commentId} form.inline-reply`);
    await expectReplyRefusedInForm(page, form, reply);
    expect(commentsBy(server, writer, id)).toEqual([]);
  },
);

refusalTest(
  'a reply refused on the reply page stays on that page, in its form',
  async ({ page, server, deletedUnderTheWriter: { id, commentId, writer, replyAsTheCommentGoes } }) => {
    await page.goto(`/comments/${commentId}/reply`);
    const reply = 'Written on the reply page.';
    await replyAsTheCommentGoes(reply);
    await expectReplyRefusedInForm(page, page.locator('form[data-outbox="comment"]'), reply);
    await expect(page).toHaveURL(new RegExp(`/comments/${commentId}/reply$`));
    expect(commentsBy(server, writer, id)).toEqual([]);
  },
);
