import { expect, uniqueName } from '../support/fixtures.ts';
import { savedCopyHtml } from '../support/saved-caches.ts';
import { startCountingProxy } from './counting-proxy.ts';
import {
  commentAsAnother,
  listedPaths,
  readAheadEnded,
  savedRevision,
  readAheadTest as test,
} from './support.ts';

test('the next front-page visit fetches again only the discussion that changed, counted at the server', async ({
  page,
  server,
}) => {
  const proxy = await startCountingProxy(server.url);
  try {
    await page.goto(`${proxy.url}/`);
    const first = await readAheadEnded(page);
    expect(first).toMatchObject({ outcome: 'done', saved: 30 });
    const listed = await listedPaths(page);
    const changed = listed[3] ?? '';
    const revisionBefore = await savedRevision(page, changed);

    const comment = `Read ahead ${uniqueName('c')}`;
    await commentAsAnother(server, changed, comment);

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
    expect(await savedRevision(page, changed)).toBeGreaterThan(revisionBefore ?? Number.POSITIVE_INFINITY);
    expect(await savedCopyHtml(page, changed)).toContain(comment);
  } finally {
    await proxy.close();
  }
});
