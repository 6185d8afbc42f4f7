import { change, type OutboxItem, updateItem, type WriteResult } from './outbox-store.ts';

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

interface Session {
  username: string | null;
  csrfToken: string;
}

const request = (path: string, init?: RequestInit) =>
  fetch(path, { ...init, credentials: 'same-origin', signal: AbortSignal.timeout(SEND_TIMEOUT_MS) });

/**
 * Resolves true when nothing is left for the network to do (everything landed
 * or needs the person), false when the network or the server failed and a
 * later delivery should try again. `landed` hears of each delivered item.
 */
export function deliverOutbox(landed: (item: OutboxItem, result: WriteResult) => void): Promise<boolean> {
  return navigator.locks.request(SYNC_TAG, async () => {
    const handled = new Set<string>();
    let session: Session | undefined;
    let freshTokenFor: string | undefined;
    for (;;) {
      const items = await change();
      const item = items.find(
        (candidate) =>
          (candidate.state === 'waiting' || candidate.state === 'login') &&
          !handled.has(candidate.key) &&
          !items.some((parent) => parent.key === candidate.parentKey),
      );
      if (!item) return true;
      const settle = (patch: Partial<OutboxItem>) => {
        handled.add(item.key);
        return updateItem(item.key, patch);
      };
      let response: Response;
      try {
        session ??= (await (await request('/session')).json()) as Session;
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
      const { status } = response;
      if (response.ok) {
        const result = (await response.json()) as WriteResult;
        await land(item, result);
        landed(item, result);
      } else if (status === 401) {
        await settle({ state: 'login' });
      } else if (status === 403 && freshTokenFor !== item.key) {
        // The CSRF secret may have changed since the token was issued: one fresh token, then one more try.
        freshTokenFor = item.key;
        session = undefined;
      } else if (status === 429) {
        const wait = Number(response.headers.get('retry-after')) || 1;
        if (wait > LONGEST_RATE_LIMIT_WAIT_S) return false;
        await new Promise((resolve) => setTimeout(resolve, wait * 1000));
      } else if (status >= 500) {
        await updateItem(item.key, { tries: item.tries + 1 });
        return false;
      } else {
        const { error } = (await response.json().catch(() => ({}))) as { error?: string };
        await settle({ state: status === 404 ? 'gone' : 'invalid', error });
      }
    }
  });
}

/** In one transaction: the item leaves the outbox and replies waiting on it learn its real id. */
function land(item: OutboxItem, result: WriteResult): Promise<unknown> {
  return change(
    (items, store) => {
      store.delete(item.seq as number);
      for (const reply of items) {
        if (reply.parentKey !== item.key) continue;
        const { parentKey: _attached, ...rest } = reply;
        store.put({ ...rest, fields: { ...rest.fields, parentId: String(result.id) } });
      }
    },
    { landed: { item, result } },
  );
}
