// What a first visit downloads besides the page: the page script, the worker script, the CSS and
// everything the worker precaches. Sizes as served, raw and gzipped (zlib's default level, 6).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { makeBenchDirectory, seedDemoWithThread } from './support/database.ts';
import { linkedAssets } from './support/http.ts';
import { ensureBuilt, ROOT, startApp } from './support/servers.ts';
import { formatKB, type Row, verdict } from './support/table.ts';

const PART = 'Bytes';
const KB = 1024;
const SCRIPTS_GZIP_TARGET = 10 * KB;
const CSS_GZIP_TARGET = 8 * KB;
const PRECACHE_TARGET = 60 * KB;

interface Sized {
  url: string;
  raw: number;
  gzip: number;
}

async function sizeOf(baseUrl: string, url: string): Promise<Sized> {
  const response = await fetch(new URL(url, baseUrl));
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  return { url, raw: bytes.length, gzip: gzipSync(bytes).length };
}

const total = (items: readonly Sized[], key: 'raw' | 'gzip') =>
  items.reduce((sum, item) => sum + item[key], 0);
const rawAndGzip = (items: readonly Sized[]) =>
  `${formatKB(total(items, 'raw'))} raw, ${formatKB(total(items, 'gzip'))} gzip`;

/**
 * The worker script embeds its config (`"precache": [...]`); read the list from it. Without a
 * readable list, every hashed asset in dist/manifest.json stands in for it.
 */
function precacheList(workerScript: string | undefined): { urls: string[]; source: string } {
  const list =
    workerScript === undefined ? undefined : /"precache"\s*:\s*(\[[^\]]*\])/.exec(workerScript)?.[1];
  if (list !== undefined)
    return { urls: JSON.parse(list) as string[], source: 'the list in /serviceworker.js' };
  const manifest = JSON.parse(readFileSync(join(ROOT, 'dist', 'manifest.json'), 'utf8')) as Record<
    string,
    string
  >;
  return {
    urls: Object.values(manifest),
    source: `every hashed asset in dist/manifest.json (${workerScript === undefined ? 'no worker served' : 'no precache list found in the worker'})`,
  };
}

export async function benchBytes(log: (line: string) => void): Promise<Row[]> {
  ensureBuilt();
  const directory = makeBenchDirectory('bytes');
  const thread = await seedDemoWithThread(directory.databasePath);
  const app = await startApp(directory.databasePath);
  try {
    const page = await fetch(`${app.url}/discuss/${thread.id}`);
    const { scripts, styles } = linkedAssets(await page.text());
    const pageScripts = await Promise.all(scripts.map((url) => sizeOf(app.url, url)));
    const css = await Promise.all(styles.map((url) => sizeOf(app.url, url)));
    const workerResponse = await fetch(`${app.url}/serviceworker.js`);
    const workerScript = workerResponse.status === 200 ? await workerResponse.text() : undefined;
    const worker: Sized[] =
      workerScript === undefined
        ? []
        : [
            {
              url: '/serviceworker.js',
              raw: Buffer.byteLength(workerScript),
              gzip: gzipSync(workerScript).length,
            },
          ];
    const precache = precacheList(workerScript);
    const precached = await Promise.all(precache.urls.map((url) => sizeOf(app.url, url)));
    log(
      `bytes: page scripts ${scripts.join(', ')}; styles ${styles.join(', ')}; precache ${precache.urls.join(', ')}`,
    );

    const scriptsGzip = total(pageScripts, 'gzip') + total(worker, 'gzip');
    const workerMissing =
      workerScript === undefined ? `not available (GET answered ${workerResponse.status})` : undefined;
    return [
      {
        part: PART,
        figure: `Page JavaScript (${scripts.length} file${scripts.length === 1 ? '' : 's'})`,
        measured: rawAndGzip(pageScripts),
        ratio: '—',
        target: '—',
        verdict: 'INFO',
      },
      {
        part: PART,
        figure: 'Worker script (/serviceworker.js)',
        measured: workerMissing ? '—' : rawAndGzip(worker),
        ratio: '—',
        target: '—',
        verdict: workerMissing ? 'SKIP' : 'INFO',
        note: workerMissing,
      },
      {
        part: PART,
        figure: 'Worker + page JavaScript, gzip',
        measured: formatKB(scriptsGzip),
        ratio: '—',
        target: `≤ ${formatKB(SCRIPTS_GZIP_TARGET)}`,
        verdict: verdict(scriptsGzip <= SCRIPTS_GZIP_TARGET),
        note: workerMissing ? 'page JavaScript only: the worker is not available yet' : undefined,
      },
      {
        part: PART,
        figure: `CSS (${styles.length} file${styles.length === 1 ? '' : 's'}), gzip`,
        measured: rawAndGzip(css),
        ratio: '—',
        target: `≤ ${formatKB(CSS_GZIP_TARGET)} gzip`,
        verdict: verdict(total(css, 'gzip') <= CSS_GZIP_TARGET),
      },
      {
        part: PART,
        figure: `Precache total (${precached.length} URLs)`,
        measured: rawAndGzip(precached),
        ratio: '—',
        target: `≤ ${formatKB(PRECACHE_TARGET)} raw`,
        verdict: verdict(total(precached, 'raw') <= PRECACHE_TARGET),
        note: `read from ${precache.source}; largest: ${[...precached]
          .sort((a, b) => b.raw - a.raw)
          .slice(0, 3)
          .map((item) => `${item.url} ${formatKB(item.raw)}`)
          .join(', ')}`,
      },
    ];
  } finally {
    await app.stop();
    directory.remove();
  }
}
