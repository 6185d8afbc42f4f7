import { isoTime, timeAgo } from '../../app/domain/time.ts';
import { PAGES_CACHE } from '../shared/cache-names.ts';
import type { PinReply } from '../shared/page-worker-messages.ts';
import {
  DISCUSSION_PATH,
  describeSavedPage,
  isShownOffline,
  type SavedPageInfo,
} from '../shared/saved-page-metadata.ts';
import { formatBytes } from './byte-sizes.ts';
import { offerReadAheadSwitch } from './read-ahead-switch.ts';
import { showStorage } from './storage-panel.ts';
import { askWorker } from './worker-channel.ts';

/** Unpinning rewrites one saved page: it answers quickly, or not at all. */
const UNPIN_TIMEOUT_MS = 10_000;

const HOW_SAVED = { pinned: 'Saved by you', 'read-ahead': 'Read ahead', opened: 'Opened by you' } as const;

/**
 * The saved-pages page (views/pages/saved.eta): every discussion this device can show offline,
 * found as the worker would find it (in its pages cache, within the age limit unless pinned), with
 * when and how it was saved and its size; then what storage it all takes.
 */
export async function showSavedPages(): Promise<void> {
  const section = document.querySelector<HTMLElement>('[data-saved-pages]');
  if (!section || !('caches' in window)) return;
  offerReadAheadSwitch(section);
  await renderList(section);
}

/** The discussions that open offline now, most recently saved first. */
export async function readableOffline(maxAgeMs: number, now = Date.now()): Promise<SavedPageInfo[]> {
  if (!(await caches.has(PAGES_CACHE))) return [];
  const cache = await caches.open(PAGES_CACHE);
  const found: SavedPageInfo[] = [];
  for (const request of await cache.keys()) {
    if (!DISCUSSION_PATH.test(new URL(request.url).pathname)) continue;
    const response = await cache.match(request, { ignoreVary: true });
    // Only the headers are read; an unread body would keep the entry open in the browser.
    await response?.body?.cancel();
    if (!response) continue;
    const address = new URL(request.url);
    // Each page of a huge discussion is its own copy ("Huge (page 2)"): its link lands on that page.
    const info = { ...describeSavedPage(request.url, response), path: address.pathname + address.search };
    if (isShownOffline(info, maxAgeMs, now)) found.push(info);
  }
  return found.sort((a, b) => b.savedAt - a.savedAt);
}

async function renderList(section: HTMLElement): Promise<void> {
  const list = section.querySelector<HTMLElement>('[data-saved-list]');
  const empty = section.querySelector<HTMLElement>('[data-saved-empty]');
  const summary = section.querySelector<HTMLElement>('[data-saved-summary]');
  if (!list || !empty || !summary) return;
  const discussions = await readableOffline(Number(section.dataset.maxAgeMs));
  list.replaceChildren(...discussions.map((discussion) => item(discussion, () => renderList(section))));
  list.hidden = discussions.length === 0;
  empty.hidden = discussions.length > 0;
  const total = discussions.reduce((sum, discussion) => sum + (discussion.size ?? 0), 0);
  const readAhead = discussions
    .filter((discussion) => discussion.kind === 'read-ahead' && !discussion.pinned)
    .reduce((sum, discussion) => sum + (discussion.size ?? 0), 0);
  const budget = formatBytes(Number(section.dataset.readAheadBudget));
  const count = discussions.length === 1 ? '1 discussion' : `${discussions.length} discussions`;
  summary.textContent = `${count}, ${formatBytes(total)}; read-ahead copies take ${formatBytes(readAhead)} of the ${budget} they may use.`;
  await showStorage(section, total);
}

function item(discussion: SavedPageInfo, changed: () => Promise<void>): HTMLLIElement {
  const how = discussion.pinned ? 'pinned' : discussion.kind;
  const entry = document.createElement('li');
  entry.dataset.how = how;
  const link = document.createElement('a');
  link.href = discussion.path;
  link.textContent = discussion.title;
  const when = document.createElement('time');
  when.dateTime = isoTime(discussion.savedAt);
  when.textContent = timeAgo(discussion.savedAt);
  const meta = document.createElement('span');
  meta.className = 'meta';
  const size = discussion.size === null ? '' : ` · ${formatBytes(discussion.size)}`;
  meta.append(` · ${HOW_SAVED[how]} · saved `, when, size);
  entry.append(link, meta);
  if (discussion.pinned) entry.append(' ', removeButton(discussion.path, changed));
  return entry;
}

function removeButton(path: string, changed: () => Promise<void>): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'link-button';
  button.textContent = 'Remove from saved';
  button.addEventListener('click', async () => {
    button.disabled = true;
    await askWorker<PinReply>({ type: 'unpin', path }, UNPIN_TIMEOUT_MS);
    await changed();
  });
  return button;
}
