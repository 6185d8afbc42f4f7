/**
 * Charcha's service worker. Rendered into /serviceworker.js with its config
 * (see sw/serviceworker.eta). Each concern lives in its own module and takes
 * its options from here; this file is the only one that reads the globals
 * (the config, the worker scope) and the only one that adds event listeners.
 */
import { PAGES_CACHE } from '../shared/cache-names.ts';
import { PERIODIC_REFRESH_TAG } from '../shared/read-ahead-list.ts';
import type { WorkerConfig } from '../shared/worker-config.ts';
import { backgroundDelivery } from './background-delivery.ts';
import { cacheFirst, isHashedAsset, routeAssetsPastTheWorker } from './cache-first.ts';
import { isLogout, logOut } from './logout.ts';
import { onMessage } from './messaging.ts';
import { networkFirst } from './network-first.ts';
import { createPageStore } from './page-store.ts';
import { matchPrecache, precacheName, precacheShell } from './precache.ts';
import { pushHandlers } from './push.ts';
import { readAhead as createReadAhead } from './read-ahead.ts';
import { connectionFacts } from './read-ahead-plan.ts';
import { removeOutdatedCaches } from './remove-outdated-caches.ts';
import { isSameOrigin } from './same-origin.ts';
import { isSavablePage } from './savable-pages.ts';
import { indexedDbSearchIndex } from './search-index-store.ts';
import {
  type OfflineSearchOptions,
  offlineSearch,
  prepareOfflineSearch,
  rememberedShell,
} from './search-offline.ts';
import { answerSearch, isSearchRequest } from './search-request.ts';
import { trackedPagesCache } from './search-saved-keys.ts';

/** Defined by sw/serviceworker.eta as a JSON object just before this bundle. */
declare const CHARCHA_SW_CONFIG: WorkerConfig;
const config = CHARCHA_SW_CONFIG;
/** lib WebWorker types `self` as a plain worker. */
const worker = self as unknown as ServiceWorkerGlobalScope;
const origin = worker.location.origin;

const precache = precacheName(config.version);
const searchIndex = indexedDbSearchIndex(indexedDB);
/** Every write to the pages cache goes through this opener, which keeps its keys for offline search. */
const pagesCache = trackedPagesCache(() => caches.open(PAGES_CACHE));
const openPages = pagesCache.open;
const pages = createPageStore({ cache: openPages, limits: config.pageCache, searchIndex });
const isSavable = (request: Request, response: Response) =>
  isSavablePage(request, response, {
    origin,
    offlinePage: config.offlinePage,
    otherPrecachedPages: [config.savedPagesPage, config.offlineSearchPage],
  });
/** Offline, a precached page answers for itself; any other page unsaved gets the offline page. */
const precachedAnswer = (url: string) => {
  const path = new URL(url).pathname;
  return matchPrecache(precache, path === config.savedPagesPage ? path : config.offlinePage);
};
/** Offline, /search?q=… searches the discussions saved on this device. */
const offlineSearchOptions: OfflineSearchOptions = {
  pagesCache: openPages,
  savedKeys: pagesCache.keys,
  maxAgeMs: config.pageCache.maxAgeMs,
  index: searchIndex,
  shell: rememberedShell(() => matchPrecache(precache, config.offlineSearchPage)),
};
const delivery = backgroundDelivery({ origin, pages, isSavable });
const readAhead = createReadAhead({
  origin,
  settings: config.readAhead,
  pages,
  isSavable,
  storage: caches,
  fetch: (request) => fetch(request),
});

worker.addEventListener('install', (event) => {
  routeAssetsPastTheWorker(event);
  // No skipWaiting here: an update waits until the person accepts it (see sw/page/update-prompt.ts).
  event.waitUntil(precacheShell(precache, config.precache));
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      await worker.registration.navigationPreload?.enable();
      await removeOutdatedCaches(caches, {
        precache,
        precachedPaths: new Set(config.precache.map((path) => new URL(path, origin).pathname)),
        neededBySavedPages: await pages.assetsNeededBySavedPages(),
      });
      await worker.clients.claim();
    })(),
  );
});

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  if (!isSameOrigin(request.url, origin)) return;
  const inBackground = (work: Promise<unknown>) => event.waitUntil(work.catch(() => undefined));
  if (isLogout(request, origin)) {
    readAhead.stop();
    event.respondWith(logOut(request, pages));
  } else if (request.method !== 'GET') {
    return;
  } else if (isSearchRequest(request)) {
    if (request.mode === 'navigate') readAhead.navigationStarted(event.resultingClientId);
    event.respondWith(
      answerSearch(event, {
        networkTimeoutMs: config.networkTimeoutMs,
        offlineSearch: (url) => offlineSearch(url, offlineSearchOptions),
      }),
    );
  } else if (request.mode === 'navigate') {
    // The person comes first: read-ahead steps aside until this page reports it is idle.
    readAhead.navigationStarted(event.resultingClientId);
    event.respondWith(
      networkFirst(event, {
        networkTimeoutMs: config.networkTimeoutMs,
        pages,
        isSavable,
        offlinePage: precachedAnswer,
      }),
    );
  } else if (isHashedAsset(new URL(request.url))) {
    event.respondWith(cacheFirst(request, precache, inBackground));
  }
});

worker.addEventListener('message', (event) =>
  onMessage(event, {
    worker,
    origin,
    pages,
    readAhead,
    saveDiscussion: delivery.saveDiscussion,
    prepareSearch: () => prepareOfflineSearch(offlineSearchOptions),
  }),
);

interface PeriodicSyncEvent extends ExtendableEvent {
  readonly tag: string;
}

worker.addEventListener('periodicsync', (event) => {
  const periodic = event as PeriodicSyncEvent;
  if (periodic.tag !== PERIODIC_REFRESH_TAG) return;
  periodic.waitUntil(readAhead.refresh(connectionFacts(worker.navigator)).catch(() => undefined));
});

// Outbox delivery starts with the worker: at activation, or at the first fetch after a wake-up.
worker.addEventListener('activate', delivery.onStart);
worker.addEventListener('fetch', delivery.onStart);
worker.addEventListener('sync', delivery.onSync);

// Web Push: a notification for every push, and its page saved for reading offline.
const push = pushHandlers({ worker, origin, saveDiscussion: delivery.saveDiscussion });
worker.addEventListener('push', push.onPush);
worker.addEventListener('notificationclick', push.onNotificationClick);
worker.addEventListener('pushsubscriptionchange', push.onSubscriptionChange);
