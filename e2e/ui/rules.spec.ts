import Database from 'better-sqlite3';
import { expect, signUp, startDiscussion, test, uniqueName } from '../support/fixtures.ts';
import type { RunningServer } from '../support/server.ts';

// Item 8 of issue 12: the rules about editing and deleting are said where they apply.

/** Moves a discussion and its comments two hours into the past, as if the author came back later. */
function ageDiscussion(server: RunningServer, discussionId: number): void {
  const db = new Database(server.databasePath, { fileMustExist: true });
  try {
    const twoHours = 2 * 60 * 60 * 1000;
    db.prepare('UPDATE comments SET created_at = created_at - ? WHERE post_id = ?').run(
      twoHours,
      discussionId,
    );
    // The revision is what the server's page cache is keyed by: the aged page is a new page.
    db.prepare('UPDATE posts SET created_at = created_at - ?, revision = revision + 1 WHERE id = ?').run(
      twoHours,
      discussionId,
    );
  } finally {
    db.close();
  }
}

test('Edit says how long it lasts, and once gone the author is told why', async ({ page, server }) => {
  await signUp(page, uniqueName('editor'));
  const id = await startDiscussion(page, 'An hour to edit', 'Said in a hurry.');
  await page.getByLabel('Add a comment').fill('A comment with a typo in it.');
  await page.getByRole('button', { name: 'Post comment' }).click();
  const comment = page.locator('li.comment').first();
  // The comment goes through the outbox: it is a real comment (li.comment) once the server has it.
  // Leaving the page before would take the write in flight (or still being queued) with it.
  await expect(comment).toContainText('A comment with a typo in it.');
  await page.goto(`/discuss/${id}`);

  const edit = comment.getByRole('link', { name: 'Edit', exact: true });
  await expect(edit).toHaveAccessibleDescription(/^editable for (59|60) more minutes$/);
  await expect(comment.getByText(/editable for (59|60) more minutes/)).toBeVisible();
  await expect(
    page.locator('#post').getByRole('link', { name: 'Edit', exact: true }),
  ).toHaveAccessibleDescription(/^editable for (59|60) more minutes$/);

  ageDiscussion(server, id);
  await expect(async () => {
    await page.goto(`/discuss/${id}`);
    await expect(comment.getByRole('link', { name: 'Edit', exact: true })).toHaveCount(0);
  }).toPass();
  await expect(comment.getByText('no longer editable: editing closes an hour after posting')).toBeVisible();
  await expect(page.locator('#post')).toContainText(
    'no longer editable: editing closes an hour after posting',
  );
  // Delete stays: authors may always withdraw what they wrote.
  await expect(comment.getByRole('button', { name: 'Delete', exact: true })).toBeVisible();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('Delete asks on a page that says what goes, then deletes; Keep it deletes nothing', async ({
    page,
    browser,
    baseURL,
  }) => {
    const author = uniqueName('deleter');
    await signUp(page, author);
    const id = await startDiscussion(page, 'Soon withdrawn', 'A discussion others answer.');
    await page.getByLabel('Add a comment').fill('My own comment, to be withdrawn.');
    await page.getByRole('button', { name: 'Post comment' }).click();
    await expect(page.locator('li.comment')).toHaveCount(1);

    // Someone else answers, so deleting the discussion takes their words too.
    const other = await browser.newContext({ baseURL, javaScriptEnabled: false });
    const otherPage = await other.newPage();
    await signUp(otherPage, uniqueName('answerer'));
    await otherPage.goto(`/discuss/${id}`);
    await otherPage.getByLabel('Add a comment').fill('An answer by someone else.');
    await otherPage.getByRole('button', { name: 'Post comment' }).click();
    await expect(otherPage.locator('li.comment')).toHaveCount(2);
    await other.close();

    // The comment: Delete opens the question, Keep it goes back with nothing removed.
    await page.goto(`/discuss/${id}`);
    const mine = page.locator('li.comment').filter({ hasText: 'My own comment' });
    await mine.getByRole('link', { name: 'Delete', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Delete your comment');
    await expect(page.locator('main')).toContainText('My own comment, to be withdrawn.');
    await expect(page.locator('main')).toContainText('Replies to it stay');
    await page.getByRole('link', { name: 'Keep it' }).click();
    await expect(mine.locator('.prose')).toHaveText('My own comment, to be withdrawn.');

    await mine.getByRole('link', { name: 'Delete', exact: true }).click();
    await page.getByRole('button', { name: 'Delete comment' }).click();
    await expect(page.locator('li.comment')).toHaveCount(1);
    await expect(page.locator('main')).not.toContainText('My own comment');
    await expect(page.locator('li.comment')).toContainText('An answer by someone else.');

    // The discussion: the page says the other person's comment goes too.
    await page.locator('#post').getByRole('link', { name: 'Delete', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Delete “Soon withdrawn”?');
    await expect(page.locator('main')).toContainText('other people’s included');
    await page.getByRole('button', { name: 'Delete discussion' }).click();
    await expect(page).toHaveURL(/\/$/);
    expect((await page.goto(`/discuss/${id}`))?.status()).toBe(404);
  });

  test("the confirmation pages are the author's only", async ({ page, browser, baseURL }) => {
    await signUp(page, uniqueName('owner'));
    const id = await startDiscussion(page, 'Mine to delete', 'Only mine.');
    const stranger = await browser.newContext({ baseURL, javaScriptEnabled: false });
    const strangerPage = await stranger.newPage();
    await strangerPage.goto(`/discuss/${id}/delete`);
    await expect(strangerPage).toHaveURL(/\/login\?next=/);
    await signUp(strangerPage, uniqueName('stranger'));
    expect((await strangerPage.goto(`/discuss/${id}/delete`))?.status()).toBe(403);
    await stranger.close();
  });
});
