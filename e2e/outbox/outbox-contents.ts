import type { Page } from '@playwright/test';

/** What the tests read of an outbox item (sw/shared/outbox-store.ts holds the full shape). */
export interface StoredItem {
  kind: string;
  user: string;
  state: string;
  fields: Record<string, string>;
}

// Browser globals used inside page.evaluate: the e2e project compiles without the DOM lib.
interface BrowserRequest<T> {
  result: T;
  error: unknown;
  onsuccess: (() => void) | null;
  onerror: (() => void) | null;
}
interface BrowserDatabase {
  objectStoreNames: { contains(name: string): boolean };
  transaction(store: string): { objectStore(name: string): { getAll(): BrowserRequest<StoredItem[]> } };
  close(): void;
}
interface BrowserIndexedDB {
  databases(): Promise<{ name?: string }[]>;
  open(name: string): BrowserRequest<BrowserDatabase>;
}

/**
 * Every item in this origin's outbox, read straight from IndexedDB as DevTools would show it.
 * A database that does not exist is not created (that would leave it without its store).
 */
export function outboxContents(page: Page): Promise<StoredItem[]> {
  return page.evaluate(async (name) => {
    const idb = (globalThis as unknown as { indexedDB: BrowserIndexedDB }).indexedDB;
    if (!(await idb.databases()).some((database) => database.name === name)) return [];
    return new Promise<StoredItem[]>((resolve, reject) => {
      const opening = idb.open(name);
      opening.onerror = () => reject(opening.error);
      opening.onsuccess = () => {
        const db = opening.result;
        if (!db.objectStoreNames.contains('items')) {
          db.close();
          resolve([]);
          return;
        }
        const reading = db.transaction('items').objectStore('items').getAll();
        reading.onerror = () => reject(reading.error);
        reading.onsuccess = () => {
          db.close();
          resolve(reading.result);
        };
      };
    });
  }, 'charcha-outbox');
}
