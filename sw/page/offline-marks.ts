import type { ReadableOfflineReply } from '../shared/page-worker-messages.ts';
import { onConnectionChange, seemsOnline } from './connection.ts';
import { savedCopyTime } from './saved-copy.ts';
import { askWorker } from './worker-channel.ts';

/** The worker reads only metadata to answer: quick, or not worth waiting for. */
const ANSWER_TIMEOUT_MS = 5000;

const MARKS = {
  readable: { className: 'offline-readable', text: 'Saved — readable offline' },
  missing: { className: 'offline-missing', text: 'Not saved — needs a connection' },
} as const;

/**
 * On the saved copy of a listing shown offline, each discussion says whether it can be read now:
 * the worker says which links open offline; the others are marked, so that nobody follows a link
 * only to find the offline page. The marks go when the connection comes back.
 */
export async function markReadableOffline(): Promise<void> {
  const items = [...document.querySelectorAll<HTMLElement>('.post-list .post-summary')];
  if (items.length === 0 || savedCopyTime() === undefined) return;
  const pathOf = (item: HTMLElement) => item.querySelector('a.post-title')?.getAttribute('href') ?? '';
  const reply = await askWorker<ReadableOfflineReply>(
    { type: 'which-readable-offline', paths: items.map(pathOf) },
    ANSWER_TIMEOUT_MS,
  );
  if (!reply || seemsOnline()) return;
  const readable = new Set(reply.paths);
  const marks = items.map((item) => mark(item, readable.has(pathOf(item)) ? MARKS.readable : MARKS.missing));
  onConnectionChange(() => {
    if (!seemsOnline()) return;
    for (const remove of marks) remove();
  });
}

/** Marks one listed discussion; returns what takes the mark away. */
function mark(item: HTMLElement, how: (typeof MARKS)[keyof typeof MARKS]): () => void {
  const badge = document.createElement('span');
  badge.className = 'offline-mark';
  badge.textContent = how.text;
  item.classList.add(how.className);
  item.querySelector('.meta')?.append(' · ', badge);
  return () => {
    item.classList.remove(how.className);
    badge.previousSibling?.remove();
    badge.remove();
  };
}
