import type { AcceptedWrite } from '../../../app/domain/json-shapes.ts';
import type { OutboxItem } from '../../shared/outbox-store.ts';
import { focusIsFreeOr, moveFocusTo } from './focus.ts';
import { containerFor, landedMarks, markOf } from './marks.ts';
import { heldFormOf, letGo } from './sending.ts';
import { voteLanded } from './votes.ts';

/**
 * When an item reaches the server (from this tab, another tab or the worker),
 * what shows it becomes the real thing without a reload: a vote shows the
 * server's score; a comment's mark (or the form it was sent from) gives way to
 * the comment as the discussion now renders it, in the place a reload would
 * show it, with the discussion's comment count (one fetch of the discussion
 * for every burst of deliveries); a discussion written in this page opens, as
 * the form would have.
 */

/** Waits for a burst of deliveries to end, so many comments cost one fetch of the discussion. */
const SWAP_DELAY_MS = 100;
/** When the discussion could not be fetched (the network dropped again), try again this much later. */
const SWAP_RETRY_MS = 2000;

const landedComments = new Map<string, { item: OutboxItem; id: number; url: string }>();
let swapTimer: ReturnType<typeof setTimeout> | undefined;

export function onLanded(
  item: OutboxItem,
  result: AcceptedWrite,
  writtenHere: Set<string>,
  reshow: () => void,
) {
  if (item.kind === 'vote') {
    if ('vote' in result) voteLanded(item.action, result.vote, result.score);
    return;
  }
  const sentFromHere = heldFormOf(item.key) !== undefined;
  // As a form post would: a new discussion opens, and a reply page goes to the reply.
  if (
    (item.kind === 'discussion' && writtenHere.has(item.key)) ||
    (sentFromHere && item.page !== location.pathname)
  ) {
    location.assign(result.url);
    return;
  }
  if (item.page !== location.pathname) return;
  const mark = markOf(item.key);
  if (mark) showPosted(mark, result.url);
  if (item.kind !== 'comment' || !('id' in result)) return;
  landedComments.set(item.key, { item, id: result.id, url: result.url });
  swapSoon(reshow, SWAP_DELAY_MS);
}

/** Until the real comment is in place, the mark says it was posted and links to it. */
function showPosted(mark: HTMLElement, url: string): void {
  const link = Object.assign(document.createElement('a'), { href: url, textContent: 'Posted' });
  mark.querySelector('.outbox-status')?.replaceChildren(link);
  mark.querySelector('.actions')?.remove();
  mark.dataset.state = 'landed';
  landedMarks.add(mark.dataset.outboxKey ?? '');
}

function swapSoon(reshow: () => void, delay: number): void {
  clearTimeout(swapTimer);
  swapTimer = setTimeout(() => void swapInRealComments(reshow), delay);
}

async function swapInRealComments(reshow: () => void): Promise<void> {
  const batch = [...landedComments];
  let discussion: Document | undefined;
  try {
    const response = await fetch(location.pathname + location.search, { cache: 'no-cache' });
    // The discussion is gone or failing: the "Posted" links stay.
    if (response.ok) discussion = new DOMParser().parseFromString(await response.text(), 'text/html');
    else landedComments.clear();
  } catch {
    // Offline again: a later try swaps them in.
    swapSoon(reshow, SWAP_RETRY_MS);
  }
  if (!discussion) {
    for (const [key, { item, url }] of batch) showPostedInsteadOfForm(key, item, url);
    return;
  }
  for (const [key, { item, id, url }] of batch) {
    landedComments.delete(key);
    const alreadyHere = document.getElementById(`c${id}`) !== null;
    const real = alreadyHere ? null : discussion.getElementById(`c${id}`);
    // Shown on another page of a long discussion: its "Posted" link says where.
    if (!real && !alreadyHere) {
      showPostedInsteadOfForm(key, item, url);
      continue;
    }
    landedMarks.delete(key);
    const mark = markOf(key);
    const form = letGo(key);
    const focusFollows = focusIsFreeOr(mark, form);
    mark?.remove();
    if (form) release(form);
    if (!real) continue;
    const container = containerOf(real) ?? containerFor(item);
    const placed = document.adoptNode(real);
    placeComment(placed, container);
    if (focusFollows) moveFocusTo(placed);
  }
  const count = discussion.querySelector('[data-comment-count]')?.textContent;
  const shown = document.querySelector('[data-comment-count]');
  if (count && shown) shown.textContent = count;
  // Replies still waiting on a comment that just landed now go under the real one.
  reshow();
}

/** A form still holding a comment that was posted lets go of it; a mark says "Posted" and links to it. */
function showPostedInsteadOfForm(key: string, item: OutboxItem, url: string): void {
  const form = letGo(key);
  if (!form) return;
  const mark = Object.assign(document.createElement('li'), { className: 'outbox-item' });
  mark.dataset.outboxKey = key;
  mark.append(Object.assign(document.createElement('p'), { className: 'outbox-status' }));
  containerFor(item)?.append(mark);
  showPosted(mark, url);
  release(form);
  moveFocusTo(mark);
}

/** The form that sent a comment now shown: emptied, or gone if it was a reply form opened for it. */
function release(form: HTMLFormElement): void {
  if (form.classList.contains('inline-reply')) form.remove();
  else form.reset();
}

/** The list on this page that holds what holds `comment` in the discussion as the server renders it. */
function containerOf(comment: Element): Element | null {
  const parent = comment.parentElement?.closest('li.comment');
  if (!parent) return document.querySelector('[data-outbox-pending]');
  const here = document.getElementById(parent.id);
  if (!here) return null;
  return (
    here.querySelector(':scope > ol.comment-tree') ??
    here.appendChild(Object.assign(document.createElement('ol'), { className: 'comment-tree' }))
  );
}

/** In id order among the comments already there, before anything still waiting to be sent. */
function placeComment(comment: HTMLElement, container: Element | null): void {
  if (!container) return;
  const id = Number(comment.dataset.commentId);
  const next = [...container.children].find(
    (sibling) =>
      (sibling.matches('li.outbox-item') &&
        !landedMarks.has((sibling as HTMLElement).dataset.outboxKey ?? '')) ||
      Number((sibling as HTMLElement).dataset.commentId) > id,
  );
  container.insertBefore(comment, next ?? null);
}
