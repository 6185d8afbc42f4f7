/**
 * Charcha's service worker. Rendered into /serviceworker.js with its config
 * (see sw/serviceworker.eta). Each concern lives in its own module; this file
 * only routes events to them.
 */
import { cacheFirst, isHashedAsset, routeAssetsPastTheWorker } from './cache-first.ts';
import { removeOutdatedCaches } from './cleanup.ts';
import { isLogout, logOut } from './logout.ts';
import { onMessage } from './messaging.ts';
import { networkFirst } from './network-first.ts';
import { deliverFromWorker } from './outbox/index.ts';
import { precacheShell } from './precache.ts';
import { isSameOrigin, worker } from './scope.ts';

worker.addEventListener('install', (event) => {
  routeAssetsPastTheWorker(event);
  // No skipWaiting here: an update waits until the person accepts it (see sw/page/update-prompt.ts).
  event.waitUntil(precacheShell());
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      await worker.registration.navigationPreload?.enable();
      await removeOutdatedCaches();
      await worker.clients.claim();
    })(),
  );
});

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  if (!isSameOrigin(request.url)) return;
  const inBackground = (work: Promise<unknown>) => event.waitUntil(work.catch(() => undefined));
  if (isLogout(request)) {
    event.respondWith(logOut(request));
  } else if (request.method !== 'GET') {
    return;
  } else if (request.mode === 'navigate') {
    event.respondWith(networkFirst(event));
  } else if (isHashedAsset(new URL(request.url))) {
    event.respondWith(cacheFirst(request, inBackground));
  }
});

worker.addEventListener('message', onMessage);
deliverFromWorker();
