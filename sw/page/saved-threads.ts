import { timeAgo } from '../../app/domain/time.ts';
import { PAGES_CACHE } from '../shared/cache-names.ts';
import { describeSavedPage, type SavedPageInfo } from '../shared/saved-page-metadata.ts';

const THREAD_PATH = /^\/discuss\/\d+$/;

/**
 * On the offline page, lists the discussions this device can show offline:
 * the threads in the worker's pages cache, most recently saved first.
 */
export async function listSavedThreads(): Promise<void> {
  const list = document.querySelector<HTMLElement>('[data-saved-threads]');
  if (!list || !('caches' in window)) return;
  const threads = await savedThreads();
  const empty = document.querySelector<HTMLElement>('[data-saved-threads-empty]');
  if (empty) empty.hidden = threads.length > 0;
  list.replaceChildren(...threads.map(renderThread));
  list.hidden = threads.length === 0;
}

async function savedThreads(): Promise<SavedPageInfo[]> {
  if (!(await caches.has(PAGES_CACHE))) return [];
  const cache = await caches.open(PAGES_CACHE);
  const found: SavedPageInfo[] = [];
  for (const request of await cache.keys()) {
    if (!THREAD_PATH.test(new URL(request.url).pathname)) continue;
    const response = await cache.match(request, { ignoreVary: true });
    if (!response) continue;
    // Only the headers are read; an unread body would keep the entry open in the browser.
    await response.body?.cancel();
    found.push(describeSavedPage(request.url, response));
  }
  return found.sort((a, b) => b.savedAt - a.savedAt);
}

function renderThread(thread: SavedPageInfo): HTMLLIElement {
  const item = document.createElement('li');
  const link = document.createElement('a');
  link.href = thread.path;
  link.textContent = thread.title;
  const saved = document.createElement('span');
  saved.className = 'meta';
  saved.textContent = ` · saved ${timeAgo(thread.savedAt)}`;
  item.append(link, saved);
  return item;
}
