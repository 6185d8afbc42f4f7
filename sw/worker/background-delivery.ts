import { deliverOutbox, SYNC_TAG } from '../shared/outbox-delivery.ts';
import { pageShowing } from './delivered-page.ts';
import type { PageStore } from './page-store.ts';

/**
 * Offline writing, worker side: delivers the outbox the pages fill, on a
 * Background Sync and whenever the worker starts (activation, or the first
 * event after the browser woke it), so items go out even with no page open.
 * After a delivery the saved copy of each discussion it changed is refreshed.
 */

export interface BackgroundDeliveryOptions {
  /** The worker's own origin: the server answers with paths, saved pages are keyed by URL. */
  origin: string;
  pages: PageStore;
  isSavable: (request: Request, response: Response) => boolean;
}

export interface BackgroundDelivery {
  /** For `activate` and `fetch`: the first of them after the worker starts delivers. */
  onStart(event: ExtendableEvent): void;
  onSync(event: Event): void;
  /** Re-fetches and saves the discussion at `path`, so reading it offline shows what was sent. */
  saveDiscussion(path: string): Promise<void>;
}

interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
}

export function backgroundDelivery({
  origin,
  pages,
  isSavable,
}: BackgroundDeliveryOptions): BackgroundDelivery {
  let started = false;

  async function saveDiscussion(path: string): Promise<void> {
    const request = new Request(new URL(path, origin).href, { cache: 'no-cache' });
    const response = await fetch(request);
    if (isSavable(request, response)) await pages.savePage(request.url, response);
  }

  async function deliver(): Promise<boolean> {
    const changedDiscussions = new Set<string>();
    const done = await deliverOutbox((_item, result) =>
      changedDiscussions.add(pageShowing(result.url, origin)),
    );
    await Promise.allSettled([...changedDiscussions].map(saveDiscussion));
    return done;
  }

  return {
    onStart(event) {
      if (started) return;
      started = true;
      event.waitUntil(deliver().catch(() => undefined));
    },

    onSync(event) {
      const sync = event as SyncEvent;
      if (sync.tag !== SYNC_TAG) return;
      // A rejected sync is retried by the browser later, which is what an undelivered outbox needs.
      sync.waitUntil(
        deliver().then((done) => {
          if (!done) throw new Error('The outbox could not be delivered yet.');
        }),
      );
    },

    saveDiscussion,
  };
}
