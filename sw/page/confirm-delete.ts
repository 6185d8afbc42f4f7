import { askInDialog, type Question } from './confirm-dialog.ts';

/**
 * With scripts, Delete is a form button beside the comment or discussion
 * (views/partials/delete-control.eta); one stray click must not remove
 * anything, so it asks first, saying what goes, as the page that Delete opens
 * without scripts does (views/pages/delete-*.eta). Only "Delete" in the
 * dialog sends the form.
 */
export function confirmDeleting(): void {
  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || event.defaultPrevented) return;
    const question = questionFor(new URL(form.action).pathname);
    if (!question) return;
    event.preventDefault();
    const returnTo = (event.submitter as HTMLElement | null) ?? form;
    void askInDialog(question, returnTo).then((confirmed) => confirmed && form.submit());
  });
}

function questionFor(path: string): Question | null {
  if (/^\/comments\/\d+\/delete$/.test(path)) {
    return {
      title: 'Delete your comment?',
      text: 'Its text will be gone for good, for everyone. Replies to it stay where they are, under a “[deleted]” placeholder.',
      yes: 'Delete comment',
      no: 'Keep it',
    };
  }
  if (/^\/discuss\/\d+\/delete$/.test(path)) {
    const commented = document.querySelector('li.comment') !== null;
    return {
      title: 'Delete this discussion?',
      text:
        'The discussion, its text and its link will be gone for good. ' +
        (commented
          ? 'Its comments go with it, other people’s included: nobody can open them any more.'
          : 'Nobody has commented on it yet.'),
      yes: 'Delete discussion',
      no: 'Keep it',
    };
  }
  return null;
}
