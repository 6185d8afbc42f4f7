import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';

/** CHARCHA_DIST_DIR lets the e2e suite restart a server on another build (a deploy with changed assets). */
export const DIST_DIR = process.env.CHARCHA_DIST_DIR || join(import.meta.dirname, '..', '..', 'dist');
/** Hashed names never change content, so browsers and the service worker may keep them forever. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Written by scripts/build.ts: logical name (e.g. "app.css") to hashed URL ("/assets/app.3f9a1c2e.css"). */
export type AssetManifest = Record<string, string>;

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

export default fp(
  async (app) => {
    const manifest = readAssetManifest();
    app.decorate('assets', manifest);
    app.decorate('assetUrl', (name: string) => {
      const url = manifest[name];
      if (url === undefined) throw new Error(`No built asset named "${name}"`);
      return url;
    });
    await app.register(fastifyStatic, {
      root: join(DIST_DIR, 'assets'),
      prefix: '/assets/',
      cacheControl: false,
      etag: false,
      lastModified: false,
      setHeaders: (res) => res.setHeader('Cache-Control', IMMUTABLE),
    });
  },
  { name: 'assets' },
);
