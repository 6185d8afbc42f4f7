import { expect } from '../support/fixtures.ts';
import { waitForController } from '../support/service-worker.ts';
import { listedPaths, READ_AHEAD_WAIT_MS, readAheadStatus, readAheadTest as test } from './support.ts';

// Browser globals used inside the init script: the e2e project compiles without the DOM lib.
declare const ServiceWorker: { prototype: { postMessage(message: unknown, ...rest: unknown[]): void } };
declare const sessionStorage: {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
};
declare const location: { pathname: string };

/** Where the tab keeps what its pages told the worker: session storage outlives each page. */
const SENT = 'messages-to-the-worker';
/** The page of this tab whose idle report never reaches the worker, as if it was left first. */
const NEVER_IDLE = 'page-left-before-idle';

/**
 * The worker holds read-ahead back for at most ten seconds for a navigation whose page never says
 * it is idle (sw/worker/read-ahead-hold.ts); reading all thirty ahead takes seconds more.
 */
const HOLD_AND_RUN_MS = 10_000 + READ_AHEAD_WAIT_MS;

test('a page left before it was idle does not stop the next front page from being read ahead', async ({
  page,
  server,
}) => {
  // Every message a page of this tab sends the worker, with the page that sent it. Whether a
  // person leaves a page before it is idle is a race with the machine's speed (a fast one reports
  // idle within milliseconds of load); the page named under NEVER_IDLE is left before it, always.
  await page.addInitScript(
    ({ key, neverIdle }) => {
      const post = ServiceWorker.prototype.postMessage;
      ServiceWorker.prototype.postMessage = function (this: unknown, message: unknown, ...rest: unknown[]) {
        const type = (message as { type?: string } | null)?.type ?? '';
        const left = type === 'page-idle' && sessionStorage.getItem(neverIdle) === location.pathname;
        const sent = JSON.parse(sessionStorage.getItem(key) ?? '[]') as string[];
        const entry = `${location.pathname} ${type}${left ? ' (left before it was sent)' : ''}`;
        sessionStorage.setItem(key, JSON.stringify([...sent, entry]));
        if (!left) post.call(this, message, ...rest);
      };
    },
    { key: SENT, neverIdle: NEVER_IDLE },
  );
  // The saved-pages page installs the worker and reads nothing ahead.
  await page.goto('/offline/saved');
  await waitForController(page);
  const secondPage = await fetch(`${server.url}/?page=2`).then((response) => response.text());
  const discussion = secondPage.match(/<a class="post-title" href="(\/discuss\/\d+)">/)?.[1] ?? '';
  expect(discussion).not.toBe('');

  // A person opens a discussion and goes back to the front page before it was idle.
  await page.evaluate(({ key, path }) => sessionStorage.setItem(key, path), {
    key: NEVER_IDLE,
    path: discussion,
  });
  await page.goto(discussion);
  const sent = async () =>
    JSON.parse((await page.evaluate((key) => sessionStorage.getItem(key), SENT)) ?? '[]') as string[];
  await expect.poll(sent).toContain(`${discussion} page-idle (left before it was sent)`);
  await page.goto('/');
  expect(await listedPaths(page)).toHaveLength(30);
  await expect.poll(sent).toContain('/ page-idle');
  expect(await sent()).not.toContain(`${discussion} page-idle`);

  await expect
    .poll(async () => (await readAheadStatus(page))?.outcome ?? 'nothing recorded', {
      timeout: HOLD_AND_RUN_MS,
      intervals: [200],
    })
    .toBe('done');
  expect(await readAheadStatus(page)).toMatchObject({ listed: 30, saved: 30 });
});
