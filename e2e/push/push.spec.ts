import type { BrowserContext, Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { expect, signUp, startDiscussion, test, uniqueName } from '../support/fixtures.ts';
import { savedCopyHtml } from '../support/saved-caches.ts';
import type { RunningServer } from '../support/server.ts';
import { waitForController } from '../support/service-worker.ts';
import { withWorkerRegistration } from '../support/worker-registration.ts';
import { type FakeDevice, startMockPushService } from './mock-push-service.ts';

/**
 * Web Push end to end (issue 14). Headless Chromium has no push service, so the test plays the
 * device: it makes the subscription's keys, gives them to the server through the contract, and
 * runs a mock push service that checks and decrypts what the server sends; the plaintext is then
 * delivered to the real worker by DevTools, as a push service would deliver it.
 */

/** What the page scripts see of the browser; e2e type-checks without the DOM library. */
interface PageGlobals {
  fetch: typeof fetch;
  navigator: {
    serviceWorker: {
      ready: Promise<{ getNotifications(): Promise<{ title: string; tag: string; body: string }[]> }>;
    };
  };
}

let service: Awaited<ReturnType<typeof startMockPushService>>;
test.beforeAll(async () => {
  service = await startMockPushService();
});
test.afterAll(async () => service.stop());

/** POST /push/subscriptions from the page, with the CSRF token in x-csrf-token, as the page script does. */
async function subscribe(page: Page, subscription: FakeDevice['subscription']): Promise<number> {
  return page.evaluate(async (body) => {
    const g = (globalThis as unknown as { fetch: typeof fetch }).fetch;
    const { csrfToken } = (await (await g('/session')).json()) as { csrfToken: string };
    const response = await g('/push/subscriptions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrfToken },
      body: JSON.stringify(body),
    });
    return response.status;
  }, subscription);
}

/** What a push service does on receiving a message: DevTools fires `push` at the worker with it. */
async function deliverToWorker(page: Page, data: string): Promise<void> {
  await withWorkerRegistration(page, ({ session, origin, registrationId }) =>
    session.send('ServiceWorker.deliverPushMessage', { origin, registrationId, data }),
  );
}

function shownNotifications(page: Page) {
  return page.evaluate(async () => {
    const registration = await (globalThis as unknown as PageGlobals).navigator.serviceWorker.ready;
    return (await registration.getNotifications()).map(({ title, tag, body }) => ({ title, tag, body }));
  });
}

function subscribedEndpoints(server: RunningServer): string[] {
  const db = new Database(server.databasePath, { readonly: true });
  try {
    return db.prepare('SELECT endpoint FROM push_subscriptions ORDER BY id').pluck().all() as string[];
  } finally {
    db.close();
  }
}

async function reply(context: BrowserContext, discussionId: number, text: string) {
  const page = await context.newPage();
  await page.goto(`/discuss/${discussionId}`);
  await page.getByLabel('Add a comment').fill(text);
  await page.getByRole('button', { name: 'Post comment' }).click();
  await expect(page.locator('.comment .prose').filter({ hasText: text })).toBeVisible();
  await page.close();
}

/** A reader, subscribed through the contract on a fresh device, with a discussion of their own. */
async function readerWithDevice(browser: import('@playwright/test').Browser, baseURL: string) {
  const context = await browser.newContext({ baseURL, permissions: ['notifications'] });
  const page = await context.newPage();
  await signUp(page, uniqueName('reader'));
  const title = `Pushed ${uniqueName('t')}`;
  const discussionId = await startDiscussion(page, title, 'Tell me when someone answers.');
  await waitForController(page);
  const device = service.device(uniqueName('device'));
  expect(await subscribe(page, device.subscription)).toBe(200);
  const writerContext = await browser.newContext({ baseURL });
  const writer = uniqueName('writer');
  const writerPage = await writerContext.newPage();
  await signUp(writerPage, writer);
  await writerPage.close();
  return { context, page, title, discussionId, device, writerContext, writer };
}

