import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { RENDER_CACHE_DEFAULT_MB } from '../config.ts';
import { EncodedBody, sendEncoded } from '../encoding.ts';
import { pageAddress } from '../page-address.ts';
import { HTML } from './views.ts';

/** Pages say "3 minutes ago": a kept page is good for the minute it was rendered in. */
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

/** Tells one browser's CSRF secret from another's without keeping the secret itself. */
function secretDigest(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

/** Least recently used eviction within a byte budget. */
export class PageCache {
  private entries = new Map<string, { page: CachedPage; size: number }>();
  private bytes = 0;

  constructor(private readonly budgetBytes: number) {}

  get(key: string): CachedPage | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    // Map iteration order is insertion order: re-inserting makes this the most recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.page;
  }

  /** Stores a page, or counts it again after it grew (a compressed copy was added). */
  set(key: string, page: CachedPage): void {
    const size = page.body.size;
    const previous = this.entries.get(key);
    if (previous !== undefined) {
      this.entries.delete(key);
      this.bytes -= previous.size;
    }
    // One page may take a quarter of the budget: a giant thread must not flush every other page.
    if (size > this.budgetBytes / 4) return;
    this.entries.set(key, { page, size });
    this.bytes += size;
    for (const [oldKey, old] of this.entries) {
      if (this.bytes <= this.budgetBytes) break;
      this.entries.delete(oldKey);
      this.bytes -= old.size;
    }
  }
}

/**
 * Rendered pages are kept until anything they show changes. The caller names
 * the data version (a discussion's revision, the database's version); the key adds
 * the page's address (see pageAddress), the viewer and the minute. A page is kept with its ETag and compressed
 * once per encoding asked for, so a hit costs no rendering, no compression and no hashing.
 */
export default fp(
  async (app) => {
    const budgetBytes = (app.config.renderCacheMb ?? RENDER_CACHE_DEFAULT_MB) * 1024 * 1024;
    const cache = new PageCache(budgetBytes);
    /**
     * Renders in progress: after a write to a busy thread, every reader misses at once, and they
     * share one rendering instead of each doing it. Off with the cache (RENDER_CACHE_MB=0),
     * whose point is to render every request.
     */
    const rendering = new Map<string, Promise<CachedPage>>();
    // A deploy changes asset URLs inside every page, and a restart starts the database version
    // afresh: either must change every ETag too.
    const buildId = `${JSON.stringify(app.assets)}|${randomBytes(8).toString('hex')}`;
    const etagFor = (key: string) =>
      `W/"${createHash('sha1').update(buildId).update(key).digest('base64url').slice(0, 27)}"`;

    type Load = () => Record<string, unknown>;

    async function render(reply: FastifyReply, etag: string, template: string, load: Load) {
      const html = Buffer.from(await reply.renderPage(template, load()));
      return { etag, body: new EncodedBody(html, 'page') };
    }

    function renderOnce(reply: FastifyReply, key: string, etag: string, template: string, load: Load) {
      if (budgetBytes === 0) return render(reply, etag, template, load);
      let pending = rendering.get(key);
      if (pending === undefined) {
        pending = render(reply, etag, template, load).finally(() => rendering.delete(key));
        rendering.set(key, pending);
      }
      return pending;
    }

    app.decorateReply(
      'cachedPage',
      async function (this: FastifyReply, dataVersion: string | number, template: string, load: Load) {
        const { request } = this;
        const { user, cookies, headers } = request;
        const secret = cookies._csrf;
        // A logged-in page embeds a CSRF token for the browser's secret cookie; without that cookie it cannot be shared.
        if (user && !secret) return this.page(template, load());
        // The header shows the viewer's karma and unread notifications, whatever the page is of. The
        // browser's secret goes in hashed: a key is no place to keep it, and a long cookie makes no long key.
        const viewer =
          user && secret
            ? `${user.id}.${user.karma}.${app.repositories.inbox.unreadCount(user.id)}.${secretDigest(secret)}`
            : 'anonymous';
        const minute = Math.floor(Date.now() / TIME_RESOLUTION_MS);
        const key = `${pageAddress(request)}|${viewer}|${dataVersion}|${minute}`;
        const cached = cache.get(key);
        // Hashed only when the server has no copy: a hit reuses the ETag kept with the page.
        const etag = cached?.etag ?? etagFor(key);
        this.type(HTML).header('etag', etag).header('vary', 'Cookie, Accept-Encoding');
        if (headers['if-none-match'] === etag) return this.code(304).send();
        const page = cached ?? (await renderOnce(this, key, etag, template, load));
        const sizeBefore = page.body.size;
        sendEncoded(request, this, page.body);
        if (cached === undefined || page.body.size !== sizeBefore) cache.set(key, page);
        return this;
      },
    );
  },
  { name: 'page-cache', dependencies: ['views', 'assets'] },
);
