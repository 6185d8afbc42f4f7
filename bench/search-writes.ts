// Search (issue #15): what keeping the full-text index exact costs people writing. 50 writers post
// comments through the real server, alternately with the comment trigger of migrations 004 and 011
// in place and dropped, on the same database and the same running server: with ÷ without is issue #15's
// write figure. bench/search.ts times the database side alone (one writer, no HTTP).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import type { Db } from '../db/connection.ts';
import { seedBulk } from '../db/seed.ts';
import { WRITERS, writeComments } from './server-writes.ts';
import { addEmptyThreads, makeBenchDirectory, seedDemoWithThread, withDatabase } from './support/database.ts';
import { signUpMany } from './support/http.ts';
import { CONNECTIONS, FULL, is2xxOr3xx, median, QUICK } from './support/load.ts';
import { ensureBuilt, ROOT, startApp } from './support/servers.ts';
import { consoleTable, formatInt, formatRatio, type Row, verdict } from './support/table.ts';

const WRITE_RATIO_TARGET = 0.8;
const TRIGGER = 'search_comment_added';

/** The file that last creates the trigger: it is put back exactly so after each run without it. */
const TRIGGER_MIGRATION = '011_search_indexed_at_commit.sql';

/** The trigger exactly as its migration creates it, to put back after each run without it. */
function triggerSql(): string {
  const migration = readFileSync(join(ROOT, 'migrations', TRIGGER_MIGRATION), 'utf8');
  const sql = new RegExp(`CREATE TRIGGER ${TRIGGER}[\\s\\S]*?\\nEND;`).exec(migration)?.[0];
  if (sql === undefined) throw new Error(`migrations/${TRIGGER_MIGRATION} no longer creates ${TRIGGER}`);
  return sql;
}

/** Linux's clock ticks per second, the unit of /proc/<pid>/stat's CPU times. */
const CLOCK_TICKS_PER_S = 100;

/**
 * The server's CPU time so far, and the bytes it sent to storage (Linux /proc: the WAL and the
 * checkpoints). Per comment, they say what a write cost the server whatever else the machine was
 * running, which the throughput figure, shared with autocannon and other jobs on 2 cores, cannot.
 */
function serverCost(pid: number): { cpuMs: number; writtenBytes: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesized command name: utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const written = /^write_bytes: (\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1];
  return { cpuMs: (ticks * 1000) / CLOCK_TICKS_PER_S, writtenBytes: Number(written) };
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

const SETTLE_MS = 250;

/**
 * autocannon stops at its deadline with requests still in flight, and the server goes on storing
 * them: the trigger is put back only once the discussion has stopped growing, or the last comments
 * of a run without the index would be indexed (it happened once: 1 of 11,313).
 */
async function untilSettled(path: string, threadId: number): Promise<void> {
  const count = () => {
    const db = new Database(path, { readonly: true });
    try {
      return indexedOf(db, threadId).comments;
    } finally {
      db.close();
    }
  };
  for (let last = -1, now = count(); now !== last; last = now, now = count())
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
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
    const cpuPerComment = { with: [] as number[], without: [] as number[] };
    const kbPerComment = { with: [] as number[], without: [] as number[] };
    let unanswered = 0;
    for (let round = 0; round < rounds; round++) {
      // Alternating which goes first, so a machine that grows busier mid-round hits both alike.
      const order = round % 2 === 0 ? (['with', 'without'] as const) : (['without', 'with'] as const);
      for (const [step, kind] of order.entries()) {
        const threadId = threads[round * 2 + step] as number;
        if (kind === 'without') withDatabase(path, (db) => db.exec(`DROP TRIGGER ${TRIGGER}`));
        const before = serverCost(app.pid);
        const { result } = await writeComments(app.url, sessions, threadId, durations);
        await untilSettled(path, threadId);
        const after = serverCost(app.pid);
        if (kind === 'without') withDatabase(path, (db) => db.exec(createTrigger));
        const { indexed, comments } = withDatabase(path, (db) => indexedOf(db, threadId));
        // The run measured what it says: every comment indexed with the trigger, none without it.
        // Refused writes stop the bench; requests autocannon gave up on (its 10 s timeout, on a
        // machine that busy) are counted and reported, and their comments are checked like the rest.
        const refused = Object.entries(result.statuses).filter(([status]) => !is2xxOr3xx(Number(status)));
        if (indexed !== (kind === 'with' ? comments : 0) || refused.length > 0)
          throw new Error(
            `${kind} the index: ${indexed} of ${comments} indexed, ${JSON.stringify(refused)} refused`,
          );
        unanswered += result.errors;
        rates[kind].push(result.rps);
        // Per comment stored, warm-up included: the counters cannot tell it from the measured load.
        cpuPerComment[kind].push((after.cpuMs - before.cpuMs) / comments);
        kbPerComment[kind].push((after.writtenBytes - before.writtenBytes) / 1024 / comments);
        log(
          `search writes ${round + 1}/${rounds} ${kind} the index: ${formatInt(result.rps)} comments/s, ` +
            `server CPU ${(cpuPerComment[kind].at(-1) as number).toFixed(2)} ms and ` +
            `${(kbPerComment[kind].at(-1) as number).toFixed(1)} KB written a comment`,
        );
      }
    }
    const ratio = median(rates.with.map((rate, index) => rate / (rates.without[index] as number)));
    const cpuRatio = median(cpuPerComment.without) / median(cpuPerComment.with);
    log(
      `search writes, server cost a comment, median: CPU ${median(cpuPerComment.with).toFixed(2)} ms with the index, ` +
        `${median(cpuPerComment.without).toFixed(2)} ms without (without ÷ with ${formatRatio(cpuRatio)}); ` +
        `written ${median(kbPerComment.with).toFixed(1)} KB with, ${median(kbPerComment.without).toFixed(1)} KB without`,
    );
    return {
      part: 'Search',
      figure: `Comments written per second, ${CONNECTIONS} writers through the server: with the search index ÷ without`,
      measured: `${formatInt(median(rates.with))} ÷ ${formatInt(median(rates.without))}`,
      ratio: formatRatio(ratio),
      target: `≥ ${WRITE_RATIO_TARGET}`,
      verdict: verdict(ratio >= WRITE_RATIO_TARGET),
      note: `server CPU a comment without ÷ with ${formatRatio(cpuRatio)}; ${unanswered} requests unanswered; ${rounds} rounds of each, alternating; demo forum${grow.posts > 0 ? ` + ${formatInt(grow.posts)} discussions, ${formatInt(grow.comments)} comments` : ''}`,
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
