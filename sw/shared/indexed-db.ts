/**
 * One open connection per script to an IndexedDB database of one object store (used by the page
 * and the worker alike: lib DOM and lib WebWorker both have IndexedDB). The store is created the
 * first time the database is opened; when a newer script needs the database (a version change),
 * the connection closes and the next use opens it again.
 */
export function databaseOpener(
  /** Asked for on first use, so that importing a store needs no IndexedDB (Node tests, old browsers). */
  factory: () => IDBFactory,
  name: string,
  createStore: (db: IDBDatabase) => void,
): () => Promise<IDBDatabase> {
  let opened: Promise<IDBDatabase> | undefined;
  return () => {
    opened ??= new Promise((resolve, reject) => {
      const request = factory().open(name, 1);
      request.onupgradeneeded = () => createStore(request.result);
      request.onsuccess = () => {
        request.result.onversionchange = () => {
          request.result.close();
          opened = undefined;
        };
        resolve(request.result);
      };
      request.onerror = () => {
        opened = undefined;
        reject(request.error);
      };
    });
    return opened;
  };
}
