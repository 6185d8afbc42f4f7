import type { PageToWorkerMessage } from '../shared/page-worker-messages.ts';
import { confirmDiscarding, discardWritesOf, unsentWritesOf } from './outbox/discard-on-logout.ts';
import { forgetPushSubscription } from './push-control.ts';

/** Logging out must never hang on the worker or the database: after this long the logout goes ahead anyway. */
const ANSWER_TIMEOUT_MS = 3000;

/**
 * Before the logout form is sent, removes from this device what shows the
 * person: their unsent writes in the outbox (once they have agreed to lose
 * them) and every saved page rendered for a signed-in person (the worker
 * forgets them, and answers), so the next person at this computer can read
 * none of it. (The worker also forgets pages itself when it sees POST
 * /logout; this makes it happen first even if the logout is answered from
 * elsewhere.) Without JavaScript there is no outbox, and the worker's own
 * purge is enough.
 */
export function cleanUpOnLogout(): void {
  let leaving = false;
  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || new URL(form.action).pathname !== '/logout') return;
    event.preventDefault();
    if (leaving) return;
    leaving = true;
    void logOut(form, event.submitter).then((goAhead) => {
      leaving = goAhead;
      if (goAhead) form.submit();
    });
  });
}

/** Resolves false when the person chose to stay logged in. */
async function logOut(form: HTMLFormElement, submitter: HTMLElement | null): Promise<boolean> {
  const me = document.body.dataset.user;
  if (me && 'indexedDB' in window) {
    const unsent = await withinTimeout(unsentWritesOf(me), []);
    if (unsent.length > 0) {
      if (!(await confirmDiscarding(unsent, submitter ?? form))) return false;
      await withinTimeout(discardWritesOf(me), undefined);
    }
  }
  await withinTimeout(forgetPushSubscription(form), undefined);
  const worker = navigator.serviceWorker?.controller;
  if (worker) await askWorkerToForgetPages(worker);
  return true;
}

function withinTimeout<T>(work: Promise<T>, fallback: T): Promise<T> {
  return Promise.race([
    work.catch(() => fallback),
    new Promise<T>((resolve) => setTimeout(() => resolve(fallback), ANSWER_TIMEOUT_MS)),
  ]);
}

function askWorkerToForgetPages(worker: ServiceWorker): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(resolve, ANSWER_TIMEOUT_MS);
    channel.port1.onmessage = () => {
      clearTimeout(timer);
      resolve();
    };
    const message: PageToWorkerMessage = { type: 'forget-signed-in-pages' };
    worker.postMessage(message, [channel.port2]);
  });
}
