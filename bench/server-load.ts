// Server throughput: autocannon on loopback against the real app, as ratios to a bare Fastify
// route measured right before each measurement (this machine is shared; absolute numbers drift).
import { benchWrites, WRITERS } from './server-writes.ts';
import { addEmptyThreads, makeBenchDirectory, seedDemoWithThread, withDatabase } from './support/database.ts';
import { getText, linkedAssets, type Session, signUpMany } from './support/http.ts';
import {
  CONNECTIONS,
  type Durations,
  type LoadResult,
  median,
  summarize,
  warmAndLoad,
} from './support/load.ts';
import type { StartedProcess } from './support/processes.ts';
import { etagForTheNext } from './support/revalidation.ts';
import { ensureBuilt, startApp, startBaseline } from './support/servers.ts';
import { formatInt, formatMs, formatRatio, type Row, verdict } from './support/table.ts';

const PART = 'Server';
const P99_TARGET_MS = 25;
/** The bare route needs no warming beyond its connections; its measurement stays full length. */
const BASELINE_WARMUP_SECONDS = 1;

interface ReadScenario {
  figure: string;
  path: string;
  expectStatus: number;
  /** Minimum ratio of req/s to the baseline; undefined when the figure is for information. */
  target?: number;
  headers?: Record<string, string>;
  /** Sends If-None-Match with the page's current ETag; a 200 for a just-rotated one is not an error. */
  revalidate?: boolean;
  unavailable?: string;
}

/** One measurement of a scenario and of the baseline just before it. */
interface Pair {
  result: LoadResult;
  baseline: LoadResult;
}

async function scenariosFor(app: StartedProcess, threadPath: string, comments: number, reader: Session) {
  const worker = await getText(`${app.url}/serviceworker.js`);
  // The stylesheet the page links to, rather than dist/manifest.json: others may rebuild dist/.
  const stylesheet = linkedAssets((await getText(`${app.url}${threadPath}`)).body).styles[0];
  if (stylesheet === undefined) throw new Error(`${threadPath} links no stylesheet`);
  const scenarios: ReadScenario[] = [
    {
      figure: `Thread page, anonymous (1 post + ${comments} nested comments)`,
      path: threadPath,
      expectStatus: 200,
      target: 0.33,
    },
    {
      figure: 'Thread page, logged in',
      path: threadPath,
      expectStatus: 200,
      target: 0.25,
      headers: { cookie: reader.cookie },
    },
    { figure: 'Front page', path: '/', expectStatus: 200, target: 0.33 },
    {
      figure: '/serviceworker.js',
      path: '/serviceworker.js',
      expectStatus: 200,
      target: 0.6,
      unavailable:
        worker.response.status === 200 ? undefined : `not available (GET answered ${worker.response.status})`,
    },
    {
      figure: 'Conditional GET of the thread page (304)',
      path: threadPath,
      expectStatus: 304,
      target: 0.6,
      revalidate: true,
    },
    { figure: 'Hashed static asset (the stylesheet)', path: stylesheet, expectStatus: 200 },
  ];
  return scenarios;
}

async function measureScenario(
  appUrl: string,
  scenario: ReadScenario,
  durations: Durations,
): Promise<LoadResult> {
  const url = `${appUrl}${scenario.path}`;
  const revalidation: Record<string, string> = scenario.revalidate
    ? { 'if-none-match': await etagForTheNext(url, durations.warmupSeconds + durations.seconds) }
    : {};
  return warmAndLoad(
    {
      url,
      connections: CONNECTIONS,
      seconds: durations.seconds,
      // Every browser asks for compressed pages; the page cache keeps compressed copies for them.
      headers: { 'accept-encoding': 'gzip, deflate, br', ...scenario.headers, ...revalidation },
      expect: (status) => status === scenario.expectStatus,
      tolerate: scenario.revalidate ? (status) => status === 200 : undefined,
    },
    durations,
  );
}

/** Only the expected status counts towards req/s; say what else came back. */
function statusNote(scenario: ReadScenario, result: LoadResult): string | undefined {
  const others = Object.entries(result.statuses).filter(
    ([status]) => Number(status) !== scenario.expectStatus,
  );
  if (others.length === 0 && result.errors === 0) return undefined;
  const list = others.map(([status, count]) => `${formatInt(count)} × ${status}`).join(', ');
  if (result.errors === 0) {
    return `not counted: ${list} (the page changed during the load, so its ETag did)`;
  }
  return `${formatInt(result.errors)} errors: ${list || 'connection errors'}; only ${scenario.expectStatus}s count`;
}

