// How the scale part loads its servers: one page of one server per target, every target once per
// round.
import { type Durations, type LoadResult, summarize, warmAndLoad } from './support/load.ts';
import type { StartedProcess } from './support/processes.ts';
import { formatInt } from './support/table.ts';

export interface Target {
  label: string;
  server: StartedProcess;
  path: string;
  connections: number;
}

export async function pageSize(target: Target): Promise<number> {
  const response = await fetch(`${target.server.url}${target.path}`, {
    headers: { 'accept-encoding': 'identity' },
  });
  return (await response.arrayBuffer()).byteLength;
}

/** Measures every target once per round, in turn, so that noise on the shared machine spreads evenly. */
export async function measure(targets: readonly Target[], durations: Durations, log: (line: string) => void) {
  const runs = new Map<Target, LoadResult[]>(targets.map((target) => [target, []]));
  for (let round = 1; round <= durations.rounds; round++) {
    for (const target of targets) {
      const result = await warmAndLoad(
        {
          url: `${target.server.url}${target.path}`,
          connections: target.connections,
          seconds: durations.seconds,
          headers: { 'accept-encoding': 'gzip, deflate, br' },
          expect: (status) => status === 200,
        },
        durations,
      );
      runs.get(target)?.push(result);
      log(`scale round ${round}/${durations.rounds}: ${target.label}: ${formatInt(result.rps)} req/s`);
    }
  }
  return (target: Target) => summarize(runs.get(target) ?? []);
}
