import { deliverOutbox, SYNC_TAG } from '../../shared/outbox-delivery.ts';
import type { PageToWorkerMessage } from '../../shared/page-worker-messages.ts';
import { isSavablePage } from '../page-policy.ts';
import { savePage } from '../page-store.ts';
import { ORIGIN, worker } from '../scope.ts';

/**
 * Offline writing, worker side: delivers the outbox the pages fill, on a
 * Background Sync and whenever the worker starts (activation, or the first
 * event after the browser woke it), so items go out even with no page open.
 * After a delivery the saved copy of each thread it changed is refreshed.
 */

interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
}

async function saveThread(path: string): Promise<void> {
  const request = new Request(new URL(path, ORIGIN).href, { cache: 'no-cache' });
  const response = await fetch(request);
  if (isSavablePage(request, response)) await savePage(request.url, response);
}

async function deliver(): Promise<boolean> {
  const changedThreads = new Set<string>();
  const done = await deliverOutbox((_item, result) =>
    changedThreads.add(new URL(result.url, ORIGIN).pathname),
  );
  await Promise.allSettled([...changedThreads].map(saveThread));
  return done;
}

export function deliverFromWorker(): void {
  let started = false;
  const onStart = (event: ExtendableEvent) => {
    if (started) return;
    started = true;
    event.waitUntil(deliver().catch(() => undefined));
  };
  worker.addEventListener('activate', onStart);
  worker.addEventListener('fetch', onStart);

  worker.addEventListener('sync', (event) => {
    const sync = event as SyncEvent;
    if (sync.tag !== SYNC_TAG) return;
    // A rejected sync is retried by the browser later, which is what an undelivered outbox needs.
    sync.waitUntil(
      deliver().then((done) => {
        if (!done) throw new Error('The outbox could not be delivered yet.');
      }),
    );
  });

  worker.addEventListener('message', (event) => {
    const message = event.data as PageToWorkerMessage | null;
    if (message?.type === 'outbox-save-thread' && message.path) {
      event.waitUntil(saveThread(message.path).catch(() => undefined));
    }
  });
}
