import autocannon from 'autocannon';

/** How long each load runs, from --quick or the full mode. */
export interface Durations {
  warmupSeconds: number;
  seconds: number;
  /** Measurements per figure; the figure is their median. */
  rounds: number;
}

/** Connections for every server figure: the load, and Little's law's numerator. */
export const CONNECTIONS = 50;

export const FULL: Durations = { warmupSeconds: 3, seconds: 10, rounds: 3 };
export const QUICK: Durations = { warmupSeconds: 1, seconds: 3, rounds: 1 };

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
  method?: 'GET' | 'POST';
  /** Per-request changes (e.g. a different user for every comment). */
  setupRequest?: (request: autocannon.Request) => autocannon.Request;
  /** Statuses that count as success; anything else is an error... */
  expect: (status: number) => boolean;
  /** ...except these, which are neither (e.g. a 200 for a validator that just went stale). */
  tolerate?: (status: number) => boolean;
}

export interface LoadResult {
  /** Successful responses per second. */
  rps: number;
  p50: number;
  p99: number;
  successes: number;
  /** Responses with an unexpected status, plus connection errors and timeouts. */
  errors: number;
  statuses: Record<string, number>;
}

export async function load(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    method: options.method ?? 'GET',
    headers: options.headers,
    requests: options.setupRequest ? [{ setupRequest: options.setupRequest }] : undefined,
  });
  const statuses: Record<string, number> = {};
  let successes = 0;
  let unexpected = 0;
  for (const [status, { count = 0 }] of Object.entries(result.statusCodeStats ?? {})) {
    statuses[status] = Number(count);
    if (options.expect(Number(status))) successes += Number(count);
    else if (!options.tolerate?.(Number(status))) unexpected += Number(count);
  }
  return {
    rps: successes / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    successes,
    errors: unexpected + result.errors,
    statuses,
  };
}

/** Runs the load once unmeasured (JIT, caches, connection set-up), then measures it. */
export async function warmAndLoad(options: LoadOptions, durations: Durations): Promise<LoadResult> {
  await load({ ...options, seconds: durations.warmupSeconds });
  return load({ ...options, seconds: durations.seconds });
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Several measurements of one figure: the median throughput and latency, every error counted. */
export function summarize(results: readonly LoadResult[]): LoadResult {
  const statuses: Record<string, number> = {};
  for (const result of results) {
    for (const [status, count] of Object.entries(result.statuses))
      statuses[status] = (statuses[status] ?? 0) + count;
  }
  return {
    rps: median(results.map((result) => result.rps)),
    p50: median(results.map((result) => result.p50)),
    p99: median(results.map((result) => result.p99)),
    successes: results.reduce((sum, result) => sum + result.successes, 0),
    errors: results.reduce((sum, result) => sum + result.errors, 0),
    statuses,
  };
}

export const is2xx = (status: number): boolean => status >= 200 && status < 300;
export const is2xxOr3xx = (status: number): boolean => status >= 200 && status < 400;
