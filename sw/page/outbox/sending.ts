import { type OutboxItem, readOutbox } from '../../shared/outbox-store.ts';
import { seemsOnline } from '../connection.ts';
import { focusWhenShown } from './focus.ts';

/**
 * While the network is there, a write stays in the form that made it until
 * the server answers, as a form post would: accepted, it becomes the real
 * thing; refused, the form still holds what was typed and shows why. Only a
 * write the network cannot deliver now (offline, or no answer within
 * HOLD_MS) leaves the form for the outbox, shown as waiting.
 */

/** Past this, an unanswered write is shown as waiting in the outbox rather than as a busy form. */
const HOLD_MS = 3000;

interface Held {
  form: HTMLFormElement;
  item: OutboxItem;
  timer: ReturnType<typeof setTimeout>;
  reshow: () => void;
}

const held = new Map<string, Held>();

export const isHeld = (key: string): boolean => held.has(key);

/** `deliver` resolves once a delivery run is over; `reshow` redraws the outbox's marks. */
export function sendFrom(
  form: HTMLFormElement,
  item: OutboxItem,
  deliver: () => Promise<unknown>,
  reshow: () => void,
): void {
  if (!seemsOnline()) {
    handOver(form, item);
    reshow();
    return;
  }
  form.setAttribute('aria-busy', 'true');
  const timer = setTimeout(() => handOverHeld(item.key), HOLD_MS);
  held.set(item.key, { form, item, timer, reshow });
  void deliver().then(async () => {
    // Accepted items are taken care of by landing.ts; one refused is shown by showPending.
    const now = (await readOutbox().catch(() => [])).find((candidate) => candidate.key === item.key);
    if (now?.state === 'waiting') handOverHeld(item.key);
  });
}

/** The form that holds `key` stops waiting for it and is returned, as it is, to whoever settles it. */
export function letGo(key: string): HTMLFormElement | undefined {
  const entry = held.get(key);
  if (!entry) return undefined;
  held.delete(key);
  clearTimeout(entry.timer);
  entry.form.removeAttribute('aria-busy');
  return entry.form;
}

/** The item went to the server: the form stays as it is (busy) until what was written is shown. */
export function heldFormOf(key: string): HTMLFormElement | undefined {
  const entry = held.get(key);
  if (entry) clearTimeout(entry.timer);
  return entry?.form;
}

/** Hands a held item to the outbox: its form empties, and its mark shows it waiting (or why it cannot go). */
export function handOverHeld(key: string): void {
  const entry = held.get(key);
  if (!entry) return;
  letGo(key);
  handOver(entry.form, entry.item);
  entry.reshow();
}

function handOver(form: HTMLFormElement, item: OutboxItem): void {
  // A reply page sends the person to the discussion, where the reply shows while it waits.
  if (item.page !== location.pathname) {
    location.assign(item.page);
    return;
  }
  focusWhenShown(item.key);
  if (form.classList.contains('inline-reply')) form.remove();
  else form.reset();
}
