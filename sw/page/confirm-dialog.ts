/**
 * A question asked in a modal dialog before something that cannot be taken back (logging out with
 * unsent writes, throwing away a reply being written). A real <dialog>: focus stays inside it,
 * Escape means "no", and the answer comes back as a promise instead of blocking like confirm().
 */

export interface Question {
  title: string;
  text: string;
  /** The button that goes ahead (drawn as dangerous). */
  yes: string;
  /** The button that leaves everything as it was; it has focus first, so Enter never destroys. */
  no: string;
}

let asked = 0;

/** Resolves true to go ahead; false (the `no` button, or Escape) puts focus back on `returnTo`. */
export function askInDialog(question: Question, returnTo: HTMLElement | null): Promise<boolean> {
  asked += 1;
  const dialog = document.createElement('dialog');
  dialog.className = 'confirm-dialog';
  const title = Object.assign(document.createElement('h2'), {
    id: `confirm-title-${asked}`,
    textContent: question.title,
  });
  const text = Object.assign(document.createElement('p'), {
    id: `confirm-text-${asked}`,
    textContent: question.text,
  });
  dialog.setAttribute('aria-labelledby', title.id);
  dialog.setAttribute('aria-describedby', text.id);
  const yes = Object.assign(document.createElement('button'), {
    type: 'button',
    className: 'danger',
    textContent: question.yes,
  });
  const no = Object.assign(document.createElement('button'), {
    type: 'button',
    className: 'secondary',
    textContent: question.no,
  });
  const actions = Object.assign(document.createElement('p'), { className: 'dialog-actions' });
  actions.append(no, yes);
  dialog.append(title, text, actions);
  document.body.append(dialog);
  return new Promise((resolve) => {
    yes.addEventListener('click', () => dialog.close('yes'));
    no.addEventListener('click', () => dialog.close('no'));
    dialog.addEventListener('close', () => {
      const confirmed = dialog.returnValue === 'yes';
      dialog.remove();
      if (!confirmed) returnTo?.focus();
      resolve(confirmed);
    });
    dialog.showModal();
    no.focus();
  });
}
