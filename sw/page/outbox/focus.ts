/**
 * Where keyboard focus goes after writing: to what was written, wherever it
 * ends up (its waiting mark, then the real comment), so that a form being
 * reset or removed never drops focus to the top of the page.
 */

const asked = new Set<string>();

/** The next time the outbox item `key` is shown, focus goes to it. */
export function focusWhenShown(key: string): void {
  asked.add(key);
}

export function focusIfAsked(key: string, element: HTMLElement): void {
  if (asked.delete(key)) moveFocusTo(element);
}

export function moveFocusTo(element: HTMLElement): void {
  // A comment or a mark is not focusable by itself; a field already is (and must stay in the tab order).
  if (element.tabIndex < 0 && !element.hasAttribute('tabindex')) element.tabIndex = -1;
  element.focus();
}

/** True when focus is nowhere in particular, or on something about to disappear. */
export function focusIsFreeOr(...leaving: (Element | null | undefined)[]): boolean {
  const active = document.activeElement;
  return !active || active === document.body || leaving.some((element) => element?.contains(active));
}
