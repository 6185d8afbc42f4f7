import { expect, PASSWORD } from '../support/fixtures.ts';
import {
  commentsBy,
  endSessionsOf,
  idempotencyKeysOf,
  marks,
  markWith,
  realComment,
  outboxTest as test,
  WAITING,
  writeComment,
} from './support.ts';

test('a session that ended while items waited asks the person to log in, then sends everything', async ({
  page,
  server,
  thread,
  writer,
}) => {
  await page.context().setOffline(true);
  const texts = ['Written before the session ended.', 'Written after, still offline.'];
  for (const text of texts) await writeComment(page, text);
  await page.getByRole('button', { name: 'Upvote this discussion' }).click();
  await expect(marks(page)).toHaveCount(2);
  await expect(page.locator('#post .vote-pending')).toBeVisible();
  await expect(page.locator('.outbox-status').first()).toHaveText(WAITING);

  // The session expires on the server while the person is away.
  endSessionsOf(server, writer);
  await page.context().setOffline(false);

  // Nothing is sent and nothing is dropped: every item asks for a login, the text still there.
  await expect(page.locator('.outbox-status')).toHaveText(
    Array(2).fill('Your session has ended. Log in to send'),
  );
  await expect(page.locator('#post .vote[data-pending="login"] .vote-pending')).toBeVisible();
  for (const text of texts) await expect(markWith(page, text)).toHaveCount(1);
  expect(commentsBy(server, writer, thread.id)).toEqual([]);
  expect(idempotencyKeysOf(server, writer)).toEqual([]);

  // A reload (now logged out) still shows them, still asking for a login.
  await page.reload();
  await expect(page.locator('.account').getByRole('link', { name: 'Log in' })).toBeVisible();
  await expect(marks(page)).toHaveCount(2);
  await expect(page.locator('.outbox-status').first()).toHaveText('Your session has ended. Log in to send');
  await expect(page.locator('#post .vote[data-pending="login"] .vote-pending')).toBeVisible();

  await markWith(page, texts[0] ?? '')
    .getByRole('link', { name: 'Log in to send' })
    .click();
  await expect(page).toHaveURL(new RegExp(`/login\\?next=${encodeURIComponent(thread.path)}`));
  await page.getByLabel('Username').fill(writer);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();

  // Back on the thread: the items land in order and replace their marks.
  await expect(page).toHaveURL(new RegExp(`${thread.path}$`));
  await expect(marks(page)).toHaveCount(0, { timeout: 30_000 });
  expect(commentsBy(server, writer, thread.id).map((row) => row.body)).toEqual(texts);
  expect(idempotencyKeysOf(server, writer)).toHaveLength(3);
  for (const text of texts) await expect(realComment(page, text)).toHaveCount(1);
  await expect(page.locator('#post .score')).toHaveText('1');
});
