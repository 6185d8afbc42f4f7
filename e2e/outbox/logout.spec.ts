import { expect, signUp, uniqueName } from '../support/fixtures.ts';
import { outboxContents } from './outbox-contents.ts';
import { marks, markWith, outboxTest as test } from './support.ts';

/**
 * On a shared computer, the next person must find nothing of the previous one's after a logout:
 * not their pages (e2e/offline/logout.spec.ts) and not what they wrote and could not send.
 */

test('logging out asks before discarding unsent writes, then leaves none of them shown or stored', async ({
  page,
  threadToDelete,
}) => {
  const { thread, writer } = threadToDelete;

  // Written offline, then the discussion is deleted: the text is shown for copying, never to be sent.
  const text = 'Private words that did not get sent.';
  await threadToDelete.writeOfflineThenDelete(text);
  await expect(markWith(page, text).locator('.outbox-status')).toContainText('Copy your text');

  // Logging out says what would be lost; staying keeps everything as it was.
  const logOut = page.getByRole('button', { name: 'Log out' });
  await logOut.click();
  const dialog = page.getByRole('dialog', { name: 'Log out and discard what you have not sent?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('1 comment you wrote on this device has not been sent.');
  await dialog.getByRole('button', { name: 'Stay logged in' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(logOut).toBeFocused();
  await expect(page.locator('.account .me')).toContainText(writer);
  await expect(markWith(page, text)).toHaveCount(1);
  expect((await outboxContents(page)).map((item) => item.user)).toEqual([writer]);

  await logOut.click();
  await dialog.getByRole('button', { name: 'Discard and log out' }).click();
  await expect(page.locator('.account').getByRole('link', { name: 'Log in' })).toBeVisible();

  // Nothing of it is left: not on the page where it was written, not in IndexedDB.
  await page.goto(thread.path);
  await expect(page.locator('.account').getByRole('link', { name: 'Log in' })).toBeVisible();
  await expect(marks(page)).toHaveCount(0);
  await expect(page.getByText(text)).toHaveCount(0);
  expect(await outboxContents(page)).toEqual([]);
});

test('logging out with nothing unsent asks nothing', async ({ page }) => {
  await signUp(page, uniqueName('writer'));
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.locator('.account').getByRole('link', { name: 'Log in' })).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
});
