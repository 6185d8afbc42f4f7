import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { type RunningServer, startServer } from './server.ts';
import { waitForController } from './service-worker.ts';

/**
 * The offline suites read the seeded demo forum: one server per Playwright
 * worker. `test.use({ serverEnv })` starts it with extra settings (e.g. a small
 * page-cache limit); Playwright gives each distinct value its own worker.
 */
export const demoTest = test.extend<object, { server: RunningServer; serverEnv: Record<string, string> }>({
  serverEnv: [{}, { option: true, scope: 'worker' }],
  server: [
    async ({ serverEnv }, use) => {
      const server = await startServer({ seed: 'demo', env: serverEnv });
      await use(server);
      await server.stop();
    },
    { scope: 'worker' },
  ],
});

export interface ThreadLink {
  path: string;
  title: string;
  comments: number;
}

/** The discussions on the front page as a reader sees them, the most commented first. */
export async function frontPageThreads(page: Page, count: number, frontPage = '/'): Promise<ThreadLink[]> {
  await page.goto(frontPage);
  const items = page.locator('.post-summary');
  await expect(items.first()).toBeVisible();
  const threads: ThreadLink[] = [];
  for (const item of await items.all()) {
    const link = item.locator('a.post-title');
    const meta = ((await item.locator('.meta').textContent()) ?? '').match(/(\d+) comments?/);
    threads.push({
      path: (await link.getAttribute('href')) ?? '',
      title: ((await link.textContent()) ?? '').trim(),
      comments: Number(meta?.[1] ?? 0),
    });
  }
  return threads.sort((a, b) => b.comments - a.comments).slice(0, count);
}

/** Exactly `N` items: what threadsUnderWorker promises, so a test can destructure them without checks. */
type Exactly<N extends number, T, Built extends T[] = []> = Built['length'] extends N
  ? Built
  : Exactly<N, T, [...Built, T]>;

/**
 * The start of most offline scenarios: a first visit to the front page, its `count` most commented
 * threads (none visited yet), and the worker in control of the page.
 */
export async function threadsUnderWorker<N extends number>(
  page: Page,
  count: N,
  frontPage = '/',
): Promise<Exactly<N, ThreadLink>> {
  const threads = await frontPageThreads(page, count, frontPage);
  if (threads.length < count) throw new Error(`the demo forum has fewer than ${count} threads`);
  await waitForController(page);
  return threads as Exactly<N, ThreadLink>;
}
