/**
 * The server side of a device's push subscription (issue 14's contract), for the page and the
 * worker alike: both are same-origin scripts with the person's cookies, and get a CSRF token
 * from /session as the outbox does.
 */

/** What the server needs of a subscription: PushSubscription.toJSON() with its keys. */
export interface SubscriptionJson {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

async function csrfToken(): Promise<string> {
  const response = await fetch('/session', { cache: 'no-store', credentials: 'same-origin' });
  if (!response.ok) throw new Error(`/session answered ${response.status}`);
  return ((await response.json()) as { csrfToken: string }).csrfToken;
}

async function send(method: 'POST' | 'DELETE', body: unknown): Promise<Response> {
  return fetch('/push/subscriptions', {
    method,
    credentials: 'same-origin',
    headers: {
      accept: 'application/json',
      'content-type': 'application/json',
      'x-csrf-token': await csrfToken(),
    },
    body: JSON.stringify(body),
  });
}

export function asSubscriptionJson(subscription: PushSubscription): SubscriptionJson | undefined {
  const json = subscription.toJSON();
  const { p256dh, auth } = json.keys ?? {};
  if (!json.endpoint || !p256dh || !auth) return undefined;
  return { endpoint: json.endpoint, keys: { p256dh, auth } };
}

/** Tells the server this device wants pushes; resolves whether it was kept. */
export async function registerSubscription(subscription: SubscriptionJson): Promise<boolean> {
  return (await send('POST', subscription)).ok;
}

export async function unregisterSubscription(endpoint: string): Promise<boolean> {
  return (await send('DELETE', { endpoint })).ok;
}

/** The server's VAPID public key, as pushManager.subscribe() wants it. */
export async function applicationServerKey(): Promise<Uint8Array<ArrayBuffer>> {
  const response = await fetch('/push/key', { credentials: 'same-origin' });
  const { publicKey } = (await response.json()) as { publicKey: string };
  const base64 = publicKey.replace(/-/g, '+').replace(/_/g, '/');
  return Uint8Array.from(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)), (c) => c.charCodeAt(0));
}
