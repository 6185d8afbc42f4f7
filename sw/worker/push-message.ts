/**
 * What a push says and how it is shown, apart from the worker's events (sw/worker/push.ts), so
 * that it can be tested without them: reading the server's payload (app/push/payload.ts)
 * defensively, and coalescing the pushes of one discussion into "3 new replies in …".
 */

/** What the server sends. */
export interface PushMessage {
  title: string;
  body: string;
  url: string;
  tag: string;
  discussion: string;
  /** How many comments it tells of: the server sends one push for those that waited together. */
  count: number;
}

/** What a shown notification remembers, to coalesce the next push of its discussion. */
export interface ShownData {
  url: string;
  count: number;
  discussion: string;
}

/** A push that cannot be read still shows a notification (browsers punish silent pushes): of the inbox. */
export const FALLBACK: PushMessage = {
  title: 'Charcha',
  body: 'Something new is waiting in your notifications.',
  url: '/notifications',
  tag: 'charcha',
  discussion: '',
  count: 1,
};

/** A path on this site, never another origin: the payload decides where a tap leads. */
export function sameOriginPath(url: unknown, origin: string): string | undefined {
  if (typeof url !== 'string' || !url.startsWith('/') || url.startsWith('//')) return undefined;
  const parsed = new URL(url, origin);
  return parsed.origin === origin ? parsed.pathname + parsed.search + parsed.hash : undefined;
}

/** The message in a push's data (`read` is PushMessageData.json), or FALLBACK. */
export function readMessage(read: (() => unknown) | undefined, origin: string): PushMessage {
  try {
    const data = read?.() as Partial<PushMessage> | undefined;
    const url = sameOriginPath(data?.url, origin);
    if (!data || url === undefined || typeof data.title !== 'string') return FALLBACK;
    return {
      title: data.title,
      body: typeof data.body === 'string' ? data.body : '',
      url,
      tag: typeof data.tag === 'string' ? data.tag : FALLBACK.tag,
      discussion: typeof data.discussion === 'string' ? data.discussion : '',
      count: Number.isSafeInteger(data.count) && (data.count as number) > 0 ? (data.count as number) : 1,
    };
  } catch {
    return FALLBACK;
  }
}

/** The notification to show for `message`, given the one its discussion shows already (if any). */
export function coalesced(message: PushMessage, earlier: ShownData | undefined) {
  const count = (earlier?.count ?? 0) + message.count;
  // The first unread reply is where reading starts; later ones follow it on the page.
  const data: ShownData = { url: earlier?.url ?? message.url, count, discussion: message.discussion };
  const many = count > 1 && message.discussion !== '';
  return {
    title: many ? `${count} new replies in ${message.discussion}` : message.title,
    options: { body: message.body, tag: message.tag, data, renotify: count > 1 },
  };
}
