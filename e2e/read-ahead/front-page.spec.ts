import { expect } from '../support/fixtures.ts';
import { networkSwitch, OFFLINE_MODES } from '../support/offline-modes.ts';
import { offlineBanner } from '../support/service-worker.ts';
import {
  commentsIn,
  commentsOnServer,
  listedPaths,
  readAheadEnded,
  readAheadTest as test,
} from './support.ts';

/**
 * Opening thirty saved discussions offline takes longer on this shared machine than one test may
 * run, so each offline mode checks the first page in two halves, each from a fresh profile.
 */
const HALVES = [
  { name: 'first half', from: 0, to: 15 },
  { name: 'second half', from: 15, to: 30 },
] as const;

for (const mode of OFFLINE_MODES) {
  for (const half of HALVES) {
    test(`one visit to the front page makes every discussion on it readable offline in full: ${half.name} (${mode})`, async ({
      page,
      server,
    }) => {
      await page.goto('/');
      const listed = await listedPaths(page);
      expect(listed).toHaveLength(30);
      const checked = listed.slice(half.from, half.to);
      // Asked of the server while the worker reads ahead.
      const online = Promise.all(checked.map((path) => commentsOnServer(server, path)));
      expect(await readAheadEnded(page)).toMatchObject({ outcome: 'done', listed: 30, saved: 30 });
      const counts = await online;
      const comments = new Map(checked.map((path, index) => [path, counts[index] ?? -1]));
      const longest = [...comments].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
      const secondPage = await fetch(`${server.url}/?page=2`).then((response) => response.text());
      const notListed = secondPage.match(/<a class="post-title" href="(\/discuss\/\d+)">/)?.[1] ?? '';
      expect(notListed).not.toBe('');

      const network = networkSwitch(page, mode);
      await network.goOffline();
      // Each is checked in the document the worker answers with; rendering each would prove no
      // more. The one with the most comments is then shown in full, as a reader sees it.
      for (const path of checked) {
        const response = await page.goto(path, { waitUntil: 'commit' });
        expect(response?.fromServiceWorker(), path).toBe(true);
        expect(commentsIn((await response?.text()) ?? ''), path).toBe(comments.get(path));
      }
      await page.goto(longest);
      await expect(page.locator('.comment')).toHaveCount(comments.get(longest) ?? -1);
      await expect(offlineBanner(page)).toBeVisible();

      await page.goto(notListed);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('You are offline');
      await network.goOnline();
    });
  }
}
