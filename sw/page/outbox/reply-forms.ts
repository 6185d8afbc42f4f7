/**
 * Replies are written in the discussion, under the comment, instead of on the
 * separate reply page: that page may not be saved for offline reading, and a
 * comment still waiting in the outbox has no reply page at all. The form is a
 * copy of the discussion's own comment form, so the outbox sends it the same way.
 */

import { askInDialog } from '../confirm-dialog.ts';

/** What opened each inline reply form, so closing it puts focus back where the person was. */
const openers = new WeakMap<HTMLFormElement, HTMLElement>();

/**
 * `parent` is a real comment's id, or the outbox key of one still waiting to be sent; `opener` is
 * the Reply control that asked for the form, if a person did.
 */
export function openReplyForm(
  after: Element,
  parent: { id?: string; key?: string },
  opener?: HTMLElement,
): HTMLFormElement | null {
  const template = document.querySelector<HTMLFormElement>('form.comment-form:not(.inline-reply)');
  if (!template) return null;
  document.querySelector('form.inline-reply')?.remove();
  const form = template.cloneNode(true) as HTMLFormElement;
  form.classList.add('inline-reply');
  // Only the form itself is copied, not what it is going through (a refusal shown, a post being sent).
  form.removeAttribute('aria-busy');
  for (const copied of form.querySelectorAll('.hint, .form-error')) copied.remove();
  const text = form.querySelector('textarea');
  const label = form.querySelector('label');
  const submit = form.querySelector('button');
  if (!text || !label || !submit) return null;
  text.removeAttribute('aria-invalid');
  text.removeAttribute('aria-describedby');
  text.id = label.htmlFor = 'inline-reply';
  text.value = '';
  label.textContent = 'Your reply';
  submit.textContent = 'Post reply';
  if (parent.id) {
    const parentId = Object.assign(document.createElement('input'), { type: 'hidden', name: 'parentId' });
    parentId.value = parent.id;
    form.append(parentId);
  } else if (parent.key) {
    form.dataset.parentKey = parent.key;
  }
  const cancel = Object.assign(document.createElement('button'), {
    type: 'button',
    textContent: 'Cancel reply',
  });
  cancel.className = 'link-button';
  cancel.addEventListener('click', () => closeReplyForm(form));
  submit.after(' ', cancel);
  after.after(form);
  if (opener) openers.set(form, opener);
  text.focus();
  return form;
}

/** A click on a comment's "Reply" link opens the reply form right there. */
export function replyInPlace(): void {
  document.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest?.('a[href$="/reply"]');
    const comment = link?.closest<HTMLElement>('li.comment');
    const head = comment?.querySelector(':scope > .item-head');
    if (!head || !comment?.dataset.commentId || !document.querySelector('form.comment-form')) return;
    event.preventDefault();
    openReplyForm(head, { id: comment.dataset.commentId }, link as HTMLElement);
  });
  document.addEventListener('keydown', writingKeys);
}

/** Removes the form; focus goes back to the Reply control that opened it (or its comment's Reply link). */
function closeReplyForm(form: HTMLFormElement): void {
  const opener = openers.get(form);
  const comment = form.closest('li.comment');
  form.remove();
  const returnTo = opener?.isConnected
    ? opener
    : comment?.querySelector<HTMLElement>(':scope > .item-head a[href$="/reply"]');
  returnTo?.focus();
}

/**
 * Keys people expect in a box they write in: Ctrl+Enter (Cmd+Enter on a Mac) sends a comment or
 * reply the way the button does, so the outbox and the server's checks still see it; Escape closes
 * an inline reply form, asking first when something typed in it would be lost.
 */
function writingKeys(event: KeyboardEvent): void {
  const text = event.target as HTMLElement | null;
  const form =
    text instanceof HTMLTextAreaElement ? text.closest<HTMLFormElement>('form.comment-form') : null;
  if (!form || event.isComposing || event.defaultPrevented) return;
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    if (form.getAttribute('aria-busy') !== 'true') form.requestSubmit();
  } else if (event.key === 'Escape' && form.classList.contains('inline-reply')) {
    event.preventDefault();
    void escapeReplyForm(form, text as HTMLTextAreaElement);
  }
}

async function escapeReplyForm(form: HTMLFormElement, text: HTMLTextAreaElement): Promise<void> {
  if (text.value.trim()) {
    const discard = await askInDialog(
      {
        title: 'Discard your reply?',
        text: 'What you typed in this reply has not been posted, and closing the form throws it away.',
        yes: 'Discard reply',
        no: 'Keep writing',
      },
      text,
    );
    if (!discard) return;
  }
  closeReplyForm(form);
}
