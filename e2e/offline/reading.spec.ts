import { demoTest as test, threadsUnderWorker } from '../support/demo-forum.ts';
import { expect } from '../support/fixtures.ts';
import { networkSwitch, OFFLINE_MODES } from '../support/offline-modes.ts';
import { offlineBanner, visit } from '../support/service-worker.ts';

const BANNER_TEXT = /^You are offline — showing a copy saved (just now|\d+ seconds? ago|1 minute ago)$/;

for (const mode of OFFLINE_MODES) {
  test(`visited threads reload offline in full from the worker, with the banner (${mode})`, async ({
    page,
  }) => {
    const [first, second, third] = await threadsUnderWorker(page, 4);

    // Online: read three threads, noting what a reader sees in each.
    const seen = new Map<string, { title: string; comments: number; body: string }>();
    for (const thread of [first, second, third]) {
      await visit(page, thread.path);
      seen.set(thread.path, {
        title: ((await page.locator('h1.discussion-title').textContent()) ?? '').trim(),
        comments: await page.locator('.comment').count(),
        body: (await page.locator('#post').textContent()) ?? '',
      });
      await expect(offlineBanner(page)).toHaveCount(0);
    }
    expect(seen.get(first.path)?.comments).toBeGreaterThan(100);

    const network = networkSwitch(page, mode);
    await network.goOffline();
    for (const thread of [first, second, third]) {
      const response = await page.goto(thread.path);
      expect(response?.fromServiceWorker()).toBe(true);
      const expected = seen.get(thread.path);
      await expect(page.locator('h1.discussion-title')).toHaveText(expected?.title ?? '');
      await expect(page.locator('.comment')).toHaveCount(expected?.comments ?? -1);
      expect(await page.locator('#post').textContent()).toBe(expected?.body);
      await expect(offlineBanner(page)).toHaveText(BANNER_TEXT);
      await expect(page.getByRole('status').filter({ hasText: 'You are offline' })).toBeVisible();
    }

    // Coming back online hides the banner.
    await network.goOnline();
    await expect(offlineBanner(page)).toHaveCount(0);
  });

  test(`a thread never visited shows the offline page listing exactly the visited threads (${mode})`, async ({
    page,
  }) => {
    const threads = await threadsUnderWorker(page, 5);
    const visited = threads.slice(0, 3);
    const neverVisited = threads[4];
    for (const thread of visited) await visit(page, thread.path);
    // The same discussion saved under a ?page address too: still one entry, its link unchanged.
    await visit(page, `${visited[2]?.path}?page=1`);
    await visit(page, '/new');

    const network = networkSwitch(page, mode);
    await network.goOffline();
    const response = await page.goto(neverVisited.path);
    expect(response?.fromServiceWorker()).toBe(true);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('You are offline');
    await expect(page.getByText('This page was not saved on this device')).toBeVisible();
    // Newest first, each a link to the thread; the saved listing pages (/ and /new) are not discussions.
    const links = page.getByRole('list', { name: 'Discussions you can read offline' }).getByRole('link');
    await expect(links).toHaveText(visited.map((thread) => thread.title).reverse());
    expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(
      visited.map((thread) => thread.path).reverse(),
    );
    await expect(offlineBanner(page)).toHaveCount(0);

    // Each link opens the saved copy.
    await links.first().click();
    await expect(page.locator('h1.discussion-title')).toContainText(visited[2]?.title ?? '');
    await expect(offlineBanner(page)).toBeVisible();
    await network.goOnline();
  });
}
