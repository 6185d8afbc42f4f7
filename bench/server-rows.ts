// The server part's table: each scenario's ratio to the baseline measured just before it, and the
// worst p99 latency.
import type { ReadScenario } from './server-scenarios.ts';
import { CONNECTIONS, type LoadResult, median, summarize } from './support/load.ts';
import { formatInt, formatMs, formatRatio, type Row, verdict } from './support/table.ts';

const PART = 'Server';
const P99_TARGET_MS = 25;

export /** One measurement of a scenario and of the baseline just before it. */
interface Pair {
  result: LoadResult;
  baseline: LoadResult;
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

export function rowsFor(scenarios: readonly ReadScenario[], pairs: Map<ReadScenario, Pair[]>): Row[] {
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
