import { cancelItem, type OutboxItem, readOutbox, updateItem } from '../../shared/outbox-store.ts';
import { seemsOnline } from '../connection.ts';
import { focusIfAsked } from './focus.ts';
import { putBack } from './refused.ts';
import { openReplyForm } from './reply-forms.ts';
import { handOverHeld, isHeld } from './sending.ts';
import { showPendingVotes } from './votes.ts';

/**
 * Shows each comment or discussion waiting in the outbox where it was written
 * — a comment at the end of the discussion, a reply under its parent — marked
 * as waiting, with its text readable and copyable and a way to cancel it.
 * Votes show on their widgets (votes.ts); a write the server refused goes
 * back into its form (refused.ts). Re-run after every change to the outbox;
 * it only touches marks whose state changed, so text being edited in a mark
 * is left alone.
 */

export const WAITING = "Waiting to send — will post when you're back online";
const FIELD_LABELS: Record<string, string> = {
  title: 'Title',
  url: 'Link',
  text: 'Text',
  body: 'Your comment',
};

/** Marks of items that reached the server, kept on screen until the real comment replaces them. */
export const landedMarks = new Set<string>();

export const markOf = (key: string) => document.querySelector<HTMLElement>(`[data-outbox-key="${key}"]`);

export async function showPending(deliver: () => void): Promise<void> {
  const me = document.body.dataset.user;
  const all = await readOutbox();
  const mine = all.filter((item) => !me || item.user === me);
  showPendingVotes(mine);
  const marked: OutboxItem[] = [];
  for (const item of mine) {
    const here = item.page === location.pathname;
    // A reply page's form holds its reply while it is sent, though the reply shows in the discussion.
    if (item.kind === 'vote' || (!here && !isHeld(item.key))) continue;
    // Still being sent from its form, which shows it meanwhile.
    if (isHeld(item.key) && item.state === 'waiting') continue;
    // Its replies wait on it, so a refused comment with replies stays in the outbox, to be corrected there.
    if (item.state === 'invalid' && !all.some((reply) => reply.parentKey === item.key) && putBack(item)) {
      void cancelItem(item.key);
      continue;
    }
    handOverHeld(item.key);
    if (here) marked.push(item);
  }
  for (const mark of document.querySelectorAll<HTMLElement>('[data-outbox-key]')) {
    const key = mark.dataset.outboxKey ?? '';
    if (!landedMarks.has(key) && !marked.some((item) => item.key === key)) mark.remove();
  }
  for (const item of marked) place(item, deliver);
}

function place(item: OutboxItem, deliver: () => void): void {
  let mark = markOf(item.key);
  if (!mark) {
    mark = document.createElement(item.kind === 'comment' ? 'li' : 'div');
    mark.className = 'outbox-item';
    mark.dataset.outboxKey = item.key;
    mark.append(document.createElement('div'));
    if (item.kind === 'comment')
      mark.append(Object.assign(document.createElement('ol'), { className: 'comment-tree' }));
    (containerFor(item) ?? document.querySelector('main'))?.append(mark);
  }
  const signature = [item.state, item.tries > 0, item.error, seemsOnline()].join();
  if (mark.dataset.signature !== signature) {
    mark.dataset.signature = signature;
    mark.dataset.state = item.state;
    mark.firstElementChild?.replaceChildren(...markContent(item, mark, deliver));
  }
  focusIfAsked(item.key, mark);
}

/** Where a comment belongs: under its parent (waiting or real), or at the end of the discussion's comments. */
export function containerFor(item: OutboxItem): Element | null {
  if (item.parentKey) return document.querySelector(`[data-outbox-key="${item.parentKey}"] > ol`);
  const parent = item.fields.parentId ? document.getElementById(`c${item.fields.parentId}`) : null;
  if (!parent) return document.querySelector('[data-outbox-pending]');
  return (
    parent.querySelector(':scope > ol.comment-tree') ??
    parent.appendChild(Object.assign(document.createElement('ol'), { className: 'comment-tree' }))
  );
}

function statusOf(item: OutboxItem): string {
  if (item.state === 'login') return 'Your session has ended. ';
  if (item.state === 'gone') {
    const what = item.action.startsWith('/comments/') ? 'comment' : 'discussion';
    return `The ${what} was deleted. Copy your text if you want to keep it.`;
  }
  if (item.state === 'invalid') return item.error ?? 'The server refused this.';
  return seemsOnline() && item.tries === 0 ? 'Sending…' : WAITING;
}

function writtenText(item: OutboxItem): string {
  const { title, url, text, body } = item.fields;
  return [title, url, text, body].filter(Boolean).join('\n\n');
}

function button(label: string, onClick: () => void): HTMLButtonElement {
  const made = Object.assign(document.createElement('button'), { type: 'button', textContent: label });
  made.className = 'link-button';
  made.addEventListener('click', onClick);
  return made;
}

function markContent(item: OutboxItem, mark: HTMLElement, deliver: () => void): Node[] {
  const status = Object.assign(document.createElement('p'), { className: 'outbox-status' });
  status.textContent = statusOf(item);
  if (item.state === 'login') {
    const login = Object.assign(document.createElement('a'), { textContent: 'Log in to send' });
    login.href = `/login?next=${encodeURIComponent(item.page)}`;
    status.append(login);
  }
  const editable = item.state === 'invalid';
  const nodes: Node[] = [status];
  if (editable) {
    for (const [name, value] of Object.entries(item.fields)) {
      if (!FIELD_LABELS[name]) continue;
      const id = `${item.key}-${name}`;
      const label = Object.assign(document.createElement('label'), {
        htmlFor: id,
        textContent: FIELD_LABELS[name],
      });
      nodes.push(label, Object.assign(document.createElement('textarea'), { id, name, value }));
    }
  } else {
    nodes.push(
      Object.assign(document.createElement('p'), {
        className: 'outbox-text',
        textContent: writtenText(item),
      }),
    );
  }
  const actions = Object.assign(document.createElement('p'), { className: 'actions' });
  if (editable) {
    actions.append(
      button('Retry', async () => {
        const fields = { ...item.fields };
        for (const area of mark.querySelectorAll('textarea')) fields[area.name] = area.value;
        await updateItem(item.key, { fields, state: 'waiting', error: undefined, tries: 0 });
        deliver();
      }),
    );
  }
  if (item.kind === 'comment' && (item.state === 'waiting' || item.state === 'login')) {
    const reply = button('Reply', () =>
      openReplyForm(status.parentElement ?? mark, { key: item.key }, reply),
    );
    actions.append(reply);
  }
  actions.append(button('Cancel', () => void cancelItem(item.key)));
  nodes.push(actions);
  return nodes;
}
