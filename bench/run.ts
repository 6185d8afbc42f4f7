// npm run bench                      server, browser, bytes and read-ahead parts, full durations (about 10 minutes)
// npm run bench -- --quick           the same with short durations and one round: a smoke run
// npm run bench -- --scale           adds the 100k-post / 1M-comment database part (builds a big database)
// npm run bench -- --only server,bytes   runs only the named parts (server, browser, bytes, read-ahead, lighthouse, scale)
// Prints the table and writes it as Markdown to bench/results.md (quick runs: bench/results-quick.md).
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchBrowser, FULL_SAMPLES, QUICK_SAMPLES } from './browser.ts';
import { benchBytes } from './bytes.ts';
import { benchLighthouse, FULL_RUNS, QUICK_RUNS } from './lighthouse.ts';
import { benchReadAhead } from './read-ahead.ts';
import { benchScale } from './scale.ts';
import { benchServer } from './server-load.ts';
import { CONNECTIONS, type Durations, FULL, QUICK } from './support/load.ts';
import { stopAllProcesses } from './support/processes.ts';
import { consoleTable, markdownTable, type Row } from './support/table.ts';

const PARTS = ['server', 'browser', 'bytes', 'read-ahead', 'lighthouse', 'scale'] as const;
type Part = (typeof PARTS)[number];
/** The full run's table, which the README quotes; a smoke run must not overwrite it. */
const RESULTS_PATH = join(import.meta.dirname, 'results.md');
const QUICK_RESULTS_PATH = join(import.meta.dirname, 'results-quick.md');
/** Set on Ctrl-C: a part cut short must not leave its partial table in the results file. */
let interrupted = false;

function chooseParts(only: string | undefined, scale: boolean): Part[] {
  // Lighthouse (five runs of two pages, some 8 minutes) runs only when named: --only lighthouse.
  if (only === undefined) {
    return scale
      ? PARTS.filter((part) => part !== 'lighthouse')
      : ['server', 'browser', 'bytes', 'read-ahead'];
  }
  const names = only.split(',').map((name) => name.trim());
  for (const name of names) {
    if (!PARTS.includes(name as Part)) throw new Error(`--only takes ${PARTS.join(', ')}; got "${name}"`);
  }
  return PARTS.filter((part) => names.includes(part));
}

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

const USAGE = `Usage: npm run bench [-- --quick] [--scale] [--only server,browser,bytes,read-ahead,lighthouse,scale]
  --quick   short loads and one round: a smoke run, not figures to quote
  --scale   also build the 100k-post / 1M-comment database and measure at scale
  --only    run only the named parts
The table goes to bench/results.md (quick runs: bench/results-quick.md).`;

function header(parts: readonly Part[], durations: Durations, startedAt: Date, seconds: number): string {
  const cpu = cpus();
  const args = process.argv.slice(2);
  const command = ['npm run bench', ...(args.length > 0 ? ['--', ...args] : [])].join(' ');
  const quick = durations === QUICK;
  return [
    '# Charcha benchmark results',
    '',
    `Command: \`${command}\` (${quick ? 'quick smoke run, not figures to quote' : 'full run'}; parts: ${parts.join(', ')}).`,
    `Run on ${startedAt.toISOString()} in ${Math.round(seconds)} s; Node ${process.version}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}.`,
    '',
    `Server and scale figures: autocannon on loopback, ${CONNECTIONS} connections, ${durations.warmupSeconds} s warm-up, then`,
    `${durations.seconds} s per measurement, median of ${durations.rounds} round${durations.rounds === 1 ? '' : 's'}. Ratios divide the app's requests per second by`,
    'those of a bare Fastify route returning a constant string, measured in the same rounds on the same machine',
    '(shared, 2 cores: absolute numbers drift, ratios much less). Server and load generator share the cores.',
    `Browser figures: medians of ${quick ? QUICK_SAMPLES : FULL_SAMPLES} navigations in Debian\u2019s Chromium, from navigation start.`,
    `Lighthouse figures: Lighthouse 12.2.3, mobile profile (simulated throttling), medians of ${quick ? QUICK_RUNS : FULL_RUNS} runs.`,
    '',
    '',
  ].join('\n');
}

const titleCase = (part: string): string => `${part[0]?.toUpperCase() ?? ''}${part.slice(1)}`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      scale: { type: 'boolean', default: false },
      only: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const parts = chooseParts(values.only, values.scale);
  const durations = values.quick ? QUICK : FULL;
  const startedAt = new Date();
  const rows: Row[] = [];
  let crashed = false;
  const runners: Record<Part, () => Promise<Row[]>> = {
    server: () => benchServer(durations, log),
    browser: () => benchBrowser({ quick: values.quick }, log),
    bytes: () => benchBytes(log),
    'read-ahead': () => benchReadAhead({ quick: values.quick }, log),
    lighthouse: () => benchLighthouse({ quick: values.quick }, log),
    scale: () => benchScale(durations, log),
  };
  for (const part of parts) {
    log(`— ${part} —`);
    try {
      rows.push(...(await runners[part]()));
    } catch (error) {
      // One broken part must not hide the others' figures.
      crashed = true;
      log(`${part} failed: ${(error as Error).stack ?? String(error)}`);
      const message = (error as Error).message.split('\n')[0];
      rows.push({
        part: titleCase(part),
        figure: 'the whole part',
        measured: '—',
        ratio: '—',
        target: '—',
        verdict: 'FAIL',
        note: `crashed: ${message}`,
      });
    } finally {
      await stopAllProcesses();
    }
  }
  const seconds = (Date.now() - startedAt.getTime()) / 1000;
  console.log(`\n${consoleTable(rows)}\n`);
  if (interrupted) return 130;
  const path = durations === QUICK ? QUICK_RESULTS_PATH : RESULTS_PATH;
  writeFileSync(path, `${header(parts, durations, startedAt, seconds)}${markdownTable(rows)}\n`);
  log(`wrote ${path}`);
  // Missed targets are results, not failures of the run; a crashed part is.
  return crashed ? 1 : 0;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    void stopAllProcesses().finally(() => process.exit(130));
  });
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`bench: ${(error as Error).message}\n\n${USAGE}`);
  process.exitCode = 2;
} finally {
  await stopAllProcesses();
}
