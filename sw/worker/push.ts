import {
  applicationServerKey,
  asSubscriptionJson,
  registerSubscription,
  unregisterSubscription,
} from '../shared/push-subscriptions.ts';
import {
  coalesced,
  FALLBACK,
  type PushMessage,
  readMessage,
  type ShownData,
  sameOriginPath,
} from './push-message.ts';

/**
 * Web Push in the worker (issue 14). Every push shows a notification (browsers punish silent
 * pushes by revoking the permission); pushes for one discussion share its tag and are coalesced
 * into "3 new replies in …". While the notification is shown, the comment's page is saved, so a
 * tap opens it even offline.
 */

/** A tab the worker can bring forward and take to a page. */
interface Tab {
  url: string;
  focus(): Promise<{ url: string; navigate(url: string): Promise<unknown> }>;
}

/** An event the worker is kept alive for until its promise settles. */
interface Extendable {
  waitUntil(promise: Promise<unknown>): void;
}

/**
 * What the handlers use of the worker's global scope: named by shape, so that tests can stand in
 * for the browser where headless Chromium cannot act (a tap on a notification,
 * pushsubscriptionchange, which Chromium never fires).
 */
export interface PushScope {
  registration: {
    getNotifications(filter: { tag: string }): Promise<{ data?: unknown }[]>;
    showNotification(title: string, options: NotificationOptions): Promise<void>;
    pushManager: {
      subscribe(options: {
        userVisibleOnly: boolean;
        applicationServerKey: BufferSource | string | null;
      }): Promise<PushSubscription>;
    };
  };
  clients: {
    matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<readonly object[]>;
    openWindow(url: string): Promise<unknown>;
  };
}

export interface PushOptions {
  worker: PushScope;
  origin: string;
  /** Fetches and saves the page at this same-origin path for offline reading. */
  saveDiscussion(path: string): Promise<void>;
}

async function show(worker: PushScope, message: PushMessage): Promise<void> {
  const [earlier] = await worker.registration.getNotifications({ tag: message.tag });
  const { title, options } = coalesced(message, earlier?.data as ShownData | undefined);
  await worker.registration.showNotification(title, options as NotificationOptions);
}

export function pushHandlers({ worker, origin, saveDiscussion }: PushOptions) {
  return {
    onPush(event: Extendable & { data: { json(): unknown } | null }): void {
      const message = readMessage(event.data ? () => event.data?.json() : undefined, origin);
      const page = message.url.split('#')[0] ?? message.url;
      event.waitUntil(
        Promise.all([
          show(worker, message),
          message === FALLBACK ? undefined : saveDiscussion(page).catch(() => undefined),
        ]),
      );
    },

    onNotificationClick(event: Extendable & { notification: { data: unknown; close(): void } }): void {
      event.notification.close();
      const url =
        sameOriginPath((event.notification.data as ShownData | undefined)?.url, origin) ?? '/notifications';
      event.waitUntil(openOrFocus(worker, new URL(url, origin).href));
    },

    onSubscriptionChange(event: Event): void {
      const change = event as unknown as Extendable & {
        oldSubscription?: PushSubscription | null;
        newSubscription?: PushSubscription | null;
      };
      change.waitUntil(resubscribe(worker, change.oldSubscription ?? null, change.newSubscription ?? null));
    },
  };
}

/** An open Charcha tab is reused (navigated to the comment); otherwise a new one is opened. */
async function openOrFocus(worker: PushScope, href: string): Promise<void> {
  const windows = await worker.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const tab = windows.find((client): client is Tab => 'focus' in client);
  if (tab) {
    const focused = await tab.focus();
    if (focused.url !== href) await focused.navigate(href).catch(() => worker.clients.openWindow(href));
    return;
  }
  await worker.clients.openWindow(href);
}

/** The push service replaced or dropped the subscription: subscribe again and tell the server. */
async function resubscribe(
  worker: PushScope,
  old: PushSubscription | null,
  fresh: PushSubscription | null,
): Promise<void> {
  const subscription =
    fresh ??
    (await worker.registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: old?.options.applicationServerKey ?? (await applicationServerKey()),
    }));
  const json = asSubscriptionJson(subscription);
  if (json) await registerSubscription(json);
  if (old && old.endpoint !== subscription.endpoint)
    await unregisterSubscription(old.endpoint).catch(() => false);
}
