import { type ThreadLink, demoTest as test, threadsUnderWorker } from '../support/demo-forum.ts';
import { expect, signUp, uniqueName } from '../support/fixtures.ts';
import { networkSwitch, OFFLINE_MODES } from '../support/offline-modes.ts';
import { lastUsed, savedCopyHtml, savedPaths } from '../support/saved-caches.ts';
import { offlineBanner, visit } from '../support/service-worker.ts';

const sorted = (paths: string[]) => [...paths].sort();
const pathsOf = (...threads: ThreadLink[]) => sorted(threads.map((thread) => thread.path));

/** Room for three saved pages, so eviction shows after a handful of visits. */
test.use({ serverEnv: { SW_PAGE_CACHE_MAX_ENTRIES: '3' } });

for (const mode of OFFLINE_MODES) {
  test(`the least recently used page is evicted first, and reading offline counts as use (${mode})`, async ({
    page,
  }) => {
    const [t1, t2, t3, t4, t5] = await threadsUnderWorker(page, 5);
    expect(await savedPaths(page)).toEqual([]);

    for (const thread of [t1, t2, t3]) await visit(page, thread.path);
    await visit(page, t1.path); // t1 is read again: t2 is now the least recently used
    await visit(page, t4.path);
    await expect.poll(async () => sorted(await savedPaths(page))).toEqual(pathsOf(t1, t3, t4));

    // Reading t3 offline makes it recently used; t1 becomes the oldest.
    const before = await lastUsed(page, t3.path);
    const network = networkSwitch(page, mode);
    await network.goOffline();
    await page.goto(t3.path);
    await expect(offlineBanner(page)).toBeVisible();
    await network.goOnline();
    await expect.poll(() => lastUsed(page, t3.path)).toBeGreaterThan(before);

    await visit(page, t5.path);
    await expect.poll(async () => sorted(await savedPaths(page))).toEqual(pathsOf(t3, t4, t5));
  });
}

test('error pages, redirects, auth pages and POST responses are never saved', async ({ page }) => {
  const [thread] = await threadsUnderWorker(page, 1);

  expect((await page.goto('/discuss/999999'))?.status()).toBe(404);
  await page.goto('/submit'); // anonymous: redirected to the login page
  await expect(page).toHaveURL(/\/login\?next=/);
  await signUp(page, uniqueName('bounds')); // POST /signup answers 303 to the front page
  await visit(page, thread.path);
  const comment = `Saved after the post ${uniqueName('c')}`;
  await page.getByLabel('Add a comment').fill(comment);
  await page.getByRole('button', { name: 'Post comment' }).click();
  await expect.poll(async () => (await page.request.get(thread.path)).text()).toContain(comment);
  await visit(page, thread.path);
  await expect.poll(() => savedCopyHtml(page, thread.path)).toContain(comment);

  // Only the two plain GET pages that answered 200: the front page and the thread.
  expect(sorted(await savedPaths(page))).toEqual(sorted(['/', thread.path]));
});
