/// <reference lib="dom" />
/**
 * Takes the README's screenshots in Debian's Chromium against a real, seeded
 * server: `npx tsx scripts/screenshots.ts` (after `npm run build`). First the
 * forum as a logged-in demo user sees it: the front page, and the biggest
 * discussion with one thread collapsed. Then the person's steps of "Try it
 * offline": browse a few threads, go offline, browse again; then, on a server
 * that reads ahead, open the front page, save a discussion on purpose and look
 * at the saved-pages page.
 */
import { join } from 'node:path';
import { type Browser, chromium } from '@playwright/test';
import { DEMO_PASSWORD } from '../db/seed.ts';
import { logIn } from '../e2e/support/fixtures.ts';
import { startServer } from '../e2e/support/server.ts';
import config from '../playwright.config.ts';

const OUT = join(import.meta.dirname, '..', 'docs', 'screenshots');

/**
 * A server that reads ahead only a few discussions, so that the whole saved-pages page fits in
 * the picture: the front page's first six, one saved on purpose and one opened.
 */
const READ_AHEAD_IN_PICTURE = 6;

async function forum(browser: Browser): Promise<void> {
  const server = await startServer({ seed: 'demo' });
  try {
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await logIn(page, 'asha', DEMO_PASSWORD);
    await page.goto('/');
    await page.screenshot({ path: join(OUT, 'front-page.png') });
    const biggest = await page.locator('.post-summary').evaluateAll(
      (items) =>
        items
          .map((item) => ({
            path: (item.querySelector('a.post-title') as HTMLAnchorElement | null)?.pathname ?? '/',
            comments: Number(/(\d+) comments?/.exec(item.textContent ?? '')?.[1] ?? 0),
          }))
          .sort((a, b) => b.comments - a.comments)[0]?.path ?? '/',
    );
    await page.goto(biggest);
    // The second top-level comment's thread, collapsed: what a person does to get past a long one.
    const second = page.locator('li.comment[data-depth="0"]').nth(1);
    await second.locator(':scope > .item-head .comment-fold > summary').click();
    // The first comment's end above it, the collapsed one, and the next ones below.
    await second.evaluate((comment) =>
      window.scrollTo(0, comment.getBoundingClientRect().top + window.scrollY - 320),
    );
    await page.screenshot({ path: join(OUT, 'thread.png') });
  } finally {
    await server.stop();
  }
}

async function offlineReading(browser: Browser): Promise<void> {
  // Read-ahead off (startServer's default): what is saved is what the person opened.
  const server = await startServer({ seed: 'demo' });
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
  } finally {
    await server.stop();
  }
}

async function savedPages(browser: Browser): Promise<void> {
  const server = await startServer({ seed: 'demo', env: { SW_READ_AHEAD: String(READ_AHEAD_IN_PICTURE) } });
  try {
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto('/offline/saved');
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.goto('/');
    const listed = await page
      .locator('.post-title')
      .evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).pathname));
    const [pinned, opened] = [listed[10] ?? '/', listed[11] ?? '/'];
    await page.goto(pinned);
    await page.getByRole('button', { name: 'Save for offline' }).click();
    await page.getByText('Saved for offline on this device.').waitFor();
    await page.goto(opened);
    // The worker saves an opened page once it has been shown; read-ahead runs one page at a time.
    const everything = READ_AHEAD_IN_PICTURE + 2;
    const items = page.locator('[data-saved-list] > li');
    for (let attempt = 0; attempt < 40; attempt++) {
      await page.goto('/offline/saved');
      await page.locator('[data-saved-summary]').filter({ hasText: /\S/ }).waitFor();
      if ((await items.count()) >= everything) break;
      await page.waitForTimeout(500);
    }
    await page.getByRole('button', { name: 'Keep these pages when the device runs low on space' }).click();
    await page.locator('[data-persist-answer]').filter({ hasText: /\S/ }).waitFor();
    await page.screenshot({ path: join(OUT, 'saved-pages.png'), fullPage: true });
  } finally {
    await server.stop();
  }
}

const browser = await chromium.launch(config.use?.launchOptions);
try {
  await forum(browser);
  await offlineReading(browser);
  await savedPages(browser);
  console.log(
    `saved front-page.png, thread.png, offline-thread.png, offline-page.png and saved-pages.png in ${OUT}`,
  );
} finally {
  await browser.close();
}
