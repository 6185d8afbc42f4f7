import { demoTest as test, threadsUnderWorker } from '../support/demo-forum.ts';
import { expect } from '../support/fixtures.ts';
import { serviceWorkerSessions } from '../support/offline-modes.ts';
import { offlineBanner, visit } from '../support/service-worker.ts';

// The worker saves a page by reading it back from the HTTP cache; with DevTools' "Disable cache"
// ticked (on the page and on the worker, as DevTools does) there is none, and it must fetch the
// page again rather than save nothing.
test('with DevTools’ “Disable cache” ticked, visited threads are still saved and read offline', async ({
  page,
}) => {
  const [thread] = await threadsUnderWorker(page, 1);
  const pageSession = await page.context().newCDPSession(page);
  const workers = await serviceWorkerSessions(page);
  try {
    for (const send of [
      (method: string, params: object) => pageSession.send(method as 'Network.enable', params),
      ...workers.senders,
    ]) {
      await send('Network.enable', {});
      await send('Network.setCacheDisabled', { cacheDisabled: true });
    }
    await visit(page, thread.path);
    const title = ((await page.locator('h1.discussion-title').textContent()) ?? '').trim();

    await page.context().setOffline(true);
    const response = await page.goto(thread.path);
    expect(response?.fromServiceWorker()).toBe(true);
    await expect(page.locator('h1.discussion-title')).toHaveText(title);
    await expect(offlineBanner(page)).toBeVisible();
  } finally {
    await page.context().setOffline(false);
    await workers.session.detach();
    await pageSession.detach();
  }
});
