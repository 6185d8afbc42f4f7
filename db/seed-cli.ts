// npm run seed                                 fill an empty database with the demo forum
// npm run seed -- --posts N --comments M       append N posts and M comments for benchmarks
// Either form takes --database PATH (default: $DATABASE_PATH or data/charcha.db).
import { parseArgs } from 'node:util';
import { DEMO_COST, hashPassword } from '../app/domain/passwords.ts';
import { openDatabase } from './connection.ts';
import { migrate } from './migrate.ts';
import { type BulkPhase, DEMO_PASSWORD, DEMO_USERNAMES, seedBulk, seedDemo } from './seed.ts';

const USAGE = `Usage:
  npm run seed [-- --database PATH]
      Fill an empty database with the demo forum.
  npm run seed -- --posts N --comments M [--database PATH]
      Append N discussions and M comments (benchmark data) to the database.

The database defaults to $DATABASE_PATH, or data/charcha.db.`;

function fail(message: string): never {
  process.stderr.write(`seed: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function count(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const text = raw.replaceAll('_', '');
  if (!/^\d+$/.test(text)) fail(`--${name} must be a non-negative whole number, got "${raw}"`);
  const value = Number(text);
  if (!Number.isSafeInteger(value)) fail(`--${name} is too large: ${raw}`);
  return value;
}

function parse() {
  // parseArgs reads "--posts -5" as a missing value followed by an option; say what is wrong instead.
  const argv = process.argv.slice(2);
  argv.forEach((arg, index) => {
    const next = argv[index + 1];
    if ((arg === '--posts' || arg === '--comments') && next !== undefined && /^-\d/.test(next)) {
      fail(`${arg} must be a non-negative whole number, got "${next}"`);
    }
  });
  try {
    return parseArgs({
      options: {
        posts: { type: 'string' },
        comments: { type: 'string' },
        database: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    return fail((error as Error).message);
  }
}

const seconds = (since: number): string => ((performance.now() - since) / 1000).toFixed(1);

async function main(): Promise<void> {
  const args = parse();
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const posts = count('posts', args.posts);
  const comments = count('comments', args.comments);
  if (args.database === '') fail('--database must not be empty');
  const bulk = posts !== undefined || comments !== undefined;
  if (bulk && (comments ?? 0) > 0 && (posts ?? 0) === 0) fail('--comments needs --posts greater than 0');

  const path = args.database ?? (process.env.DATABASE_PATH || 'data/charcha.db');
  const db = openDatabase(path);
  try {
    migrate(db);
    const started = performance.now();
    if (!bulk) {
      const users = Number(db.prepare('SELECT count(*) FROM users').pluck().get());
      const existingPosts = Number(db.prepare('SELECT count(*) FROM posts').pluck().get());
      if (users > 0 || existingPosts > 0) {
        process.stderr.write(
          `seed: ${path} already has ${users} users and ${existingPosts} posts; the demo forum only goes into an empty database.\n` +
            'Delete the file to start over, or add benchmark data with --posts N --comments M.\n',
        );
        process.exitCode = 1;
        return;
      }
      await seedDemo(db);
      const totals = db
        .prepare('SELECT (SELECT count(*) FROM posts) AS posts, (SELECT count(*) FROM comments) AS comments')
        .get() as { posts: number; comments: number };
      process.stdout.write(
        `Seeded the demo forum into ${path}: ${DEMO_USERNAMES.length} users, ${totals.posts} posts, ` +
          `${totals.comments} comments in ${seconds(started)} s.\n` +
          `Log in as ${DEMO_USERNAMES.join(', ')} with the password "${DEMO_PASSWORD}".\n`,
      );
      return;
    }

    let lastPhase: BulkPhase | undefined;
    const progress = (done: number, total: number, phase: BulkPhase): void => {
      if (lastPhase !== undefined && phase !== lastPhase) process.stderr.write('\n');
      lastPhase = phase;
      const percent = total === 0 ? 100 : Math.floor((done * 100) / total);
      process.stderr.write(`\r${phase} ${done}/${total} (${percent}%)`);
    };
    const result = seedBulk(db, {
      posts: posts ?? 0,
      comments: comments ?? 0,
      onProgress: progress,
      passwordHash: await hashPassword(DEMO_PASSWORD, DEMO_COST),
    });
    if (lastPhase !== undefined) process.stderr.write('\n');
    db.pragma('optimize');
    db.pragma('wal_checkpoint(TRUNCATE)');
    const names = result.usernames.length > 0 ? ` (${result.usernames[0]}…${result.usernames.at(-1)})` : '';
    process.stdout.write(
      `Added ${result.users} users${names}, ${result.posts} posts and ` +
        `${result.comments} comments to ${path} in ${seconds(started)} s.\n` +
        (result.users > 0 ? `The new users' password is "${DEMO_PASSWORD}".\n` : ''),
    );
  } finally {
    db.close();
  }
}

await main();
