import { expect } from '../support/fixtures.ts';
import { changeBehindTheWorker } from './changed-behind-the-worker.ts';
import { type CountingProxy, startCountingProxy } from './counting-proxy.ts';
import { listedPaths, readAheadEnded, readAheadTest as test } from './support.ts';

/** The site, seen through a proxy that counts what reaches the server. */
const countedTest = test.extend<{ countingProxy: CountingProxy }>({
  countingProxy: async ({ server }, use) => {
    const proxy = await startCountingProxy(server.url);
    await use(proxy);
    await proxy.close();
  },
});

countedTest(
  'the next front-page visit fetches again only the discussion that changed, counted at the server',
  async ({ page, server, countingProxy: proxy }) => {
    await page.goto(`${proxy.url}/`);
    const first = await readAheadEnded(page);
    expect(first).toMatchObject({ outcome: 'done', saved: 30 });
    const listed = await listedPaths(page);
    const changed = listed[3] ?? '';
    const change = await changeBehindTheWorker(page, server, changed, 'Read ahead');

    proxy.reset();
    await page.goto(`${proxy.url}/`);
    const second = await readAheadEnded(page, first.at);
    expect(second.outcome).toBe('done');
    expect(proxy.count('/offline/read-ahead.json?listing=top')).toBe(1);
    expect(proxy.count(changed)).toBe(1);
    const stillListed = new Set(await listedPaths(page));
    const refetched = listed.filter(
      (path) => path !== changed && stillListed.has(path) && proxy.count(path) > 0,
    );
    expect(refetched).toEqual([]);
    expect(second.saved).toBe(1 + listed.filter((path) => !stillListed.has(path)).length);
    await change.expectRefreshed();
  },
);
