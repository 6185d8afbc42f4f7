import type { AcceptedWrite, ErrorBody, SessionState } from '../../app/domain/json-shapes.ts';
import { change, type OutboxItem, updateItem } from './outbox-store.ts';

/**
 * Delivers the outbox, oldest first, one item at a time, from whichever page
 * or worker gets there first. A Web Lock makes the tabs and the worker take
 * turns, and every item is re-read after each send, so nothing already
 * delivered elsewhere is sent again; the Idempotency-Key covers the one case
 * the lock cannot: a response lost after the server committed.
 */

export const SYNC_TAG = 'charcha-outbox';
/** A request that has not answered by then is treated like a network failure (lie-fi) and retried later. */
const SEND_TIMEOUT_MS = 20_000;
/** A server asking us to wait longer than this is asked again on the next delivery instead. */
const LONGEST_RATE_LIMIT_WAIT_S = 120;

const request = (path: string, init?: RequestInit) =>
  fetch(path, { ...init, credentials: 'same-origin', signal: AbortSignal.timeout(SEND_TIMEOUT_MS) });

/**
 * The next item to send: one waiting (or waiting for its author to log in) that this delivery has
 * not dealt with yet, and not a reply whose parent is still in the outbox (it needs the parent's id).
 */
export function nextToSend(items: OutboxItem[], handled: Set<string>): OutboxItem | undefined {
  return items.find(
    (candidate) =>
      (candidate.state === 'waiting' || candidate.state === 'login') &&
      !handled.has(candidate.key) &&
      !items.some((parent) => parent.key === candidate.parentKey),
  );
}

/** What a delivery does with an item once the server has answered its send. */
export type Verdict =
  /** Accepted: the item leaves the outbox. */
  | { next: 'land' }
  /** The session ended: the item waits for its author to log in. */
  | { next: 'ask-to-log-in' }
  /** Forbidden, perhaps for a stale CSRF token: fetch a fresh one and send the item once more. */
  | { next: 'refresh-token' }
  /** Rate limited for a moment: wait, then go on. */
  | { next: 'wait'; seconds: number }
  /** Nothing more can go out now; a later delivery tries again (a server error counts as a try). */
  | { next: 'stop'; countsAsTry: boolean }
  /** The server will never take it as it is: gone (404) or invalid, with its message. */
  | { next: 'refuse'; state: 'gone' | 'invalid' };

/** `refreshedToken`: this item was already sent once more with a fresh token. */
export function verdictOn(response: Response, refreshedToken: boolean): Verdict {
  const { status } = response;
  if (response.ok) return { next: 'land' };
  if (status === 401) return { next: 'ask-to-log-in' };
  // The CSRF secret may have changed since the token was issued: one fresh token, then one more try.
  if (status === 403 && !refreshedToken) return { next: 'refresh-token' };
  if (status === 429) {
    const seconds = Number(response.headers.get('retry-after')) || 1;
    return seconds > LONGEST_RATE_LIMIT_WAIT_S
      ? { next: 'stop', countsAsTry: false }
      : { next: 'wait', seconds };
  }
  if (status >= 500) return { next: 'stop', countsAsTry: true };
  return { next: 'refuse', state: status === 404 ? 'gone' : 'invalid' };
}

/** Replies that waited on `item`, now pointing at the id the server gave it. */
export function attachReplies(items: OutboxItem[], item: OutboxItem, result: AcceptedWrite): OutboxItem[] {
  // Only a comment has replies waiting on it; a vote's result names no id.
  if (!('id' in result)) return [];
  return items
    .filter((reply) => reply.parentKey === item.key)
    .map(({ parentKey: _attached, ...reply }) => ({
      ...reply,
      fields: { ...reply.fields, parentId: String(result.id) },
    }));
}

/**
 * Resolves true when nothing is left for the network to do (everything landed
 * or needs the person), false when the network or the server failed and a
 * later delivery should try again. `landed` hears of each delivered item.
 */
export function deliverOutbox(landed: (item: OutboxItem, result: AcceptedWrite) => void): Promise<boolean> {
  return navigator.locks.request(SYNC_TAG, async () => {
    const handled = new Set<string>();
    let session: SessionState | undefined;
    let freshTokenFor: string | undefined;
    for (;;) {
      const item = nextToSend(await change(), handled);
      if (!item) return true;
      const settle = (patch: Partial<OutboxItem>) => {
        handled.add(item.key);
        return updateItem(item.key, patch);
      };
      let response: Response;
      try {
        session ??= (await (await request('/session')).json()) as SessionState;
        if (session.username !== item.user) {
          await settle({ state: 'login' });
          continue;
        }
        response = await request(item.action, {
          method: 'POST',
          headers: {
            accept: 'application/json',
            'idempotency-key': item.key,
            'x-csrf-token': session.csrfToken,
          },
          body: new URLSearchParams(item.fields),
        });
      } catch {
        await updateItem(item.key, { tries: item.tries + 1 });
        return false;
      }
      const verdict = verdictOn(response, freshTokenFor === item.key);
      if (verdict.next === 'land') {
        const result = (await response.json()) as AcceptedWrite;
        await land(item, result);
        landed(item, result);
      } else if (verdict.next === 'ask-to-log-in') {
        await settle({ state: 'login' });
      } else if (verdict.next === 'refresh-token') {
        freshTokenFor = item.key;
        session = undefined;
      } else if (verdict.next === 'wait') {
        await new Promise((resolve) => setTimeout(resolve, verdict.seconds * 1000));
      } else if (verdict.next === 'stop') {
        if (verdict.countsAsTry) await updateItem(item.key, { tries: item.tries + 1 });
        return false;
      } else {
        const { error } = (await response.json().catch(() => ({}))) as Partial<ErrorBody>;
        await settle({ state: verdict.state, error });
      }
    }
  });
}

/** In one transaction: the item leaves the outbox and replies waiting on it learn its real id. */
function land(item: OutboxItem, result: AcceptedWrite): Promise<unknown> {
  return change(
    (items, store) => {
      store.delete(item.seq as number);
      for (const reply of attachReplies(items, item, result)) store.put(reply);
    },
    { landed: { item, result } },
  );
}
