import { demoTest as test, threadsUnderWorker } from '../support/demo-forum.ts';
import { expect } from '../support/fixtures.ts';
import { offlineBanner, visit } from '../support/service-worker.ts';
import { startStallingProxy } from '../support/stalling-proxy.ts';

/** The default SW_NETWORK_TIMEOUT_MS: the suite's demo server does not override it. */
const NETWORK_TIMEOUT_MS = 3000;
/** Generous room for a loaded CI machine; a worker without a timeout would wait for the stall (forever). */
const SLACK_MS = 2500;

test('lie-fi: when the server stalls, the saved copy appears after the timeout, not after the stall', async ({
  page,
  server,
}) => {
  const proxy = await startStallingProxy(server.url);
  try {
    const [thread] = await threadsUnderWorker(page, 1, `${proxy.url}/`);
    await visit(page, thread.path, proxy.url);
    const title = ((await page.locator('h1.discussion-title').textContent()) ?? '').trim();

    // Lie-fi stalls everything, the page's own check of the connection too: were /healthz to
    // answer, the page would rightly take the banner down a moment after showing it.
    proxy.stall(thread.path);
    proxy.stall('/healthz');
    const started = Date.now();
    const response = await page.goto(`${proxy.url}${thread.path}`);
    const elapsed = Date.now() - started;
    test.info().annotations.push({ type: 'saved copy shown after (ms)', description: String(elapsed) });

    expect(proxy.stalled).toBeGreaterThan(0);
    expect(response?.fromServiceWorker()).toBe(true);
    await expect(page.locator('h1.discussion-title')).toHaveText(title);
    await expect(offlineBanner(page)).toBeVisible();
    expect(elapsed).toBeGreaterThanOrEqual(NETWORK_TIMEOUT_MS);
    expect(elapsed).toBeLessThan(NETWORK_TIMEOUT_MS + SLACK_MS);
  } finally {
    await proxy.close();
  }
});
