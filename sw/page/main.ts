/**
 * The page script: progressive enhancement only. Everything here is optional;
 * without JavaScript or without service workers the forum works the same online.
 */

import type { PageToWorkerMessage } from '../shared/page-worker-messages.ts';
import { rememberCollapsedComments } from './comment-folds.ts';
import { confirmDeleting } from './confirm-delete.ts';
import { watchForReconnection } from './connection.ts';
import { cleanUpOnLogout } from './logout-hygiene.ts';
import { announceSavedCopy } from './offline-banner.ts';
import { markReadableOffline } from './offline-marks.ts';
import { startOutbox } from './outbox/index.ts';
import { reportPageShown } from './page-shown.ts';
import { offerPushControl, resendSubscription } from './push-control.ts';
import { reportIdle } from './read-ahead.ts';
import { offerSaveForOffline } from './save-offline.ts';
import { listSavedDiscussions } from './saved-discussions.ts';
import { showSavedPages } from './saved-pages.ts';
import { searchInPage } from './search-in-page.ts';
import { prepareSearchOnFocus } from './search-soon.ts';
import { stepBetweenTopLevelComments } from './thread-steps.ts';
import { offerUpdates } from './update-prompt.ts';

async function enableOfflineReading(): Promise<void> {
  // Absent in old browsers and in insecure contexts (plain HTTP on a non-local host).
  if (!('serviceWorker' in navigator) || !navigator.serviceWorker) return;
  try {
    const registration = await navigator.serviceWorker.register('/serviceworker.js', { scope: '/' });
    offerUpdates(registration);
    await comeUnderControl();
  } catch {
    // Registration is refused in private modes and by policy; the site simply stays online-only.
  }
}

/**
 * A page that was loading while the worker activated can be missed by the clients.claim() that
 * ends its activation (about one first visit in twelve here), and a force-reload is not
 * controlled either: such a page would go without the outbox and read-ahead until the next
 * navigation, so it asks the active worker to claim it.
 */
async function comeUnderControl(): Promise<void> {
  const { active } = await navigator.serviceWorker.ready;
  if (!active || navigator.serviceWorker.controller) return;
  // An activation under way ends with its own claim, which takes this page if it can.
  if (active.state !== 'activated') {
    await new Promise<void>((resolve) =>
      active.addEventListener('statechange', () => active.state === 'activated' && resolve()),
    );
  }
  if (navigator.serviceWorker.controller) return;
  const claim: PageToWorkerMessage = { type: 'claim' };
  active.postMessage(claim);
}

rememberCollapsedComments();
stepBetweenTopLevelComments();
cleanUpOnLogout();
confirmDeleting();
announceSavedCopy();
watchForReconnection();
reportPageShown();
reportIdle();
offerSaveForOffline();
searchInPage();
prepareSearchOnFocus();
void listSavedDiscussions().catch(() => undefined);
void showSavedPages().catch(() => undefined);
void markReadableOffline().catch(() => undefined);
void enableOfflineReading();
startOutbox();
offerPushControl();
void resendSubscription().catch(() => undefined);
