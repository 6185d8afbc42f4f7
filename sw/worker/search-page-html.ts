import type { TextPart } from '../../app/domain/search-snippet.ts';
import type { OfflineHit } from './search-match.ts';

/**
 * The offline search page: the precached shell (views/pages/search-offline.eta, rendered by the
 * server for nobody) with the query in its boxes and what was found on this device in its slot.
 * Everything that came from a person (the query, titles, names, texts) is escaped here.
 */

/** The shell's empty slot, replaced by what was found. */
export const RESULTS_SLOT = '<div class="offline-search" data-offline-search></div>';
/** More matches than a phone shows in several screens are counted, not listed. */
export const MAX_SHOWN = 50;

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
  /** The first MAX_SHOWN matches… */
  hits: readonly OfflineHit[];
  /** …of this many. */
  total: number;
  /** Whether the query had anything to look for. */
  searched: boolean;
  /** Why the query could not be searched as typed (too long), or words left out. */
  note: string | null;
}

export function findingsHtml({ query, discussions, hits, total, searched, note }: OfflineFindings): string {
  const saved = plural(discussions, 'saved discussion', 'saved discussions');
  const lines = [
    searched
      ? `<p class="search-summary" role="status">You are offline: searching ${saved} on this device for <strong>${escapeHtml(query.trim())}</strong>.</p>`
      : `<p class="search-summary" role="status">You are offline: type in the box above to search ${saved} on this device.</p>`,
    '<p class="search-note">The rest of the forum could not be searched. Search again when you are back online to search everything.</p>',
  ];
  if (note !== null) lines.push(`<p class="search-note">${escapeHtml(note)}</p>`);
  if (searched && hits.length === 0) lines.push('<p class="empty">Nothing saved on this device matches.</p>');
  if (hits.length > 0) {
    const shown = hits.slice(0, MAX_SHOWN);
    if (total > shown.length)
      lines.push(`<p class="search-note">The first ${shown.length} of ${total} matches.</p>`);
    lines.push('<ol class="search-results">', ...shown.map((hit, rank) => resultHtml(hit, rank)), '</ol>');
  }
  return `<div class="offline-search" data-offline-search>\n${lines.join('\n')}\n</div>`;
}

/** The shell with the query in its title and search box and `findings` in its slot. */
export function offlineSearchPage(shell: string, query: string, findings: string): string {
  const title = query.trim() === '' ? 'Search' : `Search: ${escapeHtml(query)}`;
  return shell
    .replace(/<title>[^<]*<\/title>/, () => `<title>${title} · Charcha</title>`)
    .replace(/(id="site-search-q" name="q" value=")"/, (_, start: string) => `${start}${escapeHtml(query)}"`)
    .replace(RESULTS_SLOT, () => findings);
}
