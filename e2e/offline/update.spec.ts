import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { threadsUnderWorker } from '../support/demo-forum.ts';
import { distWithChangedStylesheet } from '../support/dist-variant.ts';
import { expect, test } from '../support/fixtures.ts';
import { networkSwitch, OFFLINE_MODES } from '../support/offline-modes.ts';
import { precaches, runtimeAssets } from '../support/saved-caches.ts';
import { configInScript } from '../support/served-worker-config.ts';
import { type RunningServer, startServer } from '../support/server.ts';
import { appliedStylesheets, checkForUpdate, offlineBanner, visit } from '../support/service-worker.ts';

/**
 * A deploy, for real: the server is stopped and started again on the same
 * port and database with another build, the way a person's browser meets a
 * new version of the site.
 */
class Deployment {
  private constructor(
    readonly dataDir: string,
    public server: RunningServer,
  ) {}

  static async start(): Promise<Deployment> {
    const dataDir = mkdtempSync(join(tmpdir(), 'charcha-update-'));
    return new Deployment(dataDir, await startServer({ seed: 'demo', dataDir }));
  }

  async redeploy(distDir: string): Promise<void> {
    await this.server.stop();
    this.server = await startServer({
      seed: 'demo',
      dataDir: this.dataDir,
      env: { PORT: String(this.server.port), CHARCHA_DIST_DIR: distDir },
    });
  }

  async workerVersion(): Promise<string> {
    return configInScript(await (await fetch(`${this.server.url}/serviceworker.js`)).text()).version;
  }

  async stop(): Promise<void> {
    await this.server.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

async function readerOn(
  browser: Browser,
  deployment: Deployment,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: deployment.server.url });
  const page = await context.newPage();
  return { context, page };
}

for (const mode of OFFLINE_MODES) {
  test(`after a deploy the page offers the update, reloads once, and old saved threads still render styled offline (${mode})`, async ({
    browser,
  }) => {
    const deployment = await Deployment.start();
    const variant = distWithChangedStylesheet();
    const { context, page } = await readerOn(browser, deployment);
    try {
      const [before, during] = await threadsUnderWorker(page, 2);
      const oldVersion = await deployment.workerVersion();
      await visit(page, before.path);
      expect(await appliedStylesheets(page)).toEqual([variant.oldCss]);
      await visit(page, during.path);

      await deployment.redeploy(variant.dir);
      const newVersion = await deployment.workerVersion();
      expect(newVersion).not.toBe(oldVersion);

      let loads = 0;
      page.on('load', () => {
        loads += 1;
      });
      await page.reload(); // the navigation makes the browser look for a new worker
      const toast = page.getByRole('status').filter({ hasText: 'A new version of Charcha is available' });
      await expect(toast).toHaveText('A new version of Charcha is available — Reload');
      expect(loads).toBe(1);

      await toast.getByRole('button', { name: 'Reload' }).click();
      await expect.poll(() => loads).toBe(2);
      await expect
        .poll(() => precaches(page))
        .toEqual([expect.objectContaining({ name: `charcha-precache-${newVersion}` })]);
      expect(await appliedStylesheets(page)).toEqual([variant.newCss]);
      await expect(page.locator('.update-toast')).toHaveCount(0);
      // A reload loop would show up here; this scenario is about what happens over time.
      await page.waitForTimeout(1000);
      expect(loads).toBe(2);

      // The old stylesheet is gone from the server, but the worker kept it for the thread saved before.
      expect(await runtimeAssets(page)).toEqual([variant.oldCss]);
      expect((await page.request.get(variant.oldCss)).status()).toBe(404);
      const network = networkSwitch(page, mode);
      await network.goOffline();
      const response = await page.goto(before.path);
      expect(response?.fromServiceWorker()).toBe(true);
      await expect(page.locator('h1.discussion-title')).toContainText(before.title);
      await expect(offlineBanner(page)).toBeVisible();
      expect(await appliedStylesheets(page)).toEqual([variant.oldCss]);
      await network.goOnline();
    } finally {
      await context.close();
      await deployment.stop();
      variant.remove();
    }
  });
}

test('a deploy whose files cannot all be fetched is not installed, and the old worker keeps serving', async ({
  browser,
}) => {
  const deployment = await Deployment.start();
  const variant = distWithChangedStylesheet({ newCssMissing: true });
  const { context, page } = await readerOn(browser, deployment);
  try {
    const [thread] = await threadsUnderWorker(page, 1);
    const oldVersion = await deployment.workerVersion();
    await visit(page, thread.path);

    await deployment.redeploy(variant.dir);
    expect(await checkForUpdate(page)).toBe('redundant');
    expect(await precaches(page)).toEqual([
      expect.objectContaining({ name: `charcha-precache-${oldVersion}` }),
    ]);
    await expect(page.locator('.update-toast')).toHaveCount(0);

    await context.setOffline(true);
    await page.goto(thread.path);
    await expect(offlineBanner(page)).toBeVisible();
    expect(await appliedStylesheets(page)).toEqual([variant.oldCss]);
  } finally {
    await context.close();
    await deployment.stop();
    variant.remove();
  }
});
