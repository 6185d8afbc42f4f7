/**
 * What the worker learns from a page's HTML when it saves it. The templates
 * are ours, so a few anchored patterns are enough (there is no DOMParser in a worker).
 */

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

function decodeEntities(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);
}

/** The page title without the site suffix the layout adds (" · Charcha"). */
export function pageTitle(html: string): string {
  const raw = html.match(/<title>([^<]*)<\/title>/)?.[1] ?? '';
  return decodeEntities(raw)
    .replace(/ · Charcha$/, '')
    .trim();
}

/** The signed-in user the page was rendered for (layout.eta: `<body data-user="...">`), if any. */
export function signedInUser(html: string): string | null {
  const value = html.match(/<body[^>]*\sdata-user="([^"]*)"/)?.[1];
  return value === undefined ? null : decodeEntities(value);
}

/** Hashed asset paths the page needs to render: kept across deploys while the page is saved. */
export function assetPaths(html: string): string[] {
  return [...new Set(html.match(/\/assets\/[\w.-]+/g) ?? [])];
}

/** Marks a copy served from the cache, so the page script can say when it was saved. */
export function markSavedCopy(html: string, metaName: string, savedAt: number): string {
  const meta = `<meta name="${metaName}" content="${new Date(savedAt).toISOString()}">`;
  return html.replace(/<head>/, `<head>\n${meta}`);
}

/** The revision a discussion page shows (discussion.eta: `data-discussion-revision="..."`), if it is one. */
export function discussionRevision(html: string): number | null {
  const value = html.match(/\sdata-discussion-revision="(\d+)"/)?.[1];
  return value === undefined ? null : Number(value);
}