test('a reply is pushed once, shown by the worker, coalesced per discussion, and opens offline', async ({
  browser,
  baseURL,
}) => {
  const { context, page, title, discussionId, writerContext, writer } = await readerWithDevice(
    browser,
    baseURL ?? '',
  );
  const before = service.received.length;
  const text = `An answer ${uniqueName('a')}`;
  await reply(writerContext, discussionId, text);
  const received = await service.waitFor(before + 1);
  expect(service.problems).toEqual([]);
  const message = JSON.parse(received[before]?.plaintext ?? '{}') as Record<string, unknown>;
  expect(message).toMatchObject({
    title: `${writer} in ${title}`,
    body: text,
    tag: `discussion-${discussionId}`,
  });
  expect(String(message.url)).toMatch(new RegExp(`^/discuss/${discussionId}#c\\d+$`));

  await deliverToWorker(page, received[before]?.plaintext ?? '');
  await expect
    .poll(() => shownNotifications(page))
    .toEqual([{ title: `${writer} in ${title}`, tag: `discussion-${discussionId}`, body: text }]);
  await expect.poll(() => savedCopyHtml(page, `/discuss/${discussionId}`)).toContain(text);

  const second = `Another answer ${uniqueName('a')}`;
  await reply(writerContext, discussionId, second);
  await service.waitFor(before + 2);
  await deliverToWorker(page, service.received[before + 1]?.plaintext ?? '');
  await expect
    .poll(() => shownNotifications(page))
    .toEqual([{ title: `2 new replies in ${title}`, tag: `discussion-${discussionId}`, body: second }]);
  // One push per reply: nothing was sent twice, to anyone.
  expect(service.received.length).toBe(before + 2);
  await expect.poll(() => savedCopyHtml(page, `/discuss/${discussionId}`)).toContain(second);

  // A tap opens the comment in a new tab, as notificationclick does when none is open.
  await context.setOffline(true);
  const opened = await context.newPage();
  await opened.goto(String(message.url));
  await expect(opened.locator('.comment .prose').filter({ hasText: second })).toBeVisible();
  await context.setOffline(false);
  await Promise.all([context.close(), writerContext.close()]);
});

test('a 410 from the push service removes the subscription', async ({ browser, baseURL, server }) => {
  const { context, discussionId, device, writerContext } = await readerWithDevice(browser, baseURL ?? '');
  expect(subscribedEndpoints(server)).toContain(device.subscription.endpoint);
  service.answerWith(410);
  try {
    const before = service.received.length;
    await reply(writerContext, discussionId, `Unwanted ${uniqueName('a')}`);
    await service.waitFor(before + 1);
    await expect.poll(() => subscribedEndpoints(server)).not.toContain(device.subscription.endpoint);
  } finally {
    service.answerWith(201);
  }
  await Promise.all([context.close(), writerContext.close()]);
});

test('the page re-sends a subscription the server lost, and logging out removes it', async ({
  browser,
  baseURL,
  server,
}) => {
  const context = await browser.newContext({ baseURL, permissions: ['notifications'] });
  const device = service.device(uniqueName('device'));
  // This device "has" a subscription, as a browser with a push service would after subscribing.
  await context.addInitScript((subscription) => {
    const fake = {
      endpoint: subscription.endpoint,
      expirationTime: null,
      options: { userVisibleOnly: true, applicationServerKey: null },
      getKey: () => null,
      toJSON: () => subscription,
      unsubscribe: async () => true,
    };
    const manager = (globalThis as unknown as { PushManager?: { prototype: Record<string, unknown> } })
      .PushManager;
    if (manager) manager.prototype.getSubscription = async () => fake;
  }, device.subscription);
  const page = await context.newPage();
  await signUp(page, uniqueName('reader'));
  await waitForController(page);
  // The test never posts it: a page that finds the device subscribed tells the server.
  await page.goto('/notifications');
  await expect.poll(() => subscribedEndpoints(server)).toContain(device.subscription.endpoint);
  await expect(page.locator('[data-push-control]')).toBeVisible();

  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('link', { name: 'Log in' })).toBeVisible();
  expect(subscribedEndpoints(server)).not.toContain(device.subscription.endpoint);
  await context.close();
});
