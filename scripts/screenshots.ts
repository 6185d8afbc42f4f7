/// <reference lib="dom" />
/**
 * Takes the README's screenshots in Debian's Chromium against a real, seeded
 * server: `npx tsx scripts/screenshots.ts` (after `npm run build`). It follows
 * the person's steps of "Try it offline": browse a few threads, go offline,
 * browse again.
 */
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { startServer } from '../e2e/support/server.ts';
import config from '../playwright.config.ts';

const OUT = join(import.meta.dirname, '..', 'docs', 'screenshots');

const server = await startServer({ seed: 'demo' });
const browser = await chromium.launch(config.use?.launchOptions);
try {
  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto('/');
  await page.evaluate(() => navigator.serviceWorker.ready);
  const threads = await page
    .locator('.post-title')
    .evaluateAll((links) => links.slice(0, 3).map((link) => (link as HTMLAnchorElement).pathname));
  for (const thread of threads) await page.goto(thread);
  await context.setOffline(true);
  await page.goto(threads[0] ?? '/');
  await page.locator('.offline-banner').waitFor();
  await page.screenshot({ path: join(OUT, 'offline-thread.png') });
  await page.goto('/discuss/999999');
  await page.locator('.saved-threads a').first().waitFor();
  await page.screenshot({ path: join(OUT, 'offline-page.png') });
  console.log(`saved offline-thread.png and offline-page.png in ${OUT}`);
} finally {
  await browser.close();
  await server.stop();
}
