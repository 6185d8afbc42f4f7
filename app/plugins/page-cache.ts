import { createHash, randomBytes } from 'node:crypto';
import { constants, gzipSync } from 'node:zlib';
import type { FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { HTML } from './views.ts';

/**
 * Rendered pages are kept until anything they show changes. The caller names
 * the data version (a thread's revision, the database's change counter); the
 * key adds the URL, the viewer and the minute, since pages say "3 minutes ago".
 * Each page is stored encoded and gzipped once, so a hit costs no rendering,
 * no encoding and no compression.
 */
const CACHE_BUDGET_BYTES = 32 * 1024 * 1024;
const TIME_RESOLUTION_MS = 60_000;

interface CachedPage {
  plain: Buffer;
  gzipped: Buffer;
}

declare module 'fastify' {
  interface FastifyReply {
    /**
     * Answers with the page for `dataVersion`: 304 when the browser has it,
     * the cached bytes when the server has them, otherwise renders and keeps them.
     */
    cachedPage(
      dataVersion: string | number,
      template: string,
      load: () => Record<string, unknown>,
    ): Promise<FastifyReply>;
  }
}

/** Least recently used eviction within a byte budget. */
export class PageCache {
  private entries = new Map<string, CachedPage>();
  private bytes = 0;

  get(key: string): CachedPage | undefined {
    const entry = this.entries.get(key);
    if (entry !== undefined) {
      // Map iteration order is insertion order: re-inserting makes this the most recently used.
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, entry: CachedPage): void {
    const size = entry.plain.length + entry.gzipped.length;
    if (size > CACHE_BUDGET_BYTES / 4) return;
    this.entries.set(key, entry);
    this.bytes += size;
    for (const [oldKey, old] of this.entries) {
      if (this.bytes <= CACHE_BUDGET_BYTES) break;
      this.entries.delete(oldKey);
      this.bytes -= old.plain.length + old.gzipped.length;
    }
  }
}

export default fp(
  async (app) => {
    const cache = new PageCache();
    // A deploy changes asset URLs inside every page, and a restart resets the database's change
    // counter: either must change every ETag too.
    const buildId = `${JSON.stringify(app.assets)}|${randomBytes(8).toString('hex')}`;

    app.decorateReply(
      'cachedPage',
      async function (
        this: FastifyReply,
        dataVersion: string | number,
        template: string,
        load: () => Record<string, unknown>,
      ) {
        const { user, cookies, url, headers } = this.request;
        // A logged-in page embeds a CSRF token for the browser's secret cookie; without that cookie it cannot be shared.
        if (user && !cookies._csrf) return this.page(template, load());
        const viewer = user ? `${user.id}.${user.karma}.${cookies._csrf}` : 'anonymous';
        const minute = Math.floor(Date.now() / TIME_RESOLUTION_MS);
        const key = `${url}|${viewer}|${dataVersion}|${minute}`;
        const etag = `W/"${createHash('sha1').update(buildId).update(key).digest('base64url').slice(0, 27)}"`;
        this.type(HTML).header('etag', etag).header('vary', 'Cookie, Accept-Encoding');
        if (headers['if-none-match'] === etag) return this.code(304).send();
        let page = cache.get(key);
        if (page === undefined) {
          const plain = Buffer.from(await this.renderPage(template, load()));
          page = { plain, gzipped: gzipSync(plain, { level: constants.Z_BEST_COMPRESSION }) };
          cache.set(key, page);
        }
        if (/\bgzip\b/.test(String(headers['accept-encoding'] ?? ''))) {
          return this.header('content-encoding', 'gzip').send(page.gzipped);
        }
        return this.send(page.plain);
      },
    );
  },
  { name: 'page-cache', dependencies: ['views', 'assets'] },
);
