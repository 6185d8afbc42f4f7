import { savedCopyTime } from './saved-copy.ts';

/**
 * Whether the network is worth using, as well as a page can tell. `navigator.onLine` false means
 * no network at all, but true proves little: a page the worker answered with its saved copy got
 * it because the network failed or stalled, and Chromium (seen in 150) reports true in a
 * page loaded while DevTools' "Offline" is ticked, then fires no `online` event when it is
 * unticked. So a saved copy starts out offline and asks the server, backing off, until it answers.
 */

const FIRST_CHECK_MS = 1000;
const LAST_CHECK_MS = 30_000;
/** Answered by the server itself, never by the worker (it leaves HEAD requests alone). */
const CHECK_URL = '/healthz';
const CHANGED = 'charcha:connection';

let unreachable = savedCopyTime() !== undefined;

export const seemsOnline = (): boolean => navigator.onLine && !unreachable;

/** Calls `listener` whenever seemsOnline() may have changed. */
export function onConnectionChange(listener: () => void): void {
  window.addEventListener('online', listener);
  window.addEventListener('offline', listener);
  window.addEventListener(CHANGED, listener);
}

function reached(): void {
  if (!unreachable) return;
  unreachable = false;
  window.dispatchEvent(new Event(CHANGED));
}

/** On a saved copy: notices the connection coming back, by the `online` event or by an answer. */
export function watchForReconnection(): void {
  if (!unreachable) return;
  window.addEventListener('online', reached, { once: true });
  let wait = FIRST_CHECK_MS;
  const check = async () => {
    if (!unreachable) return;
    // Any answer, even an error page, means the server can be reached again.
    const answered = navigator.onLine
      ? await fetch(CHECK_URL, { method: 'HEAD', cache: 'no-store' }).then(
          () => true,
          () => false,
        )
      : false;
    if (answered) return reached();
    setTimeout(check, wait);
    wait = Math.min(wait * 2, LAST_CHECK_MS);
  };
  setTimeout(check, wait);
}
