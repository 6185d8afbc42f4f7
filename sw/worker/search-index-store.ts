import { databaseOpener } from '../shared/indexed-db.ts';
import type { SearchRecord } from './search-record.ts';

/**
 * The offline search index in IndexedDB: one SearchRecord per saved discussion page, keyed by the
 * pages cache's key for it. The pages cache stays the truth of what is saved: records are written
 * just before their page (so a saved page always has one) and pruned to the cache's keys after
 * every trim, eviction or logout purge; a search also reads only the records of pages still shown.
 */

export const SEARCH_INDEX_NAME = 'charcha-search';
const STORE = 'pages';

export interface SearchIndexStore {
  put(record: SearchRecord): Promise<void>;
  /** Every record, in one read (a get per page took as long as the rest of a search). */
  all(): Promise<SearchRecord[]>;
  /**
   * Deletes the records whose key `isRemoved` says, asked in the deleting transaction: a page saved
   * while the pages cache was read is then seen as saved (search-indexing.ts).
   */
  removeWhere(isRemoved: (key: string) => boolean): Promise<void>;
}

function done(request: IDBRequest | IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    if ('oncomplete' in request) {
      request.oncomplete = () => resolve();
      request.onerror = request.onabort = () => reject(request.error);
    } else {
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
    }
  });
}

function result<T>(request: IDBRequest<T>): Promise<T> {
  return done(request).then(() => request.result);
}

export function indexedDbSearchIndex(factory: IDBFactory): SearchIndexStore {
  const database = databaseOpener(
    () => factory,
    SEARCH_INDEX_NAME,
    (db) => db.createObjectStore(STORE, { keyPath: 'key' }),
  );
  const transaction = async (mode: IDBTransactionMode) => (await database()).transaction(STORE, mode);
  /**
   * The records as last read, kept while the worker lives: reading them all again took most of a
   * search's time. Only this worker writes the store, and it updates the copy as it does.
   */
  let remembered: Promise<Map<string, SearchRecord>> | undefined;
  const forget = () => {
    remembered = undefined;
  };

  return {
    async put(record) {
      const writing = await transaction('readwrite');
      writing.objectStore(STORE).put(record);
      await done(writing).catch((error) => {
        forget();
        throw error;
      });
      (await remembered)?.set(record.key, record);
    },
    async all() {
      remembered ??= transaction('readonly')
        .then((reading) => result(reading.objectStore(STORE).getAll() as IDBRequest<SearchRecord[]>))
        .then((records) => new Map(records.map((record) => [record.key, record])));
      remembered.catch(forget);
      return [...(await remembered).values()];
    },
    async removeWhere(isRemoved) {
      const writing = await transaction('readwrite');
      const store = writing.objectStore(STORE);
      const keys = await result(store.getAllKeys());
      const doomed = keys.map(String).filter(isRemoved);
      for (const key of doomed) store.delete(key);
      await done(writing).catch((error) => {
        forget();
        throw error;
      });
      const memory = await remembered;
      for (const key of doomed) memory?.delete(key);
    },
  };
}
