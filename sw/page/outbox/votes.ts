/** A vote widget (views/partials/vote.eta) for the form action it posts to. */
export function voteWidget(action: string): HTMLElement | null {
  return document.querySelector(`.vote[data-vote-for="${action}"]`);
}

/**
 * Shows a vote as the server would render it: which button is pressed, what
 * the next click sends, and the score once the server has told us.
 */
export function showVote(widget: HTMLElement, vote: number, score?: number): void {
  for (const button of widget.querySelectorAll('button')) {
    const up = button.classList.contains('up');
    const active = vote === (up ? 1 : -1);
    const direction = button.form?.elements.namedItem('direction') as HTMLInputElement | null;
    if (direction) direction.value = active ? 'none' : up ? 'up' : 'down';
    button.classList.toggle('active', active);
    button.setAttribute('aria-pressed', String(active));
    const what = (button.getAttribute('aria-label') ?? '').replace(/^(Remove )?\w+ /, '');
    const verb = active ? `Remove ${up ? 'upvote' : 'downvote'}` : up ? 'Upvote' : 'Downvote';
    button.setAttribute('aria-label', `${verb} ${what}`);
  }
  const shown = widget.querySelector('.score');
  if (score === undefined || !shown) return;
  shown.textContent = String(score);
  shown.setAttribute('aria-label', `${score} ${score === 1 ? 'point' : 'points'}`);
}
