import { demoTest as test, threadsUnderWorker } from '../support/demo-forum.ts';
import { expect, signUp, uniqueName } from '../support/fixtures.ts';
import { networkSwitch, OFFLINE_MODES } from '../support/offline-modes.ts';
import { savedCopyHtml } from '../support/saved-caches.ts';
import { offlineBanner, visit } from '../support/service-worker.ts';

for (const mode of OFFLINE_MODES) {
  test(`a comment posted by someone else shows on the next reload, and then offline too (${mode})`, async ({
    page,
    browser,
    baseURL,
  }) => {
    const [thread] = await threadsUnderWorker(page, 1);
    await visit(page, thread.path);
    const comment = `Fresh news from elsewhere ${uniqueName('c')}`;
    await expect(page.getByText(comment)).toHaveCount(0);

    // Someone else, in their own browser, comments on the thread.
    const other = await browser.newContext({ baseURL });
    const otherPage = await other.newPage();
    await signUp(otherPage, uniqueName('writer'));
    await otherPage.goto(thread.path);
    await otherPage.getByLabel('Add a comment').fill(comment);
    await otherPage.getByRole('button', { name: 'Post comment' }).click();
    // Landed on the server, as anyone fetching the thread (no service worker involved) sees it.
    await expect.poll(async () => (await other.request.get(thread.path)).text()).toContain(comment);
    await other.close();

    // Network-first: the reader's next reload shows it (a cache-first worker would not).
    const response = await page.reload();
    expect(response?.fromServiceWorker()).toBe(true);
    await expect(page.getByText(comment)).toBeVisible();
    await expect(offlineBanner(page)).toHaveCount(0);
    await expect.poll(() => savedCopyHtml(page, thread.path)).toContain(comment);

    // And the saved copy was refreshed with it.
    const network = networkSwitch(page, mode);
    await network.goOffline();
    await page.reload();
    await expect(offlineBanner(page)).toBeVisible();
    await expect(page.getByText(comment)).toBeVisible();
    await network.goOnline();
  });
}
