// Search (issue #15): what keeping the full-text index exact costs people writing. 50 writers post
// comments through the real server, alternately with migration 004's comment trigger in place and
// dropped, on the same database and the same running server: with ÷ without is issue #15's
// write figure. bench/search.ts times the database side alone (one writer, no HTTP).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Db } from '../db/connection.ts';
import { seedBulk } from '../db/seed.ts';
import { WRITERS, writeComments } from './server-writes.ts';
import { addEmptyThreads, makeBenchDirectory, seedDemoWithThread, withDatabase } from './support/database.ts';
import { signUpMany } from './support/http.ts';
import { CONNECTIONS, FULL, median, QUICK } from './support/load.ts';
import { ensureBuilt, ROOT, startApp } from './support/servers.ts';
import { consoleTable, formatInt, formatRatio, type Row, verdict } from './support/table.ts';

const WRITE_RATIO_TARGET = 0.8;
const TRIGGER = 'search_comment_added';

/** The trigger exactly as migration 004 creates it, to put back after each run without it. */
function triggerSql(): string {
  const migration = readFileSync(join(ROOT, 'migrations', '004_search.sql'), 'utf8');
  const sql = new RegExp(`CREATE TRIGGER ${TRIGGER}[\\s\\S]*?\\nEND;`).exec(migration)?.[0];
  if (sql === undefined) throw new Error(`migrations/004_search.sql no longer creates ${TRIGGER}`);
  return sql;
}

/** How many of a discussion's comments the index holds, and how many it has. */
function indexedOf(db: Db, threadId: number): { indexed: number; comments: number } {
  return db
    .prepare(
      `SELECT (SELECT count(*) FROM search_index WHERE rowid IN (SELECT id FROM comments WHERE post_id = ?)) AS indexed,
              (SELECT count(*) FROM comments WHERE post_id = ?) AS comments`,
    )
    .get(threadId, threadId) as { indexed: number; comments: number };
}

export async function benchSearchWrites(
  quick: boolean,
  log: (line: string) => void,
  grow = { posts: 0, comments: 0 },
): Promise<Row> {
  ensureBuilt();
  const durations = quick ? QUICK : FULL;
  const rounds = Math.max(2, durations.rounds);
  const directory = makeBenchDirectory('search-writes');
  const path = directory.databasePath;
  await seedDemoWithThread(path);
  const threads = withDatabase(path, (db) => {
    if (grow.posts > 0) seedBulk(db, { ...grow, users: 1_000 });
    return addEmptyThreads(db, rounds * 2);
  });
  const createTrigger = triggerSql();
  const app = await startApp(path);
  try {
    const sessions = await signUpMany(app.url, 'searchwriter', WRITERS);
    const rates = { with: [] as number[], without: [] as number[] };
    for (let round = 0; round < rounds; round++) {
      // Alternating which goes first, so a machine that grows busier mid-round hits both alike.
      const order = round % 2 === 0 ? (['with', 'without'] as const) : (['without', 'with'] as const);
      for (const [step, kind] of order.entries()) {
        const threadId = threads[round * 2 + step] as number;
        if (kind === 'without') withDatabase(path, (db) => db.exec(`DROP TRIGGER ${TRIGGER}`));
        const { result } = await writeComments(app.url, sessions, threadId, durations);
        if (kind === 'without') withDatabase(path, (db) => db.exec(createTrigger));
        const { indexed, comments } = withDatabase(path, (db) => indexedOf(db, threadId));
        // The run measured what it says: every comment indexed with the trigger, none without it.
        if (indexed !== (kind === 'with' ? comments : 0) || result.errors > 0)
          throw new Error(`${kind} the index: ${indexed} of ${comments} indexed, ${result.errors} errors`);
        rates[kind].push(result.rps);
        log(`search writes ${round + 1}/${rounds} ${kind} the index: ${formatInt(result.rps)} comments/s`);
      }
    }
    const ratio = median(rates.with.map((rate, index) => rate / (rates.without[index] as number)));
    return {
      part: 'Search',
      figure: `Comments written per second, ${CONNECTIONS} writers through the server: with the search index ÷ without`,
      measured: `${formatInt(median(rates.with))} ÷ ${formatInt(median(rates.without))}`,
      ratio: formatRatio(ratio),
      target: `≥ ${WRITE_RATIO_TARGET}`,
      verdict: verdict(ratio >= WRITE_RATIO_TARGET),
      note: `${rounds} rounds of each, alternating; demo forum${grow.posts > 0 ? ` + ${formatInt(grow.posts)} discussions, ${formatInt(grow.comments)} comments` : ''}`,
    };
  } finally {
    await app.stop();
    directory.remove();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      posts: { type: 'string', default: '0' },
      comments: { type: 'string', default: '0' },
    },
    strict: true,
  });
  const grow = { posts: Number(values.posts), comments: Number(values.comments) };
  const row = await benchSearchWrites(values.quick, (line) => process.stderr.write(`${line}\n`), grow);
  console.log(`\n${consoleTable([row])}\n`);
  process.exitCode = row.verdict === 'FAIL' ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
