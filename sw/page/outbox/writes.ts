import { change, type OutboxItem } from '../../shared/outbox-store.ts';
import { showVote, voteWidget } from './votes.ts';

/**
 * With JavaScript, comments, replies, new discussions and votes are not
 * posted by the browser but put in the outbox and delivered from there —
 * online too, so they keep their order and nothing is lost if the network
 * drops mid-request. Without JavaScript the same forms post as usual.
 */
export function queueWrites(deliver: () => void, writtenHere: Set<string>): void {
  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || event.defaultPrevented) return;
    const kind = form.classList.contains('vote-form') ? 'vote' : form.dataset.outbox;
    const user = document.body.dataset.user;
    if ((kind !== 'vote' && kind !== 'comment' && kind !== 'discussion') || !user) return;
    event.preventDefault();
    const fields = Object.fromEntries(new FormData(form)) as Record<string, string>;
    delete fields._csrf;
    const action = new URL(form.action).pathname;
    const item: OutboxItem = {
      key: crypto.randomUUID(),
      kind,
      action,
      fields,
      // A comment shows in its discussion (a reply page sends the person there); the rest where written.
      page: kind === 'comment' ? action.replace(/\/comments$/, '') : location.pathname,
      user,
      state: 'waiting',
      tries: 0,
    };
    if (form.dataset.parentKey) item.parentKey = form.dataset.parentKey;
    writtenHere.add(item.key);
    void queue(item).then(() => {
      const widget = kind === 'vote' ? voteWidget(action) : null;
      if (widget) showVote(widget, { up: 1, down: -1 }[fields.direction ?? ''] ?? 0);
      if (form.classList.contains('inline-reply')) form.remove();
      else form.reset();
      if (item.page === location.pathname) deliver();
      else location.assign(item.page);
    });
  });
}

/** A newer vote on the same thing replaces one still waiting: only the last choice matters. */
function queue(item: OutboxItem): Promise<unknown> {
  return change((items, store) => {
    for (const old of items) {
      if (item.kind === 'vote' && old.kind === 'vote' && old.action === item.action)
        store.delete(old.seq as number);
    }
    store.add(item);
  });
}
