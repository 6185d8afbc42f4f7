// Server throughput: autocannon on loopback against the real app, as ratios to a bare Fastify
// route measured right before each measurement (this machine is shared; absolute numbers drift).
import { type Pair, rowsFor } from './server-rows.ts';
import { measureScenario, type ReadScenario, scenariosFor, startFloors } from './server-scenarios.ts';
import { benchWrites, WRITERS } from './server-writes.ts';
import { addEmptyThreads, makeBenchDirectory, seedDemoWithThread, withDatabase } from './support/database.ts';
import { type Session, signUpMany } from './support/http.ts';
import { CONNECTIONS, type Durations, warmAndLoad } from './support/load.ts';
import type { StartedProcess } from './support/processes.ts';
import { ensureBuilt, startApp, startBaseline } from './support/servers.ts';
import { formatInt, formatMs, type Row } from './support/table.ts';

/** The bare route needs no warming beyond its connections; its measurement stays full length. */
const BASELINE_WARMUP_SECONDS = 1;

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
