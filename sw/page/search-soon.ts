import type { PageToWorkerMessage } from '../shared/page-worker-messages.ts';
import { seemsOnline } from './connection.ts';

/**
 * Offline, someone who focuses the search box is about to search the discussions saved here. The
 * worker is told at once, so that it reads their index (and wakes up, when it was stopped after
 * idling) while the query is typed, not after Enter. Online the server searches: nothing to say.
 */
export function prepareSearchOnFocus(): void {
  document.querySelector('#site-search-q')?.addEventListener('focus', () => {
    if (seemsOnline()) return;
    const message: PageToWorkerMessage = { type: 'search-soon' };
    navigator.serviceWorker?.controller?.postMessage(message);
  });
}
