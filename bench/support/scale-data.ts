import { seedBulk } from '../../db/seed.ts';
import {
  addThread,
  type BenchDirectory,
  makeBenchDirectory,
  type SeededThread,
  seedDemoWithThread,
  withDatabase,
} from './database.ts';
import { formatInt } from './table.ts';

export const BIG_FORUM = { posts: 100_000, comments: 1_000_000 };
/** The front page against the number of posts: these, and the big forum. */
export const SMALLER_FORUMS = [1_000, 10_000];
export const THREAD_SIZES = [10, 100, 1_000, 5_000];

export interface ScaleDatabases {
  demo: { path: string; thread: SeededThread; growth: SeededThread[] };
  big: { path: string; thread: SeededThread; seedSeconds: number };
  smaller: { posts: number; path: string }[];
  remove(): void;
}

/**
 * The small demo forum (with threads of 10 to 5,000 comments for the cost curve), the big one
 * (100k posts, 1M comments, timed), and forums of 1k and 10k posts with as many comments per post.
 */
export async function buildScaleDatabases(log: (line: string) => void): Promise<ScaleDatabases> {
  const directories: BenchDirectory[] = [];
  const directory = (label: string) => {
    const made = makeBenchDirectory(label);
    directories.push(made);
    return made;
  };
  const remove = () => {
    for (const made of directories) made.remove();
  };
  try {
    const demoPath = directory('scale-demo').databasePath;
    const demoThread = await seedDemoWithThread(demoPath);
    const growth = withDatabase(demoPath, (db) => THREAD_SIZES.map((size) => addThread(db, size)));

    const bigPath = directory('scale-big').databasePath;
    log(`scale: seeding ${formatInt(BIG_FORUM.posts)} posts and ${formatInt(BIG_FORUM.comments)} comments`);
    const big = withDatabase(bigPath, (db) => {
      const started = performance.now();
      seedBulk(db, {
        ...BIG_FORUM,
        onProgress: (done, total, phase) => {
          if (done === total || done % 250_000 === 0)
            log(`scale: ${phase} ${formatInt(done)}/${formatInt(total)}`);
        },
      });
      const seedSeconds = (performance.now() - started) / 1000;
      // As `npm run seed` does after a bulk load: fresh statistics for the query planner.
      db.pragma('optimize');
      return { path: bigPath, seedSeconds, thread: addThread(db, 100) };
    });

    const commentsPerPost = BIG_FORUM.comments / BIG_FORUM.posts;
    const smaller = SMALLER_FORUMS.map((posts) => {
      const path = directory(`scale-${posts}`).databasePath;
      withDatabase(path, (db) => {
        seedBulk(db, { posts, comments: posts * commentsPerPost });
        db.pragma('optimize');
      });
      return { posts, path };
    });
    return { demo: { path: demoPath, thread: demoThread, growth }, big, smaller, remove };
  } catch (error) {
    remove();
    throw error;
  }
}
