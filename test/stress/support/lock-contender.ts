import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * A second writer on the same SQLite file, as a backup tool or `npm run seed`
 * would be: every `everyMs` it takes the write lock and holds it for `holdMs`.
 * The server's writes must wait for it (busy_timeout), never fail with SQLITE_BUSY.
 * It runs in a worker thread because better-sqlite3 blocks while it holds the lock.
 */
const CONTENDER = `
  const { parentPort, workerData } = require('node:worker_threads');
  const Database = require(workerData.driver);
  const db = new Database(workerData.path);
  db.pragma('busy_timeout = 10000');
  const touch = db.prepare('UPDATE users SET karma = karma WHERE id = (SELECT min(id) FROM users)');
  let held = 0;
  const timer = setInterval(() => {
    db.exec('BEGIN IMMEDIATE');
    touch.run();
    const until = Date.now() + workerData.holdMs;
    while (Date.now() < until) {}
    db.exec('COMMIT');
    held += 1;
  }, workerData.everyMs);
  parentPort.on('message', () => {
    clearInterval(timer);
    db.close();
    parentPort.postMessage(held);
  });
`;

export function startLockContender(path: string, holdMs: number, everyMs: number) {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(CONTENDER, { eval: true, workerData: { path, driver, holdMs, everyMs } });
  return {
    /** Stops and returns how many times the lock was taken. */
    stop(): Promise<number> {
      return new Promise((resolve, reject) => {
        worker.once('message', (held: number) => {
          void worker.terminate();
          resolve(held);
        });
        worker.once('error', reject);
        worker.postMessage('stop');
      });
    },
  };
}
