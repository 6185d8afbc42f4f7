import type { ReadAheadOutcome } from '../shared/device-settings.ts';
import type { ConnectionFacts } from '../shared/page-worker-messages.ts';
import type { ReadAheadItem } from '../shared/read-ahead-list.ts';
import type { SavedPageInfo } from '../shared/saved-page-metadata.ts';

/** Connections on which fetching pages nobody asked for would slow what the person is doing. */
const SLOW_CONNECTIONS = new Set(['slow-2g', '2g']);

/**
 * Why not to read ahead at all, or null to go ahead. The person's own word comes first: this
 * device's switch, then the browser's Save-Data (the person asked for less data); a 2g connection
 * has no room for pages nobody asked for. Unknown facts (null) never stop it.
 */
export function reasonNotToReadAhead(
  connection: ConnectionFacts | null,
  switchedOn: boolean,
): ReadAheadOutcome | null {
  if (!switchedOn) return 'switched-off';
  if (connection?.saveData) return 'save-data';
  if (connection?.effectiveType && SLOW_CONNECTIONS.has(connection.effectiveType)) return 'slow-connection';
  return null;
}

/** What the worker itself knows of the connection (a periodic sync has no page to say). */
export function connectionFacts(navigator: object): ConnectionFacts | null {
  const connection = (navigator as { connection?: { saveData?: boolean; effectiveType?: string } })
    .connection;
  if (!connection) return null;
  return { saveData: connection.saveData === true, effectiveType: connection.effectiveType ?? null };
}

/**
 * The discussions to fetch, as URLs in the list's order: those with no saved copy, a copy of
 * another revision, or a copy rendered for someone other than `viewer` (a person who has logged in
 * needs their own copy, with the forms offline writing uses). `viewer` undefined means unknown (a
 * periodic sync has no page to ask): then only revisions count.
 */
export function planReadAhead(
  items: readonly ReadAheadItem[],
  saved: ReadonlyMap<string, Pick<SavedPageInfo, 'revision' | 'user'>>,
  origin: string,
  viewer: string | null | undefined,
): string[] {
  const urls = items.map((item) => ({ url: new URL(item.url, origin).href, revision: item.revision }));
  return urls
    .filter(({ url, revision }) => {
      const copy = saved.get(url);
      return !copy || copy.revision !== revision || (viewer !== undefined && copy.user !== viewer);
    })
    .map(({ url }) => url)
    .filter((url, index, all) => all.indexOf(url) === index);
}
