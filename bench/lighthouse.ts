// Lighthouse 12 (mobile profile: a mid-range phone, 4× CPU slowdown and a slow 4G link, simulated)
// on the demo forum's biggest discussions, the 136- and 163-comment threads: performance,
// accessibility, total blocking time and LCP, the median of several runs each, against issue 12's
// targets (performance ≥ 90, accessibility 100, TBT < 200 ms).
//
//   npx tsx bench/lighthouse.ts                 a real server on 127.0.0.1 over a new demo forum
//   npx tsx bench/lighthouse.ts --runs 3        fewer runs (default 5)
//   npx tsx bench/lighthouse.ts --url URL ...   pages of a server already running (e.g. an older build)
//   npm run bench -- --only lighthouse          the same figures in the bench table
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { makeBenchDirectory } from './support/database.ts';
import { launchChromium, type RunFigures, runLighthouse } from './support/lighthouse-run.ts';
import { median } from './support/load.ts';
import { ensureBuilt, startApp } from './support/servers.ts';
import { consoleTable, formatMs, type Row, verdict } from './support/table.ts';

const PART = 'Lighthouse';
export const FULL_RUNS = 5;
export const QUICK_RUNS = 1;
/** The demo forum's threads that issue 12 measured (136 and 163 comments); the seed is fixed, so they are always there. */
const BIG_THREAD_COMMENTS = 130;
const TARGETS = { performance: 90, accessibility: 100, tbtMs: 200 };

type Log = (line: string) => void;

interface Page {
  label: string;
  url: string;
}

/** The demo discussions with 130+ comments, from the server's own database. */
function bigThreads(databasePath: string, origin: string): Page[] {
  const db = new Database(databasePath, { readonly: true });
  try {
    const rows = db
      .prepare(
        'SELECT id, comment_count AS comments FROM posts WHERE deleted_at IS NULL AND comment_count >= ? ORDER BY comment_count',
      )
      .all(BIG_THREAD_COMMENTS) as { id: number; comments: number }[];
    return rows.map(({ id, comments }) => ({
      label: `${comments}-comment thread`,
      url: `${origin}/discuss/${id}`,
    }));
  } finally {
    db.close();
  }
}

const spread = (values: number[], format: (value: number) => string) =>
  values.length > 1 ? ` (${format(Math.min(...values))}–${format(Math.max(...values))})` : '';

function rowsFor(page: Page, runs: RunFigures[]): Row[] {
  const of = (key: keyof RunFigures) => runs.map((run) => run[key]);
  const performance = median(of('performance'));
  const accessibility = median(of('accessibility'));
  const tbt = median(of('tbtMs'));
  const lcp = median(of('lcpMs'));
  const whole = (value: number) => String(Math.round(value));
  const note = `median of ${runs.length} run${runs.length === 1 ? '' : 's'}, range in brackets; Lighthouse's CPU benchmark index ${whole(median(of('benchmarkIndex')))} (higher is faster; it falls when the machine is busy); ${page.url}`;
  return [
    {
      part: PART,
      figure: `Performance, mobile (${page.label})`,
      measured: `${whole(performance)}${spread(of('performance'), whole)}`,
      ratio: '—',
      target: `≥ ${TARGETS.performance}`,
      verdict: verdict(performance >= TARGETS.performance),
      note,
    },
    {
      part: PART,
      figure: `Accessibility (${page.label})`,
      measured: whole(accessibility),
      ratio: '—',
      target: String(TARGETS.accessibility),
      verdict: verdict(accessibility >= TARGETS.accessibility),
    },
    {
      part: PART,
      figure: `Total blocking time, mobile (${page.label})`,
      measured: `${formatMs(tbt)}${spread(of('tbtMs'), (value) => String(Math.round(value)))}`,
      ratio: '—',
      target: `< ${TARGETS.tbtMs} ms`,
      verdict: verdict(tbt < TARGETS.tbtMs),
    },
    {
      part: PART,
      figure: `Largest contentful paint, mobile (${page.label})`,
      measured: formatMs(lcp),
      ratio: '—',
      target: '—',
      verdict: 'INFO',
    },
  ];
}

/** Round by round across the pages, so that a spell of load on a shared machine falls on all of them alike. */
async function measure(pages: Page[], runs: number, log: Log): Promise<Row[]> {
  const results = pages.map((): RunFigures[] => []);
  for (let run = 0; run < runs; run++) {
    for (const [index, page] of pages.entries()) {
      // A browser per run: nothing carried over (Lighthouse also clears the origin's storage).
      const chromium = await launchChromium();
      try {
        const figures = await runLighthouse(page.url, chromium.port);
        log(
          `${page.label} run ${run + 1}/${runs}: performance ${figures.performance}, accessibility ${figures.accessibility}, ` +
            `TBT ${Math.round(figures.tbtMs)} ms, LCP ${Math.round(figures.lcpMs)} ms, CPU benchmark ${Math.round(figures.benchmarkIndex)}`,
        );
        results[index]?.push(figures);
      } finally {
        await chromium.stop();
      }
    }
  }
  return pages.flatMap((page, index) => rowsFor(page, results[index] ?? []));
}

/** A server of this checkout over a new demo forum, its big threads measured `runs` times each. */
async function measureDemoForum(runs: number, log: Log): Promise<Row[]> {
  ensureBuilt();
  const directory = makeBenchDirectory('lighthouse');
  const app = await startApp(directory.databasePath);
  try {
    const pages = bigThreads(directory.databasePath, app.url);
    if (pages.length === 0) throw new Error('the demo forum has no discussion with 130+ comments');
    return await measure(pages, runs, log);
  } finally {
    await app.stop();
    directory.remove();
  }
}

/** The bench part (bench/run.ts). */
export function benchLighthouse(options: { quick: boolean }, log: Log): Promise<Row[]> {
  return measureDemoForum(options.quick ? QUICK_RUNS : FULL_RUNS, log);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: String(FULL_RUNS) },
      url: { type: 'string', multiple: true },
    },
    strict: true,
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a whole number ≥ 1');
  const log: Log = (line) => process.stderr.write(`${line}\n`);
  const rows = values.url
    ? await measure(
        values.url.map((url) => ({ label: `${new URL(url).host}${new URL(url).pathname}`, url })),
        runs,
        log,
      )
    : await measureDemoForum(runs, log);
  console.log(consoleTable(rows));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
