import { deliverOutbox, SYNC_TAG } from '../../shared/outbox-delivery.ts';
import { OUTBOX_NAME, type OutboxNews } from '../../shared/outbox-store.ts';
import type { PageToWorkerMessage } from '../../shared/page-worker-messages.ts';
import { onConnectionChange, seemsOnline } from '../connection.ts';
import { onLanded } from './landing.ts';
import { showPending } from './marks.ts';
import { replyInPlace } from './reply-forms.ts';
import { queueWrites } from './writes.ts';

/**
 * Offline writing, page side. Delivery is page-driven on every page load, when
 * the connection comes back (connection.ts) and, while the browser believes it
 * is online, on a backing-off timer; Background Sync is asked for too where the
 * browser has it (the worker then delivers even with no page open).
 */

const FIRST_RETRY_MS = 1000;
const LAST_RETRY_MS = 60_000;

interface SyncRegistration extends ServiceWorkerRegistration {
  sync: { register(tag: string): Promise<void> };
}

export function startOutbox(): void {
  if (!('indexedDB' in window && 'locks' in navigator && 'BroadcastChannel' in window)) return;
  const writtenHere = new Set<string>();
  let retryIn = FIRST_RETRY_MS;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const reshow = () => void showPending(deliver).catch(() => undefined);

  /** One delivery run; resolves when it is over, whatever became of each item. */
  async function deliver(): Promise<void> {
    clearTimeout(retryTimer);
    const changedDiscussions = new Set<string>();
    const done = await deliverOutbox((_item, result) =>
      changedDiscussions.add(new URL(result.url, location.href).pathname),
    ).catch(() => false);
    askWorkerToSave(changedDiscussions);
    if (done) {
      retryIn = FIRST_RETRY_MS;
      return;
    }
    if ('SyncManager' in window) {
      navigator.serviceWorker?.ready
        .then((registration) => (registration as SyncRegistration).sync.register(SYNC_TAG))
        .catch(() => undefined);
    }
    if (navigator.onLine) {
      retryTimer = setTimeout(deliver, retryIn);
      retryIn = Math.min(retryIn * 2, LAST_RETRY_MS);
    }
  }

  new BroadcastChannel(OUTBOX_NAME).onmessage = ({ data }: MessageEvent<OutboxNews>) => {
    if (data.landed) onLanded(data.landed.item, data.landed.result, writtenHere, reshow);
    reshow();
  };
  queueWrites(deliver, reshow, writtenHere);
  replyInPlace();
  onConnectionChange(() => {
    reshow();
    if (seemsOnline()) void deliver();
  });
  void showPending(deliver).finally(deliver);
}

/** The worker keeps the saved copy of a discussion current, so reading it offline shows what was just sent. */
function askWorkerToSave(paths: Set<string>): void {
  if (paths.size === 0) return;
  navigator.serviceWorker?.ready.then((registration) => {
    for (const path of paths) {
      const message: PageToWorkerMessage = { type: 'outbox-save-thread', path };
      registration.active?.postMessage(message);
    }
  });
}