function rowsFor(scenarios: readonly ReadScenario[], pairs: Map<ReadScenario, Pair[]>): Row[] {
  const all = [...pairs.values()].flat();
  const base = summarize(all.map((pair) => pair.baseline));
  const rows: Row[] = [
    {
      part: PART,
      figure: 'Baseline: bare Fastify, constant string',
      measured: `${formatInt(base.rps)} req/s, p99 ${formatMs(base.p99)}`,
      ratio: '1.00',
      target: '—',
      verdict: 'INFO',
      note: `median of ${all.length} measurements, one before each of the others; each ratio below is the median of its measurements divided by the baseline just before them`,
    },
  ];
  let worst: { figure: string; p99: number } | undefined;
  for (const scenario of scenarios) {
    const measured = pairs.get(scenario) ?? [];
    const target = scenario.target ? `≥ ${scenario.target}` : '—';
    if (scenario.unavailable || measured.length === 0) {
      rows.push({
        part: PART,
        figure: scenario.figure,
        measured: '—',
        ratio: '—',
        target,
        verdict: 'SKIP',
        note: scenario.unavailable,
      });
      continue;
    }
    const result = summarize(measured.map((pair) => pair.result));
    const ratio = median(measured.map((pair) => pair.result.rps / pair.baseline.rps));
    if (!worst || result.p99 > worst.p99) worst = { figure: scenario.figure, p99: result.p99 };
    const clean = result.errors === 0;
    rows.push({
      part: PART,
      figure: scenario.figure,
      measured: `${formatInt(result.rps)} req/s, p99 ${formatMs(result.p99)}`,
      ratio: formatRatio(ratio),
      target,
      verdict:
        scenario.target === undefined
          ? clean
            ? 'INFO'
            : 'FAIL'
          : verdict(ratio >= scenario.target && clean),
      note: statusNote(scenario, result),
    });
  }
  if (worst) {
    rows.push({
      part: PART,
      figure: `p99 latency at ${CONNECTIONS} connections, worst page`,
      measured: formatMs(worst.p99),
      ratio: '—',
      target: `< ${P99_TARGET_MS} ms`,
      verdict: verdict(worst.p99 < P99_TARGET_MS),
      note: `worst: ${worst.figure}. With ${CONNECTIONS} connections each waiting for its answer, mean latency is ${CONNECTIONS} ÷ req/s (Little's law): under ${P99_TARGET_MS} ms needs well over ${formatInt((1000 * CONNECTIONS) / P99_TARGET_MS)} req/s`,
    });
  }
  return rows;
}

export async function benchServer(durations: Durations, log: (line: string) => void): Promise<Row[]> {
  ensureBuilt();
  const directory = makeBenchDirectory('server');
  const thread = await seedDemoWithThread(directory.databasePath);
  const writeThreads = withDatabase(directory.databasePath, (db) => addEmptyThreads(db, durations.rounds));
  const baseline = await startBaseline();
  const app = await startApp(directory.databasePath);
  try {
    const threadPath = `/discuss/${thread.id}`;
    const sessions = await signUpMany(app.url, 'loadtest', WRITERS);
    const scenarios = await scenariosFor(app, threadPath, thread.comments, sessions[0] as Session);
    const pairs = new Map<ReadScenario, Pair[]>(scenarios.map((scenario) => [scenario, []]));
    for (let round = 1; round <= durations.rounds; round++) {
      for (const scenario of scenarios) {
        if (scenario.unavailable) continue;
        // The baseline right before each measurement, so that a noisy minute on the shared machine
        // hits both alike.
        const base = await warmAndLoad(
          {
            url: baseline.url,
            connections: CONNECTIONS,
            seconds: durations.seconds,
            expect: (s) => s === 200,
          },
          { ...durations, warmupSeconds: Math.min(durations.warmupSeconds, BASELINE_WARMUP_SECONDS) },
        );
        const result = await measureScenario(app.url, scenario, durations);
        pairs.get(scenario)?.push({ result, baseline: base });
        log(
          `server round ${round}/${durations.rounds}: ${scenario.figure}: ${formatInt(result.rps)} req/s (baseline ${formatInt(base.rps)}), p99 ${formatMs(result.p99)}`,
        );
      }
    }
    const rows = rowsFor(scenarios, pairs);
    const writes = {
      baseUrl: app.url,
      baselineUrl: baseline.url,
      sessions,
      threadIds: writeThreads,
      databasePath: directory.databasePath,
    };
    rows.push(await benchWrites(writes, durations, log));
    const serverErrors = app.stderrTail().trim();
    if (serverErrors) log(`the app wrote to stderr during the load:\n${serverErrors}`);
    return rows;
  } finally {
    await app.stop();
    await baseline.stop();
    directory.remove();
  }
}
