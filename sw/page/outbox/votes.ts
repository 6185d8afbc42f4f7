import { change, type OutboxItem } from '../../shared/outbox-store.ts';

/**
 * A vote looks like a vote at once, sent or not: the arrow is pressed and the
 * score moves when it is cast, and a small mark says it has not reached the
 * server yet. Clicking the pressed arrow again while it waits takes it back.
 * The widget remembers what the server last said (data-vote, data-score), so
 * what is shown is always that plus whatever vote is still waiting.
 */

const VALUE: Record<string, number> = { up: 1, down: -1, none: 0 };

/** A vote widget (views/partials/vote.eta) for the form action it posts to. */
export function voteWidget(action: string): HTMLElement | null {
  return document.querySelector(`.vote[data-vote-for="${action}"]`);
}

/** What the server last said about this widget: read from the page as rendered, then kept current. */
function sentState(widget: HTMLElement): { vote: number; score: number } {
  widget.dataset.vote ??= String(
    widget.querySelector('.up.active') ? 1 : widget.querySelector('.down.active') ? -1 : 0,
  );
  widget.dataset.score ??= widget.querySelector('.score')?.textContent?.trim() ?? '0';
  return { vote: Number(widget.dataset.vote), score: Number(widget.dataset.score) || 0 };
}

/**
 * Shows a vote as the server would render it: which button is pressed, what
 * the next click sends, and the score.
 */
export function showVote(widget: HTMLElement, vote: number, score?: number): void {
  for (const button of widget.querySelectorAll('button')) {
    const up = button.classList.contains('up');
    const active = vote === (up ? 1 : -1);
    const direction = button.form?.elements.namedItem('direction') as HTMLInputElement | null;
    if (direction) direction.value = active ? 'none' : up ? 'up' : 'down';
    button.classList.toggle('active', active);
    button.setAttribute('aria-pressed', String(active));
    const what = (button.getAttribute('aria-label') ?? '').replace(/^(Remove )?\w+ /, '');
    const verb = active ? `Remove ${up ? 'upvote' : 'downvote'}` : up ? 'Upvote' : 'Downvote';
    button.setAttribute('aria-label', `${verb} ${what}`);
  }
  const shown = widget.querySelector('.score');
  if (score === undefined || !shown) return;
  shown.textContent = String(score);
  // Said in words by the unit beside the number (views/partials/vote.eta), never by an aria-label
  // on the span, which screen readers may ignore (axe: aria-prohibited-attr).
  const unit = widget.querySelector('.score-unit');
  if (unit) unit.textContent = ` ${score === 1 ? 'point' : 'points'}`;
}

/** The server's answer to a delivered vote becomes what the widget knows as sent. */
export function voteLanded(action: string, vote: number, score: number): void {
  const widget = voteWidget(action);
  if (!widget) return;
  widget.dataset.vote = String(vote);
  widget.dataset.score = String(score);
  showVote(widget, vote, score);
}

const pendingNote = (item: OutboxItem) =>
  item.state === 'login'
    ? 'Your vote is not sent: your session has ended. Log in to send it.'
    : 'Your vote is not sent yet. It will be sent when you are back online.';

/** Shows `widget` as sent, plus `pending` when a vote on it is still in the outbox. */
export function renderVote(widget: HTMLElement, pending: OutboxItem | undefined): void {
  const sent = sentState(widget);
  const vote = pending ? (VALUE[pending.fields.direction ?? ''] ?? 0) : sent.vote;
  showVote(widget, vote, sent.score - sent.vote + vote);
  let mark = widget.querySelector<HTMLElement>(':scope > .vote-pending');
  if (!pending) {
    mark?.remove();
    delete widget.dataset.pending;
    for (const button of widget.querySelectorAll('button')) button.removeAttribute('aria-describedby');
    return;
  }
  if (!mark) {
    mark = Object.assign(document.createElement('span'), { className: 'vote-pending' });
    mark.id = `pending-${pending.action.replace(/\W+/g, '-')}`;
    mark.append(Object.assign(document.createElement('span'), { className: 'visually-hidden' }));
    widget.querySelector('.score')?.after(mark);
  }
  const note = pendingNote(pending);
  mark.title = note;
  (mark.firstElementChild as HTMLElement).textContent = note;
  widget.dataset.pending = pending.state;
  for (const button of widget.querySelectorAll('button')) button.setAttribute('aria-describedby', mark.id);
}

/**
 * Votes waiting in the outbox, shown on their widgets; widgets whose vote is no longer waiting
 * (sent, or cancelled in another tab) go back to what the server said. A vote the server refused
 * or whose item is gone has nothing worth keeping: it is dropped and the widget shows the truth.
 */
export function showPendingVotes(items: OutboxItem[]): void {
  const votes = items.filter((item) => item.kind === 'vote');
  const dropped = votes.filter((item) => item.state === 'invalid' || item.state === 'gone');
  if (dropped.length > 0) {
    void change((_items, store) => {
      for (const item of dropped) store.delete(item.seq as number);
    });
  }
  for (const widget of document.querySelectorAll<HTMLElement>('.vote[data-vote-for]')) {
    const pending = votes.find((item) => item.action === widget.dataset.voteFor && !dropped.includes(item));
    if (pending || widget.dataset.pending) renderVote(widget, pending);
  }
}

/**
 * A vote cast with JavaScript: it replaces any vote on the same thing still waiting (only the last
 * choice matters), and a choice that brings the vote back to what the server has cancels the
 * waiting one instead of sending anything. Resolves true when there is something to deliver.
 */
export async function castVote(action: string, direction: string, user: string): Promise<boolean> {
  const widget = voteWidget(action);
  const wanted = VALUE[direction] ?? 0;
  const undo = widget !== null && wanted === sentState(widget).vote;
  const item: OutboxItem = {
    key: crypto.randomUUID(),
    kind: 'vote',
    action,
    fields: { direction },
    page: location.pathname,
    user,
    state: 'waiting',
    tries: 0,
  };
  await change((items, store) => {
    for (const old of items) {
      if (old.kind === 'vote' && old.action === action) store.delete(old.seq as number);
    }
    if (!undo) store.add(item);
  });
  if (widget) renderVote(widget, undo ? undefined : item);
  return !undo;
}
