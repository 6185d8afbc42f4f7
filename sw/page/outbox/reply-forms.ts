/**
 * Replies are written in the discussion, under the comment, instead of on the
 * separate reply page: that page may not be saved for offline reading, and a
 * comment still waiting in the outbox has no reply page at all. The form is a
 * copy of the discussion's own comment form, so the outbox sends it the same way.
 */

/** `parent` is a real comment's id, or the outbox key of one still waiting to be sent. */
export function openReplyForm(after: Element, parent: { id?: string; key?: string }): HTMLFormElement | null {
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
  cancel.addEventListener('click', () => form.remove());
  submit.after(' ', cancel);
  after.after(form);
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
    openReplyForm(head, { id: comment.dataset.commentId });
  });
}
