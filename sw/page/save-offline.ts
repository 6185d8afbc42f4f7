import { PAGES_CACHE } from '../shared/cache-names.ts';
import type { PinReply } from '../shared/page-worker-messages.ts';
import { describeSavedPage } from '../shared/saved-page-metadata.ts';
import { askWorker, controllingWorker } from './worker-channel.ts';

/** Pinning reads and rewrites one saved page, or fetches it first: seconds at most, even on a slow phone. */
const PIN_TIMEOUT_MS = 15_000;

const SAVED_TEXT = 'Saved for offline on this device.';

/**
 * "Save for offline" on a discussion (discussion.eta holds the control, hidden): shown only where
 * a service worker controls the page, since only it can keep the page. Saving pins the page, so
 * no limit but the person's own "Remove" takes it away (a logout does, when it shows who they are).
 */
export function offerSaveForOffline(): void {
  const control = document.querySelector<HTMLElement>('[data-save-offline]');
  const button = control?.querySelector<HTMLButtonElement>('button');
  const status = control?.querySelector<HTMLElement>('[data-save-offline-status]');
  const path = control?.dataset.saveOffline;
  if (!control || !button || !status || !path || !navigator.serviceWorker || !('caches' in window)) return;
  let pinned = false;

  const show = (nowPinned: boolean, message: string) => {
    pinned = nowPinned;
    button.textContent = pinned ? 'Remove from saved' : 'Save for offline';
    button.setAttribute('aria-pressed', String(pinned));
    status.textContent = message;
  };

  button.addEventListener('click', async () => {
    button.disabled = true;
    const reply = await askWorker<PinReply>({ type: pinned ? 'unpin' : 'pin', path }, PIN_TIMEOUT_MS);
    button.disabled = false;
    if (!reply) return show(pinned, 'The offline reader did not answer; try again.');
    if (reply.refused === 'limit') {
      return show(
        false,
        `This device already keeps ${reply.limit} discussions saved for offline: remove one first.`,
      );
    }
    if (reply.refused) return show(false, 'It could not be saved: this discussion could not be fetched.');
    show(reply.pinned, reply.pinned ? SAVED_TEXT : 'No longer saved for offline.');
  });

  void controllingWorker().then(async () => {
    const isPinned = await pinnedNow(path).catch(() => false);
    show(isPinned, isPinned ? SAVED_TEXT : '');
    control.hidden = false;
  });
}

async function pinnedNow(path: string): Promise<boolean> {
  if (!(await caches.has(PAGES_CACHE))) return false;
  const url = new URL(path, location.origin).href;
  const saved = await (await caches.open(PAGES_CACHE)).match(url, { ignoreVary: true });
  await saved?.body?.cancel();
  return saved ? describeSavedPage(url, saved).pinned : false;
}
