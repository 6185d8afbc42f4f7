// Search through the server (issue #15): GET /search?q=… req/s on the 100k-discussion forum, as a
// ratio to the bare-Fastify baseline measured right before it, like every other server figure
// (bench/server-load.ts): the machine is shared, and absolute req/s drift with its load.
import { loadavg } from 'node:os';
import {
  CONNECTIONS,
  type Durations,
  type LoadResult,
  median,
  summarize,
  warmAndLoad,
} from './support/load.ts';
import { ensureBuilt, startApp, startBaseline } from './support/servers.ts';
import { formatInt, formatMs, formatRatio, type Row } from './support/table.ts';

/** The bare route needs no warming beyond its connections (as in bench/server-load.ts). */
const BASELINE_WARMUP_SECONDS = 1;

/**
 * What the connections ask for, in turn: every kind of query bench/search.ts times, page 1, and
 * one deep page. bench1… are the bulk seeder's authors.
 */
export const SERVER_QUERIES = [
  'the',
  'timeout',
  'rickshaw',
  'saffron',
  '"last write wins"',
  '"service worker caching"',
  'cach*',
  'offl*',
  'ज़िंदगी',
  'परीक्षा',
  'author:bench7',
  'author:bench42 cache',
  'sqlite&page=10',
].map((query) => {
  const [text, page] = query.split('&');
  return `/search?q=${encodeURIComponent(text as string)}${page === undefined ? '' : `&${page}`}`;
});

export async function benchSearchServer(
  databasePath: string,
  durations: Durations,
  log: (line: string) => void,
): Promise<Row[]> {
  ensureBuilt();
  const baseline = await startBaseline();
  const app = await startApp(databasePath);
  try {
    const pairs: { search: LoadResult; base: LoadResult }[] = [];
    const loads: number[] = [];
    for (let round = 1; round <= durations.rounds; round++) {
      const base = await warmAndLoad(
        { url: baseline.url, connections: CONNECTIONS, seconds: durations.seconds, expect: (s) => s === 200 },
        { ...durations, warmupSeconds: Math.min(durations.warmupSeconds, BASELINE_WARMUP_SECONDS) },
      );
      let next = 0;
      const search = await warmAndLoad(
        {
          url: app.url,
          connections: CONNECTIONS,
          seconds: durations.seconds,
          expect: (s) => s === 200,
          setupRequest: (request) => {
            request.path = SERVER_QUERIES[next++ % SERVER_QUERIES.length] as string;
            return request;
          },
        },
        durations,
      );
      pairs.push({ search, base });
      loads.push(loadavg()[0] ?? Number.NaN);
      log(
        `search server round ${round}/${durations.rounds}: ${formatInt(search.rps)} req/s (baseline ${formatInt(base.rps)}), p99 ${formatMs(search.p99)}`,
      );
    }
    const search = summarize(pairs.map((pair) => pair.search));
    const base = summarize(pairs.map((pair) => pair.base));
    const ratio = median(pairs.map((pair) => pair.search.rps / pair.base.rps));
    const serverErrors = app.stderrTail().trim();
    if (serverErrors) log(`the app wrote to stderr during the search load:\n${serverErrors}`);
    return [
      {
        part: 'Search',
        figure: `GET /search req/s, ${CONNECTIONS} connections, ${SERVER_QUERIES.length} queries in turn: ÷ bare Fastify`,
        measured: `${formatInt(search.rps)} ÷ ${formatInt(base.rps)} req/s, p50 / p99 ${formatMs(search.p50)} / ${formatMs(search.p99)}`,
        ratio: formatRatio(ratio),
        target: '—',
        verdict: search.errors > 0 ? 'FAIL' : 'INFO',
        note: `median of ${pairs.length} rounds, the baseline right before each; ${formatInt(search.errors)} errors; load average ${loads.map((load) => load.toFixed(1)).join(', ')} on the machine`,
      },
    ];
  } finally {
    await app.stop();
    await baseline.stop();
  }
}
