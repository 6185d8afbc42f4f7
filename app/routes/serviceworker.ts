import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Eta } from 'eta';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { WorkerConfig } from '../../sw/shared/worker-config.ts';
import { PAGE_CACHE_DEFAULTS, READ_AHEAD_DEFAULTS } from '../config.ts';
import { EncodedBody, sendEncoded } from '../encoding.ts';
import { DIST_DIR } from '../plugins/assets.ts';
import { OFFLINE_PAGE_PATH, READ_AHEAD_LIST_PATH, SAVED_PAGES_PATH } from './offline.ts';
import { OFFLINE_SEARCH_PATH } from './search.ts';

const TEMPLATE_DIR = join(import.meta.dirname, '..', '..', 'sw');
const WORKER_BUNDLE = join(DIST_DIR, 'sw', 'worker.js');

function sha256(...parts: string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
}

/** Pages precached with the shell: each is rendered for nobody and must open offline. */
const PRECACHED_PAGES = [OFFLINE_PAGE_PATH, SAVED_PAGES_PATH, OFFLINE_SEARCH_PATH];

/**
 * Renders sw/serviceworker.eta: the worker bundle behind its config. The
 * version hashes the bundle, the precache list (hashed asset names) and the
 * precached pages' HTML, so a change to any of them changes the script's bytes
 * and browsers install the new worker.
 */
async function renderWorkerScript(app: FastifyInstance): Promise<string> {
  const bundle = readFileSync(WORKER_BUNDLE, 'utf8');
  const pages: string[] = [];
  for (const url of PRECACHED_PAGES) {
    const page = await app.inject({ method: 'GET', url });
    if (page.statusCode !== 200) throw new Error(`${url} answered ${page.statusCode}`);
    pages.push(page.body);
  }
  const precache = [...Object.values(app.assets), ...PRECACHED_PAGES];
  const config: WorkerConfig = {
    version: sha256(bundle, JSON.stringify(precache), ...pages).slice(0, 16),
    precache,
    offlinePage: OFFLINE_PAGE_PATH,
    savedPagesPage: SAVED_PAGES_PATH,
    offlineSearchPage: OFFLINE_SEARCH_PATH,
    pageCache: {
      maxEntries: app.config.pageCacheMaxEntries ?? PAGE_CACHE_DEFAULTS.maxEntries,
      maxAgeMs: (app.config.pageCacheMaxAgeS ?? PAGE_CACHE_DEFAULTS.maxAgeS) * 1000,
    },
    networkTimeoutMs: app.config.networkTimeoutMs,
    readAhead: {
      listUrl: app.config.readAheadDiscussions === 0 ? null : READ_AHEAD_LIST_PATH,
      budgetBytes: (app.config.readAheadBudgetKb ?? READ_AHEAD_DEFAULTS.budgetKb) * 1024,
    },
  };
  return new Eta({ views: TEMPLATE_DIR }).render('serviceworker', { config, bundle });
}

function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const candidate = tag.trim();
    return candidate === '*' || candidate === etag || candidate === `W/${etag}`;
  });
}

/**
 * GET /serviceworker.js at the site root, so the worker's scope is the whole
 * site (no Service-Worker-Allowed header needed). Rendered once, when the
 * server starts listening (or on the first request when it never listens, as
 * in inject-driven tests) and compressed once; `no-cache` makes browsers revalidate on every update
 * check, and the ETag makes that revalidation a 304.
 */
const serviceWorkerRoutes: FastifyPluginAsync = async (app) => {
  let rendered: Promise<{ body: EncodedBody; etag: string }> | undefined;
  const workerScript = () => {
    rendered ??= renderWorkerScript(app).then((script) => ({
      body: EncodedBody.ahead(Buffer.from(script)),
      etag: `"${sha256(script).slice(0, 27)}"`,
    }));
    return rendered;
  };
  app.addHook('onListen', async () => {
    await workerScript();
  });

  app.get('/serviceworker.js', async (request, reply) => {
    const { body, etag } = await workerScript();
    reply
      .header('content-type', 'application/javascript; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('etag', etag)
      .header('vary', 'Accept-Encoding');
    if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send();
    return sendEncoded(request, reply, body);
  });
};

export default serviceWorkerRoutes;
