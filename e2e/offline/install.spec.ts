import { DEMO_PASSWORD } from '../../db/seed.ts';
import { demoTest as test } from '../support/demo-forum.ts';
import { expect, logIn } from '../support/fixtures.ts';
import { networkSwitch, OFFLINE_MODES } from '../support/offline-modes.ts';
import { precaches } from '../support/saved-caches.ts';
import { configInScript } from '../support/served-worker-config.ts';
import {
  appliedStylesheets,
  registrationState,
  statusFromPage,
  waitForController,
} from '../support/service-worker.ts';

test('GET /serviceworker.js is the rendered worker: no-cache, an ETag, 304 when unchanged', async ({
  request,
}) => {
  const response = await request.get('/serviceworker.js');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/javascript; charset=utf-8');
  expect(response.headers()['cache-control']).toBe('no-cache');
  const etag = response.headers().etag ?? '';
  expect(etag).toMatch(/^"[0-9a-f]+"$/);

  const config = configInScript(await response.text());
  expect(config.version).toMatch(/^[0-9a-f]{16}$/);
  expect(config.offlinePage).toBe('/offline');
  expect(config.networkTimeoutMs).toBe(3000);
  expect(config.pageCache).toEqual({ maxEntries: 200, maxAgeMs: 30 * 24 * 3600 * 1000 });
  for (const kind of [
    /\/assets\/app\.\w+\.css$/,
    /\/assets\/app\.\w+\.js$/,
    /\/assets\/app\.\w+\.webmanifest$/,
  ])
    expect(config.precache.some((url) => kind.test(url))).toBe(true);
  expect(config.precache.filter((url) => /\/assets\/icon-.*\.png$/.test(url))).toHaveLength(3);
  expect(config.precache).toContain('/offline');

  const again = await request.get('/serviceworker.js', { headers: { 'if-none-match': etag } });
  expect(again.status()).toBe(304);
  expect(await again.body()).toHaveLength(0);
});

test('the offline page is the same for everyone: no name, no CSRF token', async ({ page, request }) => {
  const anonymous = await (await request.get('/offline')).text();
  expect(anonymous).toContain('You are offline');
  await logIn(page, 'asha', DEMO_PASSWORD);
  const signedIn = await page.request.get('/offline');
  const html = await signedIn.text();
  expect(html).not.toContain('asha');
  expect(html).not.toContain('_csrf');
  expect(html).toBe(anonymous);
});

for (const mode of OFFLINE_MODES) {
  test(`a first visit installs, activates and controls the page; the precache holds the shell (${mode})`, async ({
    page,
  }) => {
    let loads = 0;
    page.on('load', () => {
      loads += 1;
    });
    const script = await (await page.request.get('/serviceworker.js')).text();
    const { version, precache } = configInScript(script);

    await page.goto('/');
    await waitForController(page);
    const registration = await registrationState(page);
    expect(new URL(registration.scope).pathname).toBe('/');
    expect(registration.state).toBe('activated');
    expect(new URL(registration.controller ?? '').pathname).toBe('/serviceworker.js');

    expect(await precaches(page)).toEqual([
      { name: `charcha-precache-${version}`, paths: [...precache].sort() },
    ]);
    // A first install never offers an update and never reloads the page.
    await expect(page.locator('.update-toast')).toHaveCount(0);
    expect(loads).toBe(1);

    // The shell is enough to show a page never visited, styled, with no network at all.
    const network = networkSwitch(page, mode);
    await network.goOffline();
    const response = await page.goto('/u/asha');
    expect(response?.fromServiceWorker()).toBe(true);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('You are offline');
    const css = precache.find((url) => url.endsWith('.css'));
    expect(await appliedStylesheets(page)).toEqual([css]);
    for (const url of precache.filter((path) => path.startsWith('/assets/')))
      expect(await statusFromPage(page, url)).toBe(200);
    await network.goOnline();
  });
}

test('a page the worker did not claim asks to be: a force-reload comes back under its control', async ({
  page,
}) => {
  await page.goto('/');
  await waitForController(page);
  // A force-reload (Shift+Reload) goes past the worker, so the page it loads starts uncontrolled,
  // as a page still loading when the worker activated can be.
  const session = await page.context().newCDPSession(page);
  await Promise.all([page.waitForEvent('load'), session.send('Page.reload', { ignoreCache: true })]);
  await waitForController(page);
  expect(new URL((await registrationState(page)).controller ?? '').pathname).toBe('/serviceworker.js');
});
