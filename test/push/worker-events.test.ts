import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type PushScope, pushHandlers } from '../../sw/worker/push.ts';
import { build, type Client, logInAs } from '../helpers/app.ts';
import { deviceKeys } from './support.ts';

/**
 * The worker's notificationclick and pushsubscriptionchange handlers. Chromium can neither click
 * a notification headlessly nor fire pushsubscriptionchange (it has not shipped the event), so
 * the e2e suite cannot reach them: here the browser's side (clients, the push manager) is played
 * by plain objects, and the worker's requests go to the real server as the signed-in person.
 */

const ORIGIN = 'http://127.0.0.1';

/** The worker's fetch, answered by the app with the person's cookies, as a same-origin worker's is. */
function fetchAs(person: Client, app: Awaited<ReturnType<typeof build>>['app']): typeof fetch {
  return async (input, init) => {
    const url = new URL(String(input), ORIGIN);
    const response = await app.inject({
      method: (init?.method ?? 'GET') as 'GET',
      url: url.pathname + url.search,
      headers: { ...(init?.headers as Record<string, string>), cookie: person.cookieHeader },
      ...(init?.body === undefined ? {} : { payload: String(init.body) }),
    });
    return new Response(response.body, { status: response.statusCode });
  };
}

function subscription(endpoint: string, applicationServerKey: ArrayBuffer | null = null) {
  const keys = deviceKeys();
  return {
    endpoint,
    options: { applicationServerKey },
    toJSON: () => ({ endpoint, keys: { p256dh: keys.p256dh, auth: keys.auth } }),
  } as unknown as PushSubscription;
}

/** Fires the handler's event and waits for what it handed to waitUntil. */
async function dispatch<E>(handler: (event: E) => void, fields: Record<string, unknown>): Promise<void> {
  const waited: Promise<unknown>[] = [];
  handler({ ...fields, waitUntil: (promise: Promise<unknown>) => waited.push(promise) } as E);
  await Promise.all(waited);
}

async function personWithDevice(t: Parameters<typeof build>[0]) {
  const { app } = await build(t, { pushTestEndpoints: 'loopback' });
  const asha = await logInAs(app, 'asha');
  const old = subscription('http://127.0.0.1:9/old-device');
  const saved = await asha.postJson('/push/subscriptions', old.toJSON() as Record<string, unknown>);
  assert.equal(saved.statusCode, 200);
  const realFetch = globalThis.fetch;
  globalThis.fetch = fetchAs(asha, app);
  t.after(() => {
    globalThis.fetch = realFetch;
  });
  const endpoints = () => app.repositories.pushSubscriptions.endpointsOf(asha.id);
  return { app, old, endpoints };
}

test('pushsubscriptionchange with a new subscription tells the server, which forgets the old one', async (t) => {
  const { old, endpoints } = await personWithDevice(t);
  const fresh = subscription('http://127.0.0.1:9/new-device');
  const handlers = pushHandlers({
    worker: {} as PushScope,
    origin: ORIGIN,
    saveDiscussion: async () => {},
  });
  await dispatch(handlers.onSubscriptionChange, { oldSubscription: old, newSubscription: fresh });
  assert.deepEqual(endpoints(), ['http://127.0.0.1:9/new-device']);
});

test('pushsubscriptionchange without one subscribes again with the same key, and tells the server', async (t) => {
  const { old, endpoints } = await personWithDevice(t);
  const key = new Uint8Array([4, 1, 2, 3]).buffer;
  const dropped = subscription('http://127.0.0.1:9/old-device', key);
  const asked: unknown[] = [];
  const worker = {
    registration: {
      pushManager: {
        subscribe: async (options: unknown) => {
          asked.push(options);
          return subscription('http://127.0.0.1:9/resubscribed');
        },
      },
    },
  } as unknown as PushScope;
  const handlers = pushHandlers({ worker, origin: ORIGIN, saveDiscussion: async () => {} });
  await dispatch(handlers.onSubscriptionChange, { oldSubscription: dropped, newSubscription: null });
  assert.deepEqual(asked, [{ userVisibleOnly: true, applicationServerKey: key }]);
  assert.deepEqual(endpoints(), ['http://127.0.0.1:9/resubscribed']);
  assert.equal(old.endpoint, dropped.endpoint);
});

/** The open windows a worker sees, recording what it asks of them. */
function windows(open: string[]) {
  const calls: string[] = [];
  const tabs = open.map((url) => ({
    url,
    focus: async () => {
      calls.push(`focus ${url}`);
      return { url, navigate: async (href: string) => calls.push(`navigate ${href}`) };
    },
  }));
  const worker = {
    clients: {
      matchAll: async () => tabs,
      openWindow: async (href: string) => calls.push(`open ${href}`),
    },
  } as unknown as PushScope;
  return { worker, calls };
}

const clicked = (url: unknown) => {
  const closed: boolean[] = [];
  return { closed, notification: { data: { url }, close: () => closed.push(true) } };
};

test('a tap opens the comment in a new window when no Charcha tab is open, off-site URLs going to the inbox', async () => {
  for (const [url, opened] of [
    ['/discuss/7?page=2#c40', `${ORIGIN}/discuss/7?page=2#c40`],
    ['https://evil.example/x', `${ORIGIN}/notifications`],
  ]) {
    const { worker, calls } = windows([]);
    const handlers = pushHandlers({ worker, origin: ORIGIN, saveDiscussion: async () => {} });
    const event = clicked(url);
    await dispatch(handlers.onNotificationClick, event);
    assert.deepEqual(calls, [`open ${opened}`]);
    assert.deepEqual(event.closed, [true], 'the notification is closed');
  }
});

test('a tap reuses an open Charcha tab: focused, then taken to the comment', async () => {
  const { worker, calls } = windows([`${ORIGIN}/`]);
  const handlers = pushHandlers({ worker, origin: ORIGIN, saveDiscussion: async () => {} });
  await dispatch(handlers.onNotificationClick, clicked('/discuss/7#c41'));
  assert.deepEqual(calls, [`focus ${ORIGIN}/`, `navigate ${ORIGIN}/discuss/7#c41`]);
});
