// npx tsx bench/notification-pages.ts   What a comment to followers writes to disk (issue #14)
//
// Timings on this shared machine swing with its load; the pages a transaction writes do not. With
// write-ahead logging every page a commit changes is appended to the WAL, so the WAL's frames per
// comment are what SQLite does for one comment. A discussion with 0 and then 100 followers gets
// comments through the real route (in process, one writer); after 0, 100 and 1,000 of them, 50
// more are written between checkpoints and their frames counted. Run with DROP_INDEX=<name> to see
// what one of the notifications table's indexes costs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../app/app.ts';
import { Client } from '../test/helpers/app.ts';

const SAMPLE = 50;
const AFTER = [0, 100, 1_000];

async function pagesPerComment(followers: number): Promise<number[]> {
  const directory = mkdtempSync(join(tmpdir(), 'charcha-bench-pages-'));
  const app = await buildApp({
    databasePath: join(directory, 'charcha.db'),
    sessionSecret: 'bench-secret-that-is-long-enough-for-cookies',
    production: false,
    seed: 'none',
    networkTimeoutMs: 3000,
    rateLimits: false,
    pushTestEndpoints: 'off',
  });
  try {
    await app.ready();
    // Checkpoints happen only when asked, so the WAL holds exactly one sample's frames.
    app.db.pragma('wal_autocheckpoint = 0');
    if (process.env.DROP_INDEX) app.db.exec(`DROP INDEX ${process.env.DROP_INDEX}`);
    const { users, discussions, follows } = app.repositories;
    const starter = users.create('starter', 'x', Date.now()) as number;
    const discussion = { authorId: starter, title: 'Followed', url: null, bodyMd: 'b', bodyHtml: '<p>b</p>' };
    const id = discussions.create(discussion, Date.now());
    app.db.transaction(() => {
      for (let i = 0; i < followers; i++)
        follows.choose(users.create(`follower_${i}`, 'x', Date.now()) as number, id, true);
    })();
    const writer = new Client(app);
    await writer.signUp('bench_writer');
    const token = await writer.csrfToken();
    let written = 0;
    const comment = async () => {
      const response = await writer.postRaw(`/discuss/${id}/comments`, {
        _csrf: token,
        body: `c ${written++}`,
      });
      if (response.statusCode !== 303) throw new Error(`comment refused: ${response.statusCode}`);
    };
    const figures: number[] = [];
    for (const after of AFTER) {
      while (written < after) await comment();
      app.db.pragma('wal_checkpoint(TRUNCATE)');
      for (let i = 0; i < SAMPLE; i++) await comment();
      const [checkpoint] = app.db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[];
      figures.push((checkpoint?.log ?? Number.NaN) / SAMPLE);
    }
    return figures;
  } finally {
    await app.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

// SQLite's default page size, which db/connection.ts keeps.
const pageSize = 4096;
for (const followers of [0, 100]) {
  const figures = await pagesPerComment(followers);
  const cells = figures.map(
    (pages, index) =>
      `after ${AFTER[index]}: ${pages.toFixed(1)} (${((pages * pageSize) / 1024).toFixed(0)} KB)`,
  );
  console.log(`${followers} followers, WAL pages per comment, ${cells.join('; ')}`);
}
