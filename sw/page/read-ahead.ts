import type { ConnectionFacts, PageToWorkerMessage } from '../shared/page-worker-messages.ts';
import {
  LISTINGS,
  type Listing,
  PERIODIC_REFRESH_MIN_INTERVAL_MS,
  PERIODIC_REFRESH_TAG,
} from '../shared/read-ahead-list.ts';
import { savedCopyTime } from './saved-copy.ts';
import { controllingWorker } from './worker-channel.ts';

/** An idle callback comes at the latest this long after load, even on a page that is never idle. */
const IDLE_TIMEOUT_MS = 3000;

interface NetworkInformation {
  saveData?: boolean;
  effectiveType?: string;
}

function connectionFacts(): ConnectionFacts {
  const connection = (navigator as { connection?: NetworkInformation }).connection;
  return { saveData: connection?.saveData === true, effectiveType: connection?.effectiveType ?? null };
}

/** The listing whose first page this is (list.eta marks it), unless this is a saved copy shown offline. */
function listingToReadAhead(): Listing | null {
  const marked = document.querySelector<HTMLElement>('[data-read-ahead]')?.dataset.readAhead;
  const listing = LISTINGS.find((name) => name === marked);
  return listing && savedCopyTime() === undefined ? listing : null;
}

function whenIdle(work: () => void): void {
  if ('requestIdleCallback' in window) window.requestIdleCallback(work, { timeout: IDLE_TIMEOUT_MS });
  else setTimeout(work, 0);
}

/**
 * Tells the worker, once this page has loaded and its main thread is idle, that background work
 * may go on; from the first page of a listing, that its discussions may be read ahead. The page
 * reports what it knows of the connection (Save-Data, 2g) and who it was rendered for; the worker
 * decides.
 */
export function reportIdle(): void {
  if (!navigator.serviceWorker) return;
  window.addEventListener('load', () => whenIdle(() => void sendIdle()), { once: true });
}

async function sendIdle(): Promise<void> {
  const worker = await controllingWorker();
  const listing = listingToReadAhead();
  const message: PageToWorkerMessage = {
    type: 'page-idle',
    listing,
    connection: connectionFacts(),
    viewer: document.body.dataset.user ?? null,
  };
  worker.postMessage(message);
  if (listing) await refreshWhileAway().catch(() => undefined);
}

/** Periodic Background Sync, not yet in TypeScript's DOM library. */
interface PeriodicSyncManager {
  register(tag: string, options: { minInterval: number }): Promise<void>;
}

/**
 * Where the browser has Periodic Background Sync (Chromium, for an installed app) the worker
 * refreshes the read-ahead set now and then without a visit; the browser decides when, at most as
 * often as asked. Elsewhere, or refused, the next visit to the front page refreshes it.
 */
async function refreshWhileAway(): Promise<void> {
  const registration = await navigator.serviceWorker.ready;
  const periodicSync = (registration as { periodicSync?: PeriodicSyncManager }).periodicSync;
  if (!periodicSync) return;
  await periodicSync.register(PERIODIC_REFRESH_TAG, { minInterval: PERIODIC_REFRESH_MIN_INTERVAL_MS });
}
