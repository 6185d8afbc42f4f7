import type { SavedPageInfo } from '../shared/saved-page-metadata.ts';

/**
 * A huge discussion is read in pages (/discuss/:id?page=N), each saved as its own copy. A list of
 * what can be read offline shows the discussion once, with the pages of it this device has, and
 * every link lands on the page that was saved, ?page included.
 */

export interface SavedCopy {
  /** The saved request's URL, query included. */
  url: string;
  info: SavedPageInfo;
}

export interface SavedDiscussionPage {
  number: number;
  /** Path and query of the saved copy: where its link lands. */
  href: string;
}

export interface SavedDiscussion {
  /** The discussion's path, without ?page. */
  path: string;
  title: string;
  /** When the most recently saved of its pages was saved. */
  savedAt: number;
  /** The saved pages, in page order; the discussion's link lands on the first of them. */
  pages: SavedDiscussionPage[];
}

/** The page number a discussion URL names (page 1 when it names none or an unreadable one). */
export function pageNumberOf(url: URL): number {
  const page = Number(url.searchParams.get('page') ?? 1);
  return Number.isSafeInteger(page) && page >= 1 ? page : 1;
}

/** The title without the " (page N)" the server adds to the pages after the first. */
function discussionTitle(title: string, page: number): string {
  const suffix = ` (page ${page})`;
  return page > 1 && title.endsWith(suffix) ? title.slice(0, -suffix.length) : title;
}

/** One entry per discussion, most recently saved first. */
export function groupByDiscussion(copies: readonly SavedCopy[]): SavedDiscussion[] {
  const byPath = new Map<string, SavedDiscussion & { titlePage: number }>();
  for (const { url, info } of copies) {
    const address = new URL(url);
    const number = pageNumberOf(address);
    const title = discussionTitle(info.title, number);
    const page = { number, href: number === 1 ? address.pathname : `${address.pathname}?page=${number}` };
    const found = byPath.get(address.pathname);
    if (!found) {
      byPath.set(address.pathname, {
        path: address.pathname,
        title,
        savedAt: info.savedAt,
        pages: [page],
        titlePage: number,
      });
      continue;
    }
    if (found.pages.some((saved) => saved.number === number)) continue;
    found.pages.push(page);
    found.savedAt = Math.max(found.savedAt, info.savedAt);
    // The first page's title is the discussion's own; a later page's has its suffix taken off.
    if (number < found.titlePage) Object.assign(found, { title, titlePage: number });
  }
  return [...byPath.values()]
    .map(({ titlePage: _, ...discussion }) => ({
      ...discussion,
      pages: discussion.pages.sort((a, b) => a.number - b.number),
    }))
    .sort((a, b) => b.savedAt - a.savedAt);
}
