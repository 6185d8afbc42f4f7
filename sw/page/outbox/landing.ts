import type { AcceptedWrite } from '../../../app/domain/json-shapes.ts';
import type { OutboxItem } from '../../shared/outbox-store.ts';
import { containerFor, landedMarks, markOf } from './marks.ts';
import { showVote, voteWidget } from './votes.ts';

/**
 * When an item reaches the server (from this tab, another tab or the worker),
 * its mark becomes the real thing without a reload: a vote shows the server's
 * score; a comment's mark is replaced by the comment as the discussion now
 * renders it (one fetch of the discussion for every burst of deliveries); a discussion
 * written in this page opens, as the form would have.
 */

/** Waits for a burst of deliveries to end, so many comments cost one fetch of the discussion. */
const SWAP_DELAY_MS = 100;
/** When the discussion could not be fetched (the network dropped again), try again this much later. */
const SWAP_RETRY_MS = 2000;

const landedComments = new Map<string, { item: OutboxItem; id: number }>();
let swapTimer: ReturnType<typeof setTimeout> | undefined;

export function onLanded(
  item: OutboxItem,
  result: AcceptedWrite,
  writtenHere: Set<string>,
  reshow: () => void,
) {
  if (item.kind === 'vote') {
    const widget = voteWidget(item.action);
    if (widget && 'vote' in result) showVote(widget, result.vote, result.score);
    return;
  }
  if (item.kind === 'discussion' && writtenHere.has(item.key)) {
    location.assign(result.url);
    return;
  }
  if (item.page !== location.pathname) return;
  const mark = markOf(item.key);
  if (mark) {
    // Until the real comment is in place, the mark says it was posted and links to it.
    const link = Object.assign(document.createElement('a'), { href: result.url, textContent: 'Posted' });
    mark.querySelector('.outbox-status')?.replaceChildren(link);
    mark.querySelector('.actions')?.remove();
    mark.dataset.state = 'landed';
    landedMarks.add(item.key);
  }
  if (item.kind !== 'comment' || !('id' in result)) return;
  landedComments.set(item.key, { item, id: result.id });
  swapSoon(reshow, SWAP_DELAY_MS);
}

function swapSoon(reshow: () => void, delay: number): void {
  clearTimeout(swapTimer);
  swapTimer = setTimeout(() => void swapInRealComments(reshow), delay);
}

async function swapInRealComments(reshow: () => void): Promise<void> {
  const batch = [...landedComments];
  let discussion: Document;
  try {
    const response = await fetch(location.pathname, { cache: 'no-cache' });
    if (!response.ok) return; // The discussion is gone or failing: the "Posted" links stay.
    discussion = new DOMParser().parseFromString(await response.text(), 'text/html');
  } catch {
    // Offline again: meanwhile the marks say "Posted" and link to the comments.
    swapSoon(reshow, SWAP_RETRY_MS);
    return;
  }
  for (const [key, { item, id }] of batch) {
    landedComments.delete(key);
    landedMarks.delete(key);
    const mark = markOf(key);
    const real = document.getElementById(`c${id}`) ? null : discussion.getElementById(`c${id}`);
    if (!real) mark?.remove();
    else if (mark) mark.replaceWith(document.adoptNode(real));
    // Its mark may already be gone (another tab delivered it while this one redrew): put it where it belongs.
    else containerFor(item)?.append(document.adoptNode(real));
  }
  // Replies still waiting on a comment that just landed now go under the real one.
  reshow();
}
