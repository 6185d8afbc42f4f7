import {
  applicationServerKey,
  asSubscriptionJson,
  registerSubscription,
  unregisterSubscription,
} from '../shared/push-subscriptions.ts';

/**
 * Web Push in the worker (issue 14). Every push shows a notification (browsers punish silent
 * pushes by revoking the permission); pushes for one discussion share its tag and are coalesced
 * into "3 new replies in …". While the notification is shown, the comment's page is saved, so a
 * tap opens it even offline.
 */

export interface PushOptions {
  worker: ServiceWorkerGlobalScope;
  origin: string;
  /** Fetches and saves the page at this same-origin path for offline reading. */
  saveDiscussion(path: string): Promise<void>;
}

/** What the server sends (app/push/payload.ts). */
interface PushMessage {
  title: string;
  body: string;
  url: string;
  tag: string;
  discussion: string;
}

/** What a shown notification remembers, to coalesce the next push of its discussion. */
interface ShownData {
  url: string;
  count: number;
  discussion: string;
}

const FALLBACK: PushMessage = {
  title: 'Charcha',
  body: 'Something new is waiting in your notifications.',
  url: '/notifications',
  tag: 'charcha',
  discussion: '',
};

/** A path on this site, never another origin: the payload decides where a tap leads. */
function sameOriginPath(url: unknown, origin: string): string | undefined {
  if (typeof url !== 'string' || !url.startsWith('/') || url.startsWith('//')) return undefined;
  const parsed = new URL(url, origin);
  return parsed.origin === origin ? parsed.pathname + parsed.search + parsed.hash : undefined;
}

function readMessage(event: PushEvent, origin: string): PushMessage {
  try {
    const data = event.data?.json() as Partial<PushMessage> | undefined;
    const url = sameOriginPath(data?.url, origin);
    if (!data || url === undefined || typeof data.title !== 'string') return FALLBACK;
    return {
      title: data.title,
      body: typeof data.body === 'string' ? data.body : '',
      url,
      tag: typeof data.tag === 'string' ? data.tag : FALLBACK.tag,
      discussion: typeof data.discussion === 'string' ? data.discussion : '',
    };
  } catch {
    return FALLBACK;
  }
}

async function show(worker: ServiceWorkerGlobalScope, message: PushMessage): Promise<void> {
  const [earlier] = await worker.registration.getNotifications({ tag: message.tag });
  const before = earlier?.data as ShownData | undefined;
  const count = (before?.count ?? 0) + 1;
  // The first unread reply is where reading starts; later ones follow it on the page.
  const data: ShownData = { url: before?.url ?? message.url, count, discussion: message.discussion };
  const coalesced = count > 1 && message.discussion !== '';
  await worker.registration.showNotification(
    coalesced ? `${count} new replies in ${message.discussion}` : message.title,
    {
      body: message.body,
      tag: message.tag,
      data,
      renotify: count > 1,
      icon: '/favicon.ico',
    } as NotificationOptions,
  );
}

export function pushHandlers({ worker, origin, saveDiscussion }: PushOptions) {
  return {
    onPush(event: PushEvent): void {
      const message = readMessage(event, origin);
      const page = message.url.split('#')[0] ?? message.url;
      event.waitUntil(
        Promise.all([
          show(worker, message),
          message === FALLBACK ? undefined : saveDiscussion(page).catch(() => undefined),
        ]),
      );
    },

    onNotificationClick(event: NotificationEvent): void {
      event.notification.close();
      const url =
        sameOriginPath((event.notification.data as ShownData | undefined)?.url, origin) ?? '/notifications';
      event.waitUntil(openOrFocus(worker, new URL(url, origin).href));
    },

    onSubscriptionChange(event: Event): void {
      const change = event as ExtendableEvent & {
        oldSubscription?: PushSubscription | null;
        newSubscription?: PushSubscription | null;
      };
      change.waitUntil(resubscribe(worker, change.oldSubscription ?? null, change.newSubscription ?? null));
    },
  };
}

/** An open Charcha tab is reused (navigated to the comment); otherwise a new one is opened. */
async function openOrFocus(worker: ServiceWorkerGlobalScope, href: string): Promise<void> {
  const windows = await worker.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const tab = windows.find((client) => 'focus' in client) as WindowClient | undefined;
  if (tab) {
    const focused = await tab.focus();
    if (focused.url !== href) await focused.navigate(href).catch(() => worker.clients.openWindow(href));
    return;
  }
  await worker.clients.openWindow(href);
}

/** The push service replaced or dropped the subscription: subscribe again and tell the server. */
async function resubscribe(
  worker: ServiceWorkerGlobalScope,
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
