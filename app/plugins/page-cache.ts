import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { RENDER_CACHE_DEFAULT_MB } from '../config.ts';
import { type EncodedBody, encodeBody, encodedSize, sendEncoded } from '../encoding.ts';
import { HTML } from './views.ts';

/**
 * Rendered pages are kept until anything they show changes. The caller names
 * the data version (a thread's revision, the database's version); the key adds
 * the URL, the viewer and the minute, since pages say "3 minutes ago". Each page
 * is stored plain and compressed (brotli and gzip) once, with its ETag, so a hit
 * costs no rendering, no compression and no hashing.
 */
const TIME_RESOLUTION_MS = 60_000;

interface CachedPage {
  etag: string;
  body: EncodedBody;
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

  constructor(private readonly budgetBytes: number) {}

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
    const size = encodedSize(entry.body);
    // One page may take a quarter of the budget: a giant thread must not flush every other page.
    if (size > this.budgetBytes / 4) return;
    this.entries.set(key, entry);
    this.bytes += size;
    for (const [oldKey, old] of this.entries) {
      if (this.bytes <= this.budgetBytes) break;
      this.entries.delete(oldKey);
      this.bytes -= encodedSize(old.body);
    }
  }
}

export default fp(
  async (app) => {
    const cache = new PageCache((app.config.renderCacheMb ?? RENDER_CACHE_DEFAULT_MB) * 1024 * 1024);
    // A deploy changes asset URLs inside every page, and a restart starts the database version
    // afresh: either must change every ETag too.
    const buildId = `${JSON.stringify(app.assets)}|${randomBytes(8).toString('hex')}`;
    const etagFor = (key: string) =>
      `W/"${createHash('sha1').update(buildId).update(key).digest('base64url').slice(0, 27)}"`;

    app.decorateReply(
      'cachedPage',
      async function (
        this: FastifyReply,
        dataVersion: string | number,
        template: string,
        load: () => Record<string, unknown>,
      ) {
        const { request } = this;
        const { user, cookies, url, headers } = request;
        // A logged-in page embeds a CSRF token for the browser's secret cookie; without that cookie it cannot be shared.
        if (user && !cookies._csrf) return this.page(template, load());
        const viewer = user ? `${user.id}.${user.karma}.${cookies._csrf}` : 'anonymous';
        const minute = Math.floor(Date.now() / TIME_RESOLUTION_MS);
        const key = `${url}|${viewer}|${dataVersion}|${minute}`;
        let page = cache.get(key);
        // Hashed only when the server has no copy: a hit reuses the ETag kept with the page.
        const etag = page?.etag ?? etagFor(key);
        this.type(HTML).header('etag', etag).header('vary', 'Cookie, Accept-Encoding');
        if (headers['if-none-match'] === etag) return this.code(304).send();
        if (page === undefined) {
          const html = Buffer.from(await this.renderPage(template, load()));
          page = { etag, body: encodeBody(html, 'page') };
          cache.set(key, page);
        }
        return sendEncoded(request, this, page.body);
      },
    );
  },
  { name: 'page-cache', dependencies: ['views', 'assets'] },
);
