/**
 * The "Previous / Next top-level comment" links are plain #c<id> links (views/partials/comment.eta)
 * and work without scripts: the browser scrolls there and the next Tab starts from there. With
 * this, focus moves to the comment itself, so a screen reader reads it out and the links of that
 * comment come next: Chromium focuses a fragment's target when it can take focus, so the target is
 * made focusable (by script only, not by Tab) just before the link is followed.
 */
export function stepBetweenTopLevelComments(): void {
  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('a[data-thread-step]') : null;
    if (!(link instanceof HTMLAnchorElement)) return;
    const target = document.getElementById(link.hash.slice(1));
    if (target && !target.hasAttribute('tabindex')) target.tabIndex = -1;
  });
}
