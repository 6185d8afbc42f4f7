import type { OutboxItem } from '../../shared/outbox-store.ts';
import { moveFocusTo } from './focus.ts';
import { openReplyForm } from './reply-forms.ts';
import { letGo } from './sending.ts';

/**
 * A write the server refused (400/422) goes back into the form it came from,
 * with what was typed and the server's message, as the page without
 * JavaScript shows it (views/partials/form-error.eta): the outbox is for
 * writes waiting for the network, not for mistakes to correct.
 */

/** Which field a message is about, by the label it starts with (app/domain/validation.ts words them so). */
const FIELD_OF_MESSAGE: [RegExp, string][] = [
  [/^Title\b/, 'title'],
  [/^Link\b/, 'url'],
  [/^(Text\b|Add a link)/, 'text'],
  [/^Comment\b/, 'body'],
];
const TYPED_FIELDS = ['title', 'url', 'text', 'body'];

let errors = 0;
/** Items already put back, while their removal from the outbox is being committed. */
const returned = new Set<string>();

/**
 * Puts `item` back into its form: the one that sent it if it is still waiting for the answer,
 * else the form on this page that writes such things, if nothing else is being typed in it.
 * Returns false when there is no such form; the item then stays in the outbox, shown as a mark.
 */
export function putBack(item: OutboxItem): boolean {
  if (returned.has(item.key)) return true;
  const form = letGo(item.key) ?? freeFormFor(item);
  if (!form) return false;
  returned.add(item.key);
  for (const name of TYPED_FIELDS) {
    const field = fieldOf(form, name);
    if (field && item.fields[name] !== undefined) field.value = item.fields[name];
  }
  showFormError(form, item.error ?? 'The server refused this.');
  return true;
}

function fieldOf(form: HTMLFormElement, name: string): HTMLInputElement | HTMLTextAreaElement | null {
  const field = form.elements.namedItem(name);
  return field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement ? field : null;
}

function freeFormFor(item: OutboxItem): HTMLFormElement | null {
  const form =
    item.kind === 'discussion'
      ? document.querySelector<HTMLFormElement>('form[data-outbox="discussion"]')
      : (replyFormFor(item.fields.parentId) ??
        document.querySelector<HTMLFormElement>('form.comment-form:not(.inline-reply)'));
  const typedElsewhere = TYPED_FIELDS.some((name) => {
    const value = form ? fieldOf(form, name)?.value : '';
    return value && value !== item.fields[name];
  });
  return form && !typedElsewhere ? form : null;
}

/** A refused reply goes under its comment, in a reply form opened there unless one is being written. */
function replyFormFor(parentId: string | undefined): HTMLFormElement | null {
  const head = parentId ? document.querySelector(`#c${parentId} > .item-head`) : null;
  if (!head) return null;
  const open = document.querySelector<HTMLFormElement>('form.inline-reply');
  if (open?.querySelector('textarea')?.value) return null;
  return openReplyForm(head, { id: parentId });
}

/** The server's message at the top of the form, tied to the field it is about, which gets focus. */
export function showFormError(form: HTMLFormElement, message: string): void {
  clearFormError(form);
  errors += 1;
  const error = Object.assign(document.createElement('p'), {
    className: 'form-error',
    id: `form-error-${errors}`,
    textContent: message,
  });
  error.setAttribute('role', 'alert');
  form.prepend(error);
  const named = FIELD_OF_MESSAGE.find(([pattern]) => pattern.test(message))?.[1];
  const field =
    (named && fieldOf(form, named)) ??
    form.querySelector<HTMLElement>('textarea, input:not([type="hidden"])');
  if (!field) return;
  field.setAttribute('aria-invalid', 'true');
  field.setAttribute('aria-describedby', error.id);
  moveFocusTo(field);
}

/** Before a form is sent again: the previous refusal no longer applies. */
export function clearFormError(form: HTMLFormElement): void {
  form.querySelector(':scope > .form-error')?.remove();
  for (const field of form.querySelectorAll('[aria-invalid]')) {
    field.removeAttribute('aria-invalid');
    field.removeAttribute('aria-describedby');
  }
}
