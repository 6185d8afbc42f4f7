import { expect, signUp, uniqueName } from '../support/fixtures.ts';
import {
  commentsBy,
  marks,
  markWith,
  query,
  realComment,
  outboxTest as test,
  WAITING,
  writeComment,
} from './support.ts';

test('a comment waiting for a discussion that was deleted is kept for copying, not retried or dropped', async ({
  page,
  server,
  threadToDelete,
}) => {
  const text = 'A thoughtful answer that must not be lost.';
  await threadToDelete.writeOfflineThenDelete(text);

  const mark = markWith(page, text);
  await expect(mark.locator('.outbox-status')).toHaveText(
    'The discussion was deleted. Copy your text if you want to keep it.',
  );
  await expect(mark.locator('.outbox-text')).toHaveText(text);
  // Copyable: selecting it selects exactly what was written.
  await mark.locator('.outbox-text').selectText();
  expect(
    await page.evaluate(() => String((globalThis as unknown as { getSelection(): unknown }).getSelection())),
  ).toBe(text);
  const { thread, writer } = threadToDelete;
  expect(commentsBy(server, writer, thread.id)).toEqual([]);

  // Not retried, not dropped: the thread's address now answers 404, and the text is still shown there.
  expect((await page.reload())?.status()).toBe(404);
  await expect(mark.locator('.outbox-status')).toContainText('was deleted');
  await mark.getByRole('button', { name: 'Cancel' }).click();
  await expect(marks(page)).toHaveCount(0);
  await page.reload();
  await expect(marks(page)).toHaveCount(0);
});

test('a discussion refused by the server comes back into its form with why, is corrected, and then opens', async ({
  page,
  server,
}) => {
  const writer = uniqueName('writer');
  await signUp(page, writer);
  await page.goto('/submit');
  await page.context().setOffline(true);

  // Offline nobody can tell the person that a discussion needs a link or some text.
  await page.getByLabel('Title').fill('A title with nothing under it');
  await page.getByRole('button', { name: 'Post discussion' }).click();
  const mark = marks(page);
  await expect(mark.locator('.outbox-status')).toHaveText(WAITING);
  await expect(mark.locator('.outbox-text')).toHaveText('A title with nothing under it');
  await expect(page.getByLabel('Title', { exact: true }).first()).toHaveValue('');

  // Refused once delivered: it leaves the outbox and is back in the form, as the page without JavaScript shows it.
  await page.context().setOffline(false);
  await expect(page.locator('form[data-outbox="discussion"]').getByRole('alert')).toHaveText(
    'Add a link, some text, or both.',
  );
  await expect(page.getByLabel('Title')).toHaveValue('A title with nothing under it');
  await expect(marks(page)).toHaveCount(0);
  await page.getByLabel(/^Text/).fill('Now with some text.');
  await page.getByRole('button', { name: 'Post discussion' }).click();

  // Delivered, the discussion opens as the form would have opened it.
  await expect(page.locator('h1.discussion-title')).toHaveText('A title with nothing under it');
  const posts = query<{ title: string; body: string }>(
    server,
    'SELECT p.title, p.body_md AS body FROM posts p JOIN users u ON u.id = p.author_id WHERE u.username = ?',
    writer,
  );
  expect(posts).toEqual([{ title: 'A title with nothing under it', body: 'Now with some text.' }]);
});

test('a rate-limited delivery waits as long as the server asks, then sends once', async ({
  page,
  server,
  thread,
  writer,
}) => {
  // Test-only fault at the transport: the first attempt is answered as a rate-limited server answers.
  const attempts: number[] = [];
  await page.route(`**/discuss/${thread.id}/comments`, async (route) => {
    attempts.push(Date.now());
    if (attempts.length > 1) return route.continue();
    return route.fulfill({
      status: 429,
      headers: { 'retry-after': '2' },
      contentType: 'application/json',
      body: JSON.stringify({ error: 'Too many requests. Please wait 2 seconds and try again.' }),
    });
  });

  const text = 'Worth waiting two seconds for.';
  await writeComment(page, text);
  await expect(realComment(page, text)).toHaveCount(1);
  expect(attempts).toHaveLength(2);
  expect((attempts[1] ?? 0) - (attempts[0] ?? 0)).toBeGreaterThanOrEqual(2000);
  expect(commentsBy(server, writer, thread.id).map((row) => row.body)).toEqual([text]);
});
