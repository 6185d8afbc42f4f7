/**
 * Collapsed comments, remembered on this device. Collapsing itself needs no script: each comment
 * with replies has an empty <details class="comment-fold"> in its meta line whose open state hides
 * the comment's text and replies through CSS (views/partials/comment-fold.eta, comment-tree.css).
 * This adds aria-expanded to the summaries and keeps the collapsed comments' ids in localStorage,
 * so they come back collapsed on the next visit, in another tab, and on a saved copy read offline.
 * Never in the server's HTML: a rendered page is cached and shared by every device of a viewer.
 */

const STORAGE_KEY = 'charcha.collapsed-comments';
/** Oldest first; enough for every comment anyone collapses, small enough to parse on every page. */
const REMEMBERED = 1000;

function readCollapsed(): string[] {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    // Storage refused (a privacy mode, a policy) or written by something else: nothing is remembered.
    return [];
  }
}

function remember(id: string, collapsed: boolean): void {
  // Read again each time: another tab may have changed the list since this page loaded.
  const ids = readCollapsed().filter((other) => other !== id);
  if (collapsed) ids.push(id);
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(ids.slice(-REMEMBERED)));
  } catch {
    // Full or refused: the fold still works on this page.
  }
}

const commentIdOf = (fold: HTMLDetailsElement) => fold.closest<HTMLElement>('li.comment')?.dataset.commentId;

const showState = (fold: HTMLDetailsElement) =>
  fold.querySelector(':scope > summary')?.setAttribute('aria-expanded', String(fold.open));

export function rememberCollapsedComments(): void {
  const folds = document.getElementsByClassName('comment-fold');
  if (folds.length === 0) return;
  // One pass over the folds (a few dozen on the biggest page): no layout is read, so no style or
  // layout is forced while the page is still being shown.
  const collapsed = new Set(readCollapsed());
  // The state each fold had when last seen here. The parser fires a toggle for every
  // <details open> it inserts, some only after this runs: dozens of events on a big thread that
  // change nothing, and each one used to read and rewrite the stored list (a long task under a
  // slow CPU). Only a fold whose state differs from this is a person's click.
  const seenOpen = new WeakMap<HTMLDetailsElement, boolean>();
  for (const fold of folds) {
    if (!(fold instanceof HTMLDetailsElement)) continue;
    const id = commentIdOf(fold);
    if (id && collapsed.has(id)) fold.open = false;
    // The markup has every fold open: one closed and not remembered was clicked before this ran.
    else if (id && !fold.open) remember(id, true);
    seenOpen.set(fold, fold.open);
    showState(fold);
  }
  // One listener for every fold; toggle does not bubble, so it is caught on its way down.
  document.addEventListener(
    'toggle',
    (event) => {
      const fold = event.target;
      if (!(fold instanceof HTMLDetailsElement) || !fold.classList.contains('comment-fold')) return;
      if (seenOpen.get(fold) === fold.open) return;
      seenOpen.set(fold, fold.open);
      showState(fold);
      const id = commentIdOf(fold);
      if (id) remember(id, !fold.open);
    },
    true,
  );
}
