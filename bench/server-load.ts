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
import { record, startReplay } from './support/replay.ts';
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
  /** Also measure this response replayed by a bare Fastify route: the figure's floor. */
  withFloor?: boolean;
  /** Set on a floor scenario: served by the replay process, not the app. */
  replayed?: boolean;
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
      withFloor: true,
      unavailable:
        worker.response.status === 200 ? undefined : `not available (GET answered ${worker.response.status})`,
    },
    {
      figure: 'Conditional GET of the thread page (304)',
      path: threadPath,
      expectStatus: 304,
      target: 0.6,
      revalidate: true,
      withFloor: true,
    },
    { figure: 'Hashed static asset (the stylesheet)', path: stylesheet, expectStatus: 200 },
  ];
  return scenarios;
}

/** What a browser sends for the scenario, less the validator. */
const requestHeaders = (scenario: ReadScenario) => ({
  // Every browser asks for compressed pages; the page cache keeps compressed copies for them.
  'accept-encoding': 'gzip, deflate, br',
  ...scenario.headers,
});

async function measureScenario(
  serverUrl: string,
  scenario: ReadScenario,
  durations: Durations,
): Promise<LoadResult> {
  const url = `${serverUrl}${scenario.path}`;
  const revalidation: Record<string, string> = scenario.revalidate
    ? { 'if-none-match': await etagForTheNext(url, durations.warmupSeconds + durations.seconds) }
    : {};
  return warmAndLoad(
    {
      url,
      connections: CONNECTIONS,
      seconds: durations.seconds,
      headers: { ...requestHeaders(scenario), ...revalidation },
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
    if (!scenario.replayed && (!worst || result.p99 > worst.p99))
      worst = { figure: scenario.figure, p99: result.p99 };
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

/**
 * Records the app's response for each scenario that asks for a floor and adds a scenario that
 * measures it replayed by a bare Fastify route. The app's ratio over the floor's is what its own
 * work costs; the floor's ratio is what the response itself costs (bytes, header lines).
 */
async function startFloors(app: StartedProcess, scenarios: ReadScenario[], directory: string) {
  const sources = scenarios.filter((scenario) => scenario.withFloor && !scenario.unavailable);
  const recorded = await Promise.all(
    sources.map(async (scenario) => {
      const url = `${app.url}${scenario.path}`;
      const validator: Record<string, string> = scenario.revalidate
        ? { 'if-none-match': await etagForTheNext(url, 1) }
        : {};
      const response = await record(app.url, scenario.path, { ...requestHeaders(scenario), ...validator });
      if (response.status !== scenario.expectStatus)
        throw new Error(`recording ${scenario.path} for its floor answered ${response.status}`);
      return response;
    }),
  );
  scenarios.push(
    ...sources.map((scenario, index) => ({
      figure: `${scenario.figure}: the same response from a bare Fastify route (floor)`,
      path: `/${index}`,
      expectStatus: scenario.expectStatus,
      headers: scenario.headers,
      replayed: true,
    })),
  );
  return startReplay(directory, recorded);
}

export async function benchServer(durations: Durations, log: (line: string) => void): Promise<Row[]> {
  ensureBuilt();
  const directory = makeBenchDirectory('server');
  const thread = await seedDemoWithThread(directory.databasePath);
  const writeThreads = withDatabase(directory.databasePath, (db) => addEmptyThreads(db, durations.rounds));
  const baseline = await startBaseline();
  const app = await startApp(directory.databasePath);
  let replay: StartedProcess | undefined;
  try {
    const threadPath = `/discuss/${thread.id}`;
    const sessions = await signUpMany(app.url, 'loadtest', WRITERS);
    const scenarios = await scenariosFor(app, threadPath, thread.comments, sessions[0] as Session);
    replay = await startFloors(app, scenarios, directory.dir);
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
        const result = await measureScenario(scenario.replayed ? replay.url : app.url, scenario, durations);
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
    await replay?.stop();
    await app.stop();
    await baseline.stop();
    directory.remove();
  }
}
