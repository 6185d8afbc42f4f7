// Write throughput: comments per second from 50 concurrent writers through the real form post
// (session cookie, CSRF token), checked against what the database actually stored.
import type autocannon from 'autocannon';
import Database from 'better-sqlite3';
import type { Session } from './support/http.ts';
import {
  CONNECTIONS,
  type Durations,
  is2xxOr3xx,
  type LoadResult,
  load,
  median,
  summarize,
  warmAndLoad,
} from './support/load.ts';
import { formatInt, formatMs, formatRatio, type Row, verdict } from './support/table.ts';

const PART = 'Server';
const WRITES_TARGET_PER_S = 2_000;
/** Writers rotate over this many logged-in users, each with their own session and CSRF secret. */
export const WRITERS = 10;

export interface WriteTarget {
  baseUrl: string;
  /** The bare Fastify route, measured before each round to show how busy the machine was. */
  baselineUrl: string;
  sessions: readonly Session[];
  /** One empty discussion per round, so that each round starts from the same place. */
  threadIds: readonly number[];
  databasePath: string;
}

function storedComments(databasePath: string, threadIds: readonly number[]): number {
  const db = new Database(databasePath, { readonly: true });
  try {
    const placeholders = threadIds.map(() => '?').join(',');
    return Number(
      db
        .prepare(`SELECT count(*) FROM comments WHERE post_id IN (${placeholders})`)
        .pluck()
        .get(...threadIds),
    );
  } finally {
    db.close();
  }
}

/**
 * 50 writers posting comments to one discussion through the real form: a warm-up, then the
 * measured load. Each comment comes from the next user, with a body of its own.
 */
export async function writeComments(
  baseUrl: string,
  sessions: readonly Session[],
  threadId: number,
  durations: Pick<Durations, 'warmupSeconds' | 'seconds'>,
): Promise<{ warmup: LoadResult; result: LoadResult }> {
  let sent = 0;
  const setupRequest = (request: autocannon.Request): autocannon.Request => {
    const session = sessions[sent % sessions.length] as Session;
    sent++;
    return {
      ...request,
      method: 'POST',
      path: `/discuss/${threadId}/comments`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie },
      body: new URLSearchParams({
        _csrf: session.csrfToken,
        body: `Benchmark comment number ${sent} in ${threadId}, from ${session.username}.`,
      }).toString(),
    };
  };
  const options = { url: baseUrl, connections: CONNECTIONS, setupRequest, expect: is2xxOr3xx };
  const warmup = await load({ ...options, seconds: durations.warmupSeconds });
  const result = await load({ ...options, seconds: durations.seconds });
  return { warmup, result };
}

export async function benchWrites(
  { baseUrl, baselineUrl, sessions, threadIds, databasePath }: WriteTarget,
  durations: Durations,
  log: (line: string) => void,
): Promise<Row> {
  const figure = `Comments written per second, ${CONNECTIONS} concurrent writers`;
  const results: LoadResult[] = [];
  const ratios: number[] = [];
  let accepted = 0;
  for (const [index, threadId] of threadIds.entries()) {
    const baseline = await warmAndLoad(
      { url: baselineUrl, connections: CONNECTIONS, seconds: durations.seconds, expect: (s) => s === 200 },
      { ...durations, warmupSeconds: 1 },
    );
    const { warmup, result } = await writeComments(baseUrl, sessions, threadId, durations);
    accepted += warmup.successes + result.successes;
    results.push(result);
    ratios.push(result.rps / baseline.rps);
    log(
      `server writes ${index + 1}/${threadIds.length}: ${formatInt(result.rps)} comments/s, ${result.errors} errors`,
    );
  }
  const summary = summarize(results);
  const stored = storedComments(databasePath, threadIds);
  const problems = [
    summary.errors > 0 ? `${formatInt(summary.errors)} errors (${JSON.stringify(summary.statuses)})` : '',
    // More may be stored than answered (requests in flight when a load stops), never fewer.
    stored < accepted
      ? `${formatInt(accepted)} answered 2xx/3xx but only ${formatInt(stored)} comments were stored`
      : '',
  ].filter(Boolean);
  return {
    part: PART,
    figure,
    measured: `${formatInt(summary.rps)} comments/s, p99 ${formatMs(summary.p99)}, ${formatInt(summary.errors)} errors`,
    // For reading the absolute target on a busy machine; the target itself is absolute.
    ratio: formatRatio(median(ratios)),
    target: `≥ ${formatInt(WRITES_TARGET_PER_S)}/s, 0 errors`,
    verdict: verdict(summary.rps >= WRITES_TARGET_PER_S && problems.length === 0),
    note: problems.length > 0 ? problems.join('; ') : undefined,
  };
}
