import { change, type OutboxItem } from '../../shared/outbox-store.ts';
import { clearFormError } from './refused.ts';
import { sendFrom } from './sending.ts';
import { castVote } from './votes.ts';

/**
 * With JavaScript, comments, replies, new discussions and votes are not
 * posted by the browser but put in the outbox and delivered from there —
 * online too, so they keep their order and nothing is lost if the network
 * drops mid-request. Without JavaScript the same forms post as usual.
 */
export function queueWrites(
  deliver: () => Promise<unknown>,
  reshow: () => void,
  writtenHere: Set<string>,
): void {
  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || event.defaultPrevented) return;
    const kind = form.classList.contains('vote-form') ? 'vote' : form.dataset.outbox;
    const user = document.body.dataset.user;
    if ((kind !== 'vote' && kind !== 'comment' && kind !== 'discussion') || !user) return;
    event.preventDefault();
    // A second click while the first is being sent would write it twice.
    if (form.getAttribute('aria-busy') === 'true') return;
    const fields = Object.fromEntries(new FormData(form)) as Record<string, string>;
    delete fields._csrf;
    const action = new URL(form.action).pathname;
    if (kind === 'vote') {
      void castVote(action, fields.direction ?? '', user).then((toSend) => toSend && deliver());
      return;
    }
    const item: OutboxItem = {
      key: crypto.randomUUID(),
      kind,
      action,
      fields,
      // A comment shows in its discussion (a reply page sends the person there); a discussion where written.
      page: kind === 'comment' ? action.replace(/\/comments$/, '') : location.pathname,
      user,
      state: 'waiting',
      tries: 0,
    };
    if (form.dataset.parentKey) item.parentKey = form.dataset.parentKey;
    writtenHere.add(item.key);
    clearFormError(form);
    void change((_items, store) => store.add(item)).then(() => sendFrom(form, item, deliver, reshow));
  });
}
