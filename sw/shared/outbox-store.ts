import type { AcceptedWrite } from '../../app/domain/json-shapes.ts';
import { databaseOpener } from './indexed-db.ts';

/**
 * The outbox: writes made while the network was away, kept in IndexedDB until
 * the server has them. Shared by the page script and the service worker (both
 * bundles import it; it uses only what lib DOM and lib WebWorker both have).
 * The store's auto-increment key is the order in which things were written,
 * across every tab, so delivery can keep that order.
 */

export const OUTBOX_NAME = 'charcha-outbox';

/**
 * waiting: not yet delivered (tries counts network failures); login: the server
 * wants the author logged in; gone: the discussion or comment no longer exists;
 * invalid: the server refused it with a message the person can act on.
 */
export type OutboxState = 'waiting' | 'login' | 'gone' | 'invalid';

export interface OutboxItem {
  seq?: number;
  /** The Idempotency-Key: one per write, so a repeated delivery creates nothing. */
  key: string;
  kind: 'comment' | 'discussion' | 'vote';
  /** Where the form posts, e.g. /discuss/12/comments. */
  action: string;
  /** The form's fields without the CSRF token, which is fetched fresh at delivery. */
  fields: Record<string, string>;
  /** A reply to a comment that is itself still in the outbox: sent once that one has an id. */
  parentKey?: string;
  /** The page that shows this item while it waits. */
  page: string;
  /** Who wrote it: it is only ever sent in that person's session. */
  user: string;
  state: OutboxState;
  tries: number;
  error?: string;
}

/** Posted on a BroadcastChannel named OUTBOX_NAME after every change; `landed` when an item reached the server. */
export interface OutboxNews {
  landed?: { item: OutboxItem; result: AcceptedWrite };
}

const STORE = 'items';
const database = databaseOpener(
  () => indexedDB,
  OUTBOX_NAME,
  (db) => db.createObjectStore(STORE, { keyPath: 'seq', autoIncrement: true }),
);

function announce(news: OutboxNews): void {
  const channel = new BroadcastChannel(OUTBOX_NAME);
  channel.postMessage(news);
  channel.close();
}

/**
 * Reads every item in written order and lets `edit` put or delete within the
 * same transaction, so a decision and its write can never interleave with
 * another tab's. Resolves once the transaction has committed, and tells every
 * page and the worker about it (with `news`, so a delivery and the change it
 * made arrive in one message).
 */
export async function change(
  edit?: (items: OutboxItem[], store: IDBObjectStore) => void,
  news: OutboxNews = {},
): Promise<OutboxItem[]> {
  const db = await database();
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(STORE, edit ? 'readwrite' : 'readonly');
    const store = transaction.objectStore(STORE);
    const request = store.getAll();
    request.onsuccess = () => edit?.(request.result, store);
    transaction.oncomplete = () => {
      if (edit) announce(news);
      resolve(request.result);
    };
    transaction.onerror = transaction.onabort = () => reject(transaction.error);
  });
}

export const readOutbox = (): Promise<OutboxItem[]> => change();

export function updateItem(key: string, patch: Partial<OutboxItem>): Promise<unknown> {
  return change((items, store) => {
    const item = items.find((candidate) => candidate.key === key);
    if (item) store.put({ ...item, ...patch });
  });
}

/** Removes an item and every reply waiting on it (they could never attach to anything). */
export function cancelItem(key: string): Promise<unknown> {
  return change((items, store) => {
    const doomed = new Set([key]);
    for (const item of items) {
      if (doomed.has(item.key) || (item.parentKey && doomed.has(item.parentKey))) {
        doomed.add(item.key);
        store.delete(item.seq as number);
      }
    }
  });
}
