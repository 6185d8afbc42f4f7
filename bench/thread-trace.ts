// Where the main thread's time goes while the biggest demo thread loads, from a Chromium performance
// trace: milliseconds of parsing, style, layout, script and paint, the tasks over 50 ms and the
// blocking time they add up to (each long task's time beyond 50 ms, as Lighthouse's TBT counts it),
// under the 4× CPU slowdown of Lighthouse's mobile profile. Steadier than Lighthouse on a shared
// machine: it reports what the page made the browser do, not one simulated figure.
//
//   npx tsx bench/thread-trace.ts                  a server of this checkout over a new demo forum
//   npx tsx bench/thread-trace.ts --url A --url B  pages of servers already running, load by load (A/B)
//   --loads N (default 5), --slowdown N (default 4), --functions (the script's slowest functions)
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { launchChromium } from './support/browser-tools.ts';
import { makeBenchDirectory } from './support/database.ts';
import { median } from './support/load.ts';
import { ensureBuilt, startApp } from './support/servers.ts';
import { type Breakdown, breakdownOf, pageMainThread, type TraceEvent } from './support/trace-breakdown.ts';

/** The demo's 136-comment thread, issue 12's page (the seed is fixed). */
const THREAD_COMMENTS = 136;
/** Lighthouse's mobile screen. */
const VIEWPORT = { width: 412, height: 823 };
/** After load: the page script's later work (idle callbacks, worker answers) still counts in TBT. */
const AFTER_LOAD_MS = 3000;
const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'blink.user_timing',
  'loading',
  'toplevel',
];

/**
 * How much of the page the browser styled and laid out, from the trace's own counters: steady
 * under load, unlike the milliseconds. Content skipped by content-visibility counts in neither.
 */
interface Counts {
  /** Elements whose style was computed, summed over every style recalculation. */
  elementsStyled: number;
  /** Layout objects in the tree at the last layout. */
  layoutObjects: number;
}

type Load = Breakdown & Counts;

function countsOf(events: TraceEvent[]): Counts {
  let elementsStyled = 0;
  let layoutObjects = 0;
  let lastLayout = -1;
  for (const event of events) {
    if (event.name === 'UpdateLayoutTree' && event.ph === 'X') {
      const args = event.args as { elementCount?: number; endData?: { elementCount?: number } } | undefined;
      const count = args?.elementCount ?? args?.endData?.elementCount;
      elementsStyled += typeof count === 'number' ? count : 0;
    }
    if (event.name === 'Layout' && event.ph === 'X' && event.ts > lastLayout) {
      const total = event.args?.beginData?.totalObjects;
      if (typeof total === 'number') {
        layoutObjects = total;
        lastLayout = event.ts;
      }
    }
  }
  return { elementsStyled, layoutObjects };
}

async function traceLoad(url: string, slowdown: number): Promise<Load> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1.75, isMobile: true });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: slowdown });
    await browser.startTracing(page, { categories: CATEGORIES });
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(AFTER_LOAD_MS);
    const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
    const origin = new URL(url).origin;
    const { pid, tid } = pageMainThread(trace.traceEvents, origin);
    const pageEvents = trace.traceEvents.filter((event) => event.pid === pid && event.tid === tid);
    return { ...breakdownOf(trace.traceEvents, origin), ...countsOf(pageEvents) };
  } finally {
    await browser.close();
  }
}

function bigThreadUrl(databasePath: string, origin: string): string {
  const db = new Database(databasePath, { readonly: true });
  try {
    const row = db.prepare('SELECT id FROM posts WHERE comment_count = ?').get(THREAD_COMMENTS) as
      | { id: number }
      | undefined;
    if (!row) throw new Error(`the demo forum has no ${THREAD_COMMENTS}-comment discussion`);
    return `${origin}/discuss/${row.id}`;
  } finally {
    db.close();
  }
}

const ms = (value: number) => String(Math.round(value)).padStart(5);

function report(url: string, loads: Load[], functions: boolean): void {
  const of = (pick: (load: Load) => number) => median(loads.map(pick));
  const categories = [...new Set(loads.flatMap((load) => Object.keys(load.byCategory)))].sort();
  console.log(`\n${url}: median of ${loads.length} loads, ms of main-thread time`);
  for (const category of categories) {
    console.log(`  ${category.padEnd(22)}${ms(of((load) => load.byCategory[category] ?? 0))}`);
  }
  console.log(`  ${'all tasks'.padEnd(22)}${ms(of((load) => load.taskMs))}`);
  console.log(`  ${'elements styled'.padEnd(22)}${ms(of((load) => load.elementsStyled))}   (count, not ms)`);
  console.log(`  ${'layout objects'.padEnd(22)}${ms(of((load) => load.layoutObjects))}   (count, not ms)`);
  console.log(
    `  ${'long tasks (> 50 ms)'.padEnd(22)}${ms(of((load) => load.longTasks.length))}   per load: ${loads.map((load) => load.longTasks.length).join(', ')}`,
  );
  console.log(
    `  ${'blocking (TBT-like)'.padEnd(22)}${ms(of((load) => load.blockingMs))}   per load: ${loads.map((load) => Math.round(load.blockingMs)).join(', ')}`,
  );
  const middle = [...loads].sort((a, b) => a.blockingMs - b.blockingMs)[Math.floor(loads.length / 2)];
  if (!middle) return;
  console.log('  long tasks of the median load:');
  for (const task of middle.longTasks) {
    const parts = Object.entries(task.byCategory)
      .filter(([, value]) => value >= 1)
      .sort((a, b) => b[1] - a[1])
      .map(([category, value]) => `${category} ${Math.round(value)}`)
      .join(', ');
    console.log(`    at ${ms(task.startMs)} ms: ${ms(task.durationMs)} ms (${parts})`);
  }
  const other = Object.entries(middle.otherByName)
    .filter(([, value]) => value >= 5)
    .sort((a, b) => b[1] - a[1])
    .map(([name, value]) => `${name} ${Math.round(value)}`);
  console.log(`  "other", median load: ${other.join(', ')}`);
  if (!functions) return;
  console.log('  script by entry point, median load:');
  for (const [name, value] of Object.entries(middle.scriptByEntry)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 15)) {
    console.log(`    ${ms(value)}  ${name}`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string', multiple: true },
      loads: { type: 'string', default: '5' },
      slowdown: { type: 'string', default: '4' },
      functions: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const loads = Number(values.loads);
  const slowdown = Number(values.slowdown);
  let urls = values.url ?? [];
  let stop = async () => {};
  if (urls.length === 0) {
    ensureBuilt();
    const directory = makeBenchDirectory('thread-trace');
    const app = await startApp(directory.databasePath);
    urls = [bigThreadUrl(directory.databasePath, app.url)];
    stop = async () => {
      await app.stop();
      directory.remove();
    };
  }
  try {
    const results = urls.map((): Load[] => []);
    // Load by load across the URLs, so that a spell of load on a shared machine falls on all alike.
    for (let load = 0; load < loads; load++) {
      for (const [index, url] of urls.entries()) results[index]?.push(await traceLoad(url, slowdown));
    }
    for (const [index, url] of urls.entries()) report(url, results[index] ?? [], values.functions);
  } finally {
    await stop();
  }
}

await main();
