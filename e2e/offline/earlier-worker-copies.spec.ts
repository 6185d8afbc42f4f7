import { PAGES_CACHE } from '../../sw/shared/cache-names.ts';
import { SAVED_COPY_META } from '../../sw/shared/saved-copy-meta.ts';
import { MARKED_HEADER } from '../../sw/shared/saved-page-metadata.ts';
import { demoTest as test, threadsUnderWorker } from '../support/demo-forum.ts';
import { expect } from '../support/fixtures.ts';
import { savedCopyHtml } from '../support/saved-caches.ts';
import { offlineBanner, visit } from '../support/service-worker.ts';

// Saved pages outlive deploys. Workers before 2026-12 stored a copy unmarked and added the
// saved-copy meta tag only when showing it; after an update to this worker, such a copy must
// still open offline with its banner.
test('a copy saved by an earlier worker still opens offline with the banner', async ({ page }) => {
  const [thread] = await threadsUnderWorker(page, 1);
  await visit(page, thread.path);
  const title = ((await page.locator('h1.discussion-title').textContent()) ?? '').trim();

  // Stored again as the earlier worker stored it: no meta tag, no marked header.
  await page.evaluate(
    async ({ cacheName, url, meta, marked }) => {
      const cache = await caches.open(cacheName);
      const saved = await cache.match(url);
      if (!saved) throw new Error(`${url} is not saved`);
      const html = (await saved.text()).replace(new RegExp(`\\n?<meta name="${meta}"[^>]*>`), '');
      const headers = new Headers(saved.headers);
      headers.delete(marked);
      await cache.put(url, new Response(html, { status: saved.status, headers }));
    },
    {
      cacheName: PAGES_CACHE,
      url: new URL(thread.path, page.url()).href,
      meta: SAVED_COPY_META,
      marked: MARKED_HEADER,
    },
  );
  expect(await savedCopyHtml(page, thread.path)).not.toContain(SAVED_COPY_META);

  await page.context().setOffline(true);
  const response = await page.goto(thread.path);
  expect(response?.fromServiceWorker()).toBe(true);
  await expect(page.locator('h1.discussion-title')).toHaveText(title);
  await expect(offlineBanner(page)).toHaveText(/^You are offline — showing a copy saved /);
});
