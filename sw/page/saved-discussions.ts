import { timeAgo } from '../../app/domain/time.ts';
import { PAGES_CACHE } from '../shared/cache-names.ts';
import { describeSavedPage } from '../shared/saved-page-metadata.ts';
import { groupByDiscussion, type SavedCopy, type SavedDiscussion } from './saved-discussion-groups.ts';

/** A discussion's own page (/discuss/:id); the pages cache also holds the home page, profiles and so on. */
const DISCUSSION_PATH = /^\/discuss\/\d+$/;

/**
 * On the offline page, lists the discussions this device can show offline: those in the worker's
 * pages cache, most recently saved first, each once with the pages of it that are saved.
 * (The template's hooks are still called saved-threads.)
 */
export async function listSavedDiscussions(): Promise<void> {
  const list = document.querySelector<HTMLElement>('[data-saved-threads]');
  if (!list || !('caches' in window)) return;
  const discussions = await savedDiscussions();
  const empty = document.querySelector<HTMLElement>('[data-saved-threads-empty]');
  if (empty) empty.hidden = discussions.length > 0;
  list.replaceChildren(...discussions.map(renderDiscussion));
  list.hidden = discussions.length === 0;
}

async function savedDiscussions(): Promise<SavedDiscussion[]> {
  if (!(await caches.has(PAGES_CACHE))) return [];
  const cache = await caches.open(PAGES_CACHE);
  const found: SavedCopy[] = [];
  for (const request of await cache.keys()) {
    if (!DISCUSSION_PATH.test(new URL(request.url).pathname)) continue;
    const response = await cache.match(request, { ignoreVary: true });
    if (!response) continue;
    // Only the headers are read; an unread body would keep the entry open in the browser.
    await response.body?.cancel();
    found.push({ url: request.url, info: describeSavedPage(request.url, response) });
  }
  return groupByDiscussion(found);
}

function renderDiscussion(discussion: SavedDiscussion): HTMLLIElement {
  const item = document.createElement('li');
  const link = document.createElement('a');
  link.href = discussion.pages[0]?.href ?? discussion.path;
  link.textContent = discussion.title;
  const saved = document.createElement('span');
  saved.className = 'meta';
  saved.textContent = ` · saved ${timeAgo(discussion.savedAt)}`;
  item.append(link, saved);
  // A discussion read in pages: the ones saved, each a link, unless the first page is all there is.
  if (discussion.pages.length > 1 || discussion.pages[0]?.number !== 1) item.append(pageLinks(discussion));
  return item;
}

function pageLinks(discussion: SavedDiscussion): HTMLSpanElement {
  const pages = document.createElement('span');
  pages.className = 'meta saved-pages-of';
  pages.append(discussion.pages.length === 1 ? ' · page ' : ' · pages ');
  discussion.pages.forEach((page, index) => {
    if (index > 0) pages.append(', ');
    const link = document.createElement('a');
    link.href = page.href;
    link.textContent = String(page.number);
    pages.append(link);
  });
  return pages;
}
