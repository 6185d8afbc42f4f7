import type { TextPart } from '../../app/domain/search-snippet.ts';
import type { OfflineHit } from './search-match.ts';

/**
 * The offline search page: the precached shell (views/pages/search-offline.eta, rendered by the
 * server for nobody) with the query in its boxes and what was found on this device in its slot.
 * Everything that came from a person (the query, titles, names, texts) is escaped here.
 */

/** The shell's empty slot, replaced by what was found. */
export const RESULTS_SLOT = '<div class="offline-search" data-offline-search></div>';
/**
 * Results a page, as online (app/routes/search.ts): a phone shows a few screens of them, and each
 * result more is more for the browser to lay out and paint before the first is seen (50 a page
 * took 65–95 ms from parsed to painted; bench/README.md, Search).
 */
export const RESULTS_PER_PAGE = 20;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

const marked = (parts: readonly TextPart[]) =>
  parts
    .map((part) => (part.marked ? `<mark>${escapeHtml(part.text)}</mark>` : escapeHtml(part.text)))
    .join('');

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** Names the first result for Element Timing: when it is painted is when results are seen (bench/search-offline.ts). */
const TIMED = ' elementtiming="search-results"';

function resultHtml(hit: OfflineHit, rank: number): string {
  const kind = hit.commentId === null ? 'Discussion' : 'Comment';
  const snippet = hit.snippet.length > 0 ? `\n    <p class="search-snippet">${marked(hit.snippet)}</p>` : '';
  return `  <li class="search-result"${rank === 0 ? TIMED : ''}>
    <a class="search-result-title" href="${escapeHtml(hit.url)}">${marked(hit.titleParts)}</a>
    <p class="meta">${kind} by <bdi>${escapeHtml(hit.author)}</bdi></p>${snippet}
  </li>`;
}

export interface OfflineFindings {
  query: string;
  /** Saved discussions searched. */
  discussions: number;
  /** The matches of this page (1 and up, RESULTS_PER_PAGE a page)… */
  hits: readonly OfflineHit[];
  page: number;
  /** …of this many. */
  total: number;
  /** Whether the query had anything to look for. */
  searched: boolean;
  /** Why the query could not be searched as typed (too long), or words left out. */
  note: string | null;
}

/** Previous and next pages, at the addresses the server's pages have (views/pages/search.eta). */
function pagesHtml(query: string, page: number, hasMore: boolean): string[] {
  const base = `/search?q=${encodeURIComponent(query)}`;
  const links = [
    page > 1
      ? `  <a href="${escapeHtml(page > 2 ? `${base}&page=${page - 1}` : base)}" rel="prev">← Previous page</a>`
      : '',
    hasMore ? `  <a href="${escapeHtml(`${base}&page=${page + 1}`)}" rel="next">More →</a>` : '',
  ].filter((link) => link !== '');
  return links.length === 0 ? [] : ['<nav class="pagination" aria-label="Pages">', ...links, '</nav>'];
}

export function findingsHtml({
  query,
  discussions,
  hits,
  page,
  total,
  searched,
  note,
}: OfflineFindings): string {
  const saved = plural(discussions, 'saved discussion', 'saved discussions');
  const lines = [
    searched
      ? `<p class="search-summary" role="status">You are offline: searching ${saved} on this device for <strong>${escapeHtml(query.trim())}</strong>.</p>`
      : `<p class="search-summary" role="status">You are offline: type in the box above to search ${saved} on this device.</p>`,
    '<p class="search-note">The rest of the forum could not be searched. Search again when you are back online to search everything.</p>',
  ];
  if (note !== null) lines.push(`<p class="search-note">${escapeHtml(note)}</p>`);
  const first = (page - 1) * RESULTS_PER_PAGE + 1;
  if (searched && hits.length === 0)
    lines.push(
      `<p class="empty">${page > 1 && total > 0 ? 'No more results.' : 'Nothing saved on this device matches.'}</p>`,
    );
  if (hits.length > 0) {
    const shown = hits.slice(0, RESULTS_PER_PAGE);
    if (total > shown.length)
      lines.push(`<p class="search-note">Matches ${first}–${first + shown.length - 1} of ${total}.</p>`);
    lines.push(
      `<ol class="search-results"${first > 1 ? ` start="${first}"` : ''}>`,
      ...shown.map((hit, rank) => resultHtml(hit, rank)),
      '</ol>',
    );
  }
  if (searched) lines.push(...pagesHtml(query, page, first - 1 + hits.length < total));
  return `<div class="offline-search" data-offline-search>\n${lines.join('\n')}\n</div>`;
}

/**
 * The shell with the query in its title and search box, cut at its slot: what comes before the
 * findings and what comes after them. The worker sends the first part before it searches, so that
 * the browser is busy with the page (its head, the stylesheet, the header) while the search runs.
 */
export function offlineSearchPageParts(shell: string, query: string): [before: string, after: string] {
  const title = query.trim() === '' ? 'Search' : `Search: ${escapeHtml(query)}`;
  const page = shell
    .replace(/<title>[^<]*<\/title>/, () => `<title>${title} · Charcha</title>`)
    .replace(/(id="site-search-q" name="q" value=")"/, (_, start: string) => `${start}${escapeHtml(query)}"`);
  const slot = page.indexOf(RESULTS_SLOT);
  return slot === -1 ? [page, ''] : [page.slice(0, slot), page.slice(slot + RESULTS_SLOT.length)];
}

/** The shell with the query in its title and search box and `findings` in its slot. */
export function offlineSearchPage(shell: string, query: string, findings: string): string {
  const [before, after] = offlineSearchPageParts(shell, query);
  return `${before}${findings}${after}`;
}
