import {
  applicationServerKey,
  asSubscriptionJson,
  registerSubscription,
} from '../shared/push-subscriptions.ts';

/**
 * "Enable notifications on this device" on /notifications (issue 14). The server renders the
 * control hidden; it is shown only where the browser has the Push API, and permission is asked
 * only when the person clicks. Every page with someone logged in also makes sure the server
 * still knows this device's subscription (it forgets one the push service said was gone, or a
 * database restored from a backup may never have had it): re-sent once per tab session.
 */

const RESENT_KEY = 'charcha-push-resent';
/** Long enough for a first registration to install; a worker that never becomes ready means no push here. */
const READY_TIMEOUT_MS = 10_000;

const MESSAGES = {
  unsupported: 'This browser cannot receive push notifications. The inbox above still lists everything.',
  blocked:
    "Notifications are blocked for this site. Allow them in your browser's site settings, then try again.",
  refused: 'You did not allow notifications, so this device will not be told of replies.',
  noService:
    'This browser has no push service available (some private windows and browsers without Google or Mozilla services have none).',
  serverRefused: 'Charcha could not save this device. Reload the page and try again.',
  on: 'Notifications are on for this device.',
  off: 'Notifications are off for this device.',
} as const;

function pushSupported(): boolean {
  return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

async function registration(): Promise<ServiceWorkerRegistration | undefined> {
  return Promise.race([
    navigator.serviceWorker.ready,
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), READY_TIMEOUT_MS)),
  ]);
}

/** This device's subscription, if it has one. */
export async function currentSubscription(): Promise<PushSubscription | null> {
  if (!pushSupported()) return null;
  const ready = await registration();
  return (await ready?.pushManager.getSubscription()) ?? null;
}

/** On every page someone is logged in on: the server gets this device's subscription again if it lost it. */
export async function resendSubscription(): Promise<void> {
  if (!document.body.dataset.user || !pushSupported() || !navigator.serviceWorker.controller) return;
  const subscription = await currentSubscription();
  const json = subscription && asSubscriptionJson(subscription);
  if (!json || sessionStorage.getItem(RESENT_KEY) === json.endpoint) return;
  if (await registerSubscription(json)) sessionStorage.setItem(RESENT_KEY, json.endpoint);
}

export function offerPushControl(): void {
  const control = document.querySelector<HTMLElement>('[data-push-control]');
  const button = control?.querySelector<HTMLButtonElement>('[data-push-enable]');
  const status = control?.querySelector<HTMLElement>('[data-push-status]');
  if (!control || !button || !status) return;
  const say = (message: string) => {
    status.textContent = message;
  };
  control.hidden = false;
  if (!pushSupported()) {
    button.disabled = true;
    say(MESSAGES.unsupported);
    return;
  }
  if (Notification.permission === 'denied') say(MESSAGES.blocked);
  void currentSubscription().then((subscription) => {
    if (subscription) say(MESSAGES.on);
  });
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      say(await enable());
    } finally {
      button.disabled = false;
    }
  });
}

async function enable(): Promise<string> {
  const permission = await Notification.requestPermission();
  if (permission === 'denied') return MESSAGES.blocked;
  if (permission !== 'granted') return MESSAGES.refused;
  const ready = await registration();
  if (!ready) return MESSAGES.noService;
  let subscription: PushSubscription;
  try {
    subscription =
      (await ready.pushManager.getSubscription()) ??
      (await ready.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: await applicationServerKey(),
      }));
  } catch {
    return MESSAGES.noService;
  }
  const json = asSubscriptionJson(subscription);
  if (!json || !(await registerSubscription(json).catch(() => false))) return MESSAGES.serverRefused;
  sessionStorage.setItem(RESENT_KEY, json.endpoint);
  return MESSAGES.on;
}

/**
 * At logout: names this device's endpoint in the logout form, so the server forgets it with the
 * session, and ends the subscription at the push service, so the next person at this computer
 * is not told of the previous one's replies.
 */
export async function forgetPushSubscription(form: HTMLFormElement): Promise<void> {
  const subscription = await currentSubscription();
  if (!subscription) return;
  const field = document.createElement('input');
  field.type = 'hidden';
  field.name = 'endpoint';
  field.value = subscription.endpoint;
  form.append(field);
  sessionStorage.removeItem(RESENT_KEY);
  await subscription.unsubscribe().catch(() => false);
}
