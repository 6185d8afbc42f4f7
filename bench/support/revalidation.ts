import { setTimeout as sleep } from 'node:timers/promises';

const MINUTE_MS = 60_000;
/** Slack for the requests already in flight when a load ends. */
const MARGIN_MS = 1_000;

/**
 * The ETag a browser would revalidate with during the next `seconds`. A page's ETag names the
 * minute it was rendered in (pages say "3 minutes ago"), so a load that straddled a minute would
 * revalidate a stale validator: this waits for a minute with room for the whole load, then asks
 * for the page. The load can then send the ETag as a fixed header, as the baseline's load sends
 * its own, rather than rebuilding every request in the load generator.
 */
export async function etagForTheNext(url: string, seconds: number): Promise<string> {
  const needed = seconds * 1000 + MARGIN_MS;
  const left = MINUTE_MS - (Date.now() % MINUTE_MS);
  if (left < needed) await sleep(left + 50);
  const response = await fetch(url, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
  await response.arrayBuffer();
  const etag = response.headers.get('etag');
  if (etag === null) throw new Error(`${url} has no ETag`);
  return etag;
}
