import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { EncodedBody, sendEncoded } from '../encoding.ts';

/** CHARCHA_DIST_DIR lets the e2e suite restart a server on another build (a deploy with changed assets). */
export const DIST_DIR = process.env.CHARCHA_DIST_DIR || join(import.meta.dirname, '..', '..', 'dist');
/** Hashed names never change content, so browsers and the service worker may keep them forever. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** What the build writes to dist/assets; text formats are worth compressing, PNGs already are. */
const CONTENT_TYPES: Record<string, { type: string; compressible: boolean }> = {
  '.css': { type: 'text/css; charset=utf-8', compressible: true },
  '.js': { type: 'text/javascript; charset=utf-8', compressible: true },
  '.svg': { type: 'image/svg+xml', compressible: true },
  '.webmanifest': { type: 'application/manifest+json', compressible: true },
  '.png': { type: 'image/png', compressible: false },
};

/** Written by scripts/build.ts: logical name (e.g. "app.css") to hashed URL ("/assets/app.3f9a1c2e.css"). */
export type AssetManifest = Record<string, string>;

interface Asset {
  contentType: string;
  body: EncodedBody | Buffer;
}

declare module 'fastify' {
  interface FastifyInstance {
    assets: AssetManifest;
    assetUrl(name: string): string;
  }
}

export function readAssetManifest(): AssetManifest {
  const path = join(DIST_DIR, 'manifest.json');
  if (!existsSync(path)) throw new Error(`${path} is missing: run "npm run build" first`);
  return JSON.parse(readFileSync(path, 'utf8')) as AssetManifest;
}

/**
 * Every built asset, read and compressed once at start-up: they are few and small, and never
 * change while the server runs. @fastify/static costs a stat and a file stream per request and
 * sends them uncompressed; from memory, precompressed, an asset is one Map lookup and one write.
 */
function loadAssets(directory: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const name of readdirSync(directory)) {
    const format = CONTENT_TYPES[extname(name)];
    if (format === undefined) throw new Error(`dist/assets/${name}: no content type known for it`);
    const bytes = readFileSync(join(directory, name));
    assets.set(name, {
      contentType: format.type,
      body: format.compressible ? EncodedBody.ahead(bytes) : bytes,
    });
  }
  return assets;
}

export default fp(
  async (app) => {
    const manifest = readAssetManifest();
    app.decorate('assets', manifest);
    app.decorate('assetUrl', (name: string) => {
      const url = manifest[name];
      if (url === undefined) throw new Error(`No built asset named "${name}"`);
      return url;
    });
    const assets = loadAssets(join(DIST_DIR, 'assets'));
    app.get(
      '/assets/:name',
      async (request: FastifyRequest<{ Params: { name: string } }>, reply: FastifyReply) => {
        const asset = assets.get(request.params.name);
        if (asset === undefined) return reply.callNotFound();
        reply.type(asset.contentType).header('cache-control', IMMUTABLE);
        if (Buffer.isBuffer(asset.body)) return reply.send(asset.body);
        return sendEncoded(request, reply.header('vary', 'Accept-Encoding'), asset.body);
      },
    );
  },
  { name: 'assets' },
);
