// Scale: a 100k-discussion, 1M-comment database against the small demo one, and how the cost of a
// page grows with the size of the thread (should be linear) and of the forum (should be flat).
// Every server here renders every request (RENDER_CACHE_MB=0): a cached page costs the same at any
// size of forum, so what can grow with the data is the work behind a cache miss.
import { linearity } from './scale-growth.ts';
import { measure, pageSize, type Target } from './scale-measurement.ts';
import { CONNECTIONS, type Durations } from './support/load.ts';
import type { StartedProcess } from './support/processes.ts';
import { BIG_FORUM, buildScaleDatabases, SMALLER_FORUMS, THREAD_SIZES } from './support/scale-data.ts';
import { ensureBuilt, startApp } from './support/servers.ts';
import { formatInt, formatKB, formatMs, formatRatio, type Row, verdict } from './support/table.ts';

const PART = 'Scale';
/**
 * One connection for the cost curves: the server renders one request at a time anyway, and with
 * more, a 5,000-comment page (200 ms) leaves the warm-up's requests queued into the measurement.
 */
const COST_CONNECTIONS = 1;
const SLOWDOWN_TARGET = 1.5;

export async function benchScale(durations: Durations, log: (line: string) => void): Promise<Row[]> {
  ensureBuilt();
  const databases = await buildScaleDatabases(log);
  const servers: StartedProcess[] = [];
  try {
    // All servers idle side by side while one of them is measured.
    const start = async (path: string) => {
      const server = await startApp(path, { RENDER_CACHE_MB: '0' });
      servers.push(server);
      return server;
    };
    const demo = await start(databases.demo.path);
    const big = await start(databases.big.path);
    const smaller = await Promise.all(databases.smaller.map((forum) => start(forum.path)));

    const at = (label: string, server: StartedProcess, path: string, connections = CONNECTIONS): Target => ({
      label,
      server,
      path,
      connections,
    });
    const comparisons = [
      {
        figure: `Thread page (${databases.demo.thread.comments} comments): slowdown on the big database`,
        small: at('demo thread', demo, `/discuss/${databases.demo.thread.id}`),
        large: at('big thread', big, `/discuss/${databases.big.thread.id}`),
      },
      {
        figure: 'Front page: slowdown on the big database',
        small: at('demo front page', demo, '/'),
        large: at('big front page', big, '/'),
      },
    ];
    const threadCosts = databases.demo.growth.map((thread) =>
      at(`thread of ${formatInt(thread.comments)} comments`, demo, `/discuss/${thread.id}`, COST_CONNECTIONS),
    );
    const frontCosts = [
      ...smaller.map((server, index) =>
        at(`front page, ${formatInt(SMALLER_FORUMS[index] ?? 0)} posts`, server, '/', COST_CONNECTIONS),
      ),
      at(`front page, ${formatInt(BIG_FORUM.posts)} posts`, big, '/', COST_CONNECTIONS),
    ];
    const all = [...comparisons.flatMap(({ small, large }) => [small, large]), ...threadCosts, ...frontCosts];
    const sizes = new Map(
      await Promise.all(all.map(async (target) => [target, await pageSize(target)] as const)),
    );
    const result = await measure(all, durations, log);
    /** Server time per request: the inverse of throughput, with the server as the bottleneck. */
    const msPerRequest = (target: Target) => 1000 / result(target).rps;
    const costRow = (target: Target, perComment?: number): Row => ({
      part: PART,
      figure: `Cost of the ${target.label}, rendered per request`,
      measured: [
        `${formatMs(msPerRequest(target))}/request`,
        perComment ? `${((1000 * msPerRequest(target)) / perComment).toFixed(1)} µs/comment` : '',
        `${formatKB(sizes.get(target) ?? 0)} page`,
      ]
        .filter(Boolean)
        .join(', '),
      ratio: '—',
      target: '—',
      verdict: 'INFO',
    });

    const rows: Row[] = [
      {
        part: PART,
        figure: `Seeder: ${formatInt(BIG_FORUM.posts)} posts + ${formatInt(BIG_FORUM.comments)} comments`,
        measured: `${databases.big.seedSeconds.toFixed(1)} s`,
        ratio: '—',
        target: '—',
        verdict: 'INFO',
        note: `${formatInt((BIG_FORUM.posts + BIG_FORUM.comments) / databases.big.seedSeconds)} rows/s`,
      },
    ];
    for (const { figure, small, large } of comparisons) {
      const slowdown = result(small).rps / result(large).rps;
      rows.push({
        part: PART,
        figure,
        measured: `${formatInt(result(large).rps)} req/s vs ${formatInt(result(small).rps)} on the demo`,
        ratio: formatRatio(slowdown),
        target: `≤ ${SLOWDOWN_TARGET}`,
        verdict: verdict(slowdown <= SLOWDOWN_TARGET),
      });
    }
    rows.push(...threadCosts.map((target, index) => costRow(target, THREAD_SIZES[index])));
    rows.push(
      linearity(
        threadCosts.map((target, index) => ({
          comments: THREAD_SIZES[index] ?? 0,
          ms: msPerRequest(target),
        })),
      ),
    );
    rows.push(...frontCosts.map((target) => costRow(target)));
    const [fewest, most] = [frontCosts[0], frontCosts.at(-1)] as [Target, Target];
    const growth = msPerRequest(most) / msPerRequest(fewest);
    rows.push({
      part: PART,
      figure: `Front page flatness: ${formatInt(BIG_FORUM.posts)} vs ${formatInt(SMALLER_FORUMS[0] ?? 0)} posts`,
      measured: `${formatMs(msPerRequest(most))} vs ${formatMs(msPerRequest(fewest))}`,
      ratio: formatRatio(growth),
      target: `≤ ${SLOWDOWN_TARGET}`,
      verdict: verdict(growth <= SLOWDOWN_TARGET),
    });
    const errors = all.reduce((sum, target) => sum + result(target).errors, 0);
    if (errors > 0) {
      rows.push({
        part: PART,
        figure: 'Responses other than 200 during the scale loads',
        measured: formatInt(errors),
        ratio: '—',
        target: '0',
        verdict: 'FAIL',
      });
    }
    return rows;
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    databases.remove();
  }
}
