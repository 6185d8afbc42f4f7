import {
  lastReadAhead,
  type ReadAheadOutcome,
  readAheadSwitchedOn,
  recordReadAhead,
} from '../shared/device-settings.ts';
import type { ConnectionFacts } from '../shared/page-worker-messages.ts';
import { LISTING_PATHS, type Listing, parseReadAheadList } from '../shared/read-ahead-list.ts';
import type { ReadAheadSettings } from '../shared/worker-config.ts';
import type { PageStore } from './page-store.ts';
import { navigationHold } from './read-ahead-hold.ts';
import { planReadAhead, reasonNotToReadAhead } from './read-ahead-plan.ts';
import { fetchAndSave, type QueuedPage } from './read-ahead-step.ts';

/**
 * Read-ahead: after a front page has been shown, the discussions it lists are saved for offline
 * reading, in the background and without getting in the person's way: one request at a time,
 * only while no navigation is under way (a navigation aborts the request in flight; the queue
 * goes on once a page reports it is idle), and only those whose saved copy is of another revision.
 */

/** A navigation whose page never reports itself idle (left before it was, no script, a download) stops holding read-ahead back after this. */
const NAVIGATION_HOLD_MS = 10_000;

export interface ReadAheadRequest {
  listing: Listing;
  connection: ConnectionFacts | null;
  /** Who the page was rendered for; undefined when nobody can say (a periodic sync). */
  viewer: string | null | undefined;
}

export interface ReadAheadOptions {
  origin: string;
  settings: ReadAheadSettings;
  pages: PageStore;
  isSavable: (request: Request, response: Response) => boolean;
  /** Where this device's switch lives and the last run is recorded. */
  storage: CacheStorage;
  fetch: (request: Request) => Promise<Response>;
  /** How long a navigation holds read-ahead back at most; NAVIGATION_HOLD_MS unless a test says. */
  navigationHoldMs?: number;
}

export interface ReadAhead {
  /** A navigation started; its page (client `clientId`) reports when it is idle. */
  navigationStarted(clientId: string): void;
  /**
   * A page is shown and idle: go on with the queue, after planning `request` if there is one.
   * Resolves when the queue is done, waiting out navigations that hold it back.
   */
  pageIdle(clientId: string, request: ReadAheadRequest | null): Promise<void>;
  /** A periodic sync: refresh what the last run read ahead, going by revisions alone. */
  refresh(connection: ConnectionFacts | null): Promise<void>;
  /** Logging out: forget what is queued and stop at once. */
  stop(): void;
}

interface Run {
  listing: Listing;
  listed: number;
  saved: number;
}

export function readAhead(options: ReadAheadOptions): ReadAhead {
  const { origin, settings, pages, storage } = options;
  const hold = navigationHold(options.navigationHoldMs ?? NAVIGATION_HOLD_MS);
  let queue: QueuedPage[] = [];
  let wanted = new Set<string>();
  let run: Run | null = null;
  let inFlight: AbortController | null = null;
  let draining: Promise<void> | null = null;

  async function finish(outcome: ReadAheadOutcome, ended: Run | null): Promise<void> {
    if (!ended) return;
    await recordReadAhead(storage, { at: Date.now(), outcome, ...ended }).catch(() => undefined);
  }

  async function plan({ listing, connection, viewer }: ReadAheadRequest): Promise<void> {
    if (!settings.listUrl) return;
    const reason = reasonNotToReadAhead(connection, await readAheadSwitchedOn(storage));
    if (reason) {
      queue = [];
      run = null;
      return finish(reason, { listing, listed: 0, saved: 0 });
    }
    const listUrl = new URL(settings.listUrl, origin);
    listUrl.searchParams.set('listing', listing);
    // Revalidated every time: an unchanged list is a 304, the one request a repeat visit costs.
    const list = await options
      .fetch(new Request(listUrl.href, { cache: 'no-cache' }))
      .then((response) => (response.ok ? response.json() : null))
      .then(parseReadAheadList, () => null);
    if (!list) return finish('unreachable', { listing, listed: 0, saved: 0 });
    const saved = await pages.describeSavedPages();
    const listingPage = new URL(LISTING_PATHS[listing], origin).href;
    const fresh: QueuedPage[] = planReadAhead(list, saved, origin, viewer).map((url) => ({
      url,
      readAhead: true,
    }));
    if (!saved.has(listingPage)) fresh.unshift({ url: listingPage, readAhead: false });
    const queued = new Set(fresh.map((page) => page.url));
    queue = [...fresh, ...queue.filter((page) => !queued.has(page.url))];
    wanted = new Set([
      ...list.map((item) => new URL(item.url, origin).href),
      ...queue.map((page) => page.url),
    ]);
    run = { listing, listed: list.length, saved: 0 };
  }

  async function drainQueue(): Promise<void> {
    while (queue.length > 0 && !hold.holding()) {
      const [page] = queue;
      if (!page) break;
      if (!(await readAheadSwitchedOn(storage))) {
        queue = [];
        const ended = run;
        run = null;
        return finish('switched-off', ended);
      }
      const controller = new AbortController();
      inFlight = controller;
      const { fetch, isSavable } = options;
      const result = await fetchAndSave(page, controller.signal, {
        pages,
        fetch,
        isSavable,
        budgetBytes: settings.budgetBytes,
        wanted,
      });
      inFlight = null;
      if (result === 'paused') return;
      queue = queue.filter((queued) => queued !== page);
      if (result === 'saved' && run && page.readAhead) run.saved += 1;
      if (result === 'over-budget' || result === 'storage-full' || result === 'unreachable') {
        queue = [];
        const ended = run;
        run = null;
        return finish(result === 'over-budget' ? 'budget-full' : result, ended);
      }
    }
    if (queue.length === 0 && run) {
      const ended = run;
      run = null;
      await finish('done', ended);
    }
  }

  function drain(): Promise<void> {
    draining ??= (async () => {
      // Pages planned while the last step was finishing are not left waiting for the next page,
      // and a queue held back by a navigation goes on when its page is idle or its hold runs out.
      await drainQueue();
      while (queue.length > 0) {
        await hold.released();
        await drainQueue();
      }
    })().finally(() => {
      draining = null;
    });
    return draining;
  }

  return {
    navigationStarted(clientId) {
      hold.started(clientId);
      inFlight?.abort();
    },

    async pageIdle(clientId, request) {
      hold.idle(clientId);
      if (request) await plan(request);
      // A queue drained while this was planning ends with this; one still draining takes the new pages.
      await drain();
    },

    async refresh(connection) {
      const listing = (await lastReadAhead(storage))?.listing ?? 'top';
      await plan({ listing, connection, viewer: undefined });
      await drain();
    },

    stop() {
      queue = [];
      run = null;
      inFlight?.abort();
      hold.wake();
    },
  };
}
