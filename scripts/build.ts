/**
 * Builds everything the browser loads: the page script and the service worker
 * (esbuild), the stylesheet (esbuild joins views/styles/ into one file), and the
 * files of views/assets/, served as they are, copied under content-hashed names. Writes
 * dist/manifest.json, which maps logical names to the hashed URLs that pages,
 * the web app manifest and the worker's precache list refer to.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { build } from 'esbuild';

const ROOT = join(import.meta.dirname, '..');
/** CHARCHA_DIST_DIR builds elsewhere (the server reads the same variable): separate checkouts and test runs need not share dist/. */
const DIST = process.env.CHARCHA_DIST_DIR || join(ROOT, 'dist');
const ASSETS_OUT = join(DIST, 'assets');
const STATIC_SOURCES = join(ROOT, 'views', 'assets');
/** Imports the stylesheet's parts in cascade order; the build inlines them into one file. */
const STYLESHEET_ENTRY = join(ROOT, 'views', 'styles', 'app.css');

function contentHash(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 10);
}

function hashedName(name: string, bytes: Buffer | string): string {
  const ext = extname(name);
  return `${basename(name, ext)}.${contentHash(bytes)}${ext}`;
}

async function bundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [join(ROOT, entry)],
    bundle: true,
    format: 'iife',
    target: 'chrome110',
    minify: true,
    write: false,
    legalComments: 'none',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`esbuild produced nothing for ${entry}`);
  return output.text;
}

/**
 * The stylesheet is written for people to read, one file per page area; browsers (and the precache,
 * within its 60 KB) get one minified file, so a page still makes a single stylesheet request.
 */
async function stylesheet(): Promise<Buffer> {
  const result = await build({
    entryPoints: [STYLESHEET_ENTRY],
    bundle: true,
    minify: true,
    target: 'chrome110',
    write: false,
    legalComments: 'none',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced no stylesheet');
  return Buffer.from(output.contents);
}

export async function buildAll(): Promise<Record<string, string>> {
  rmSync(DIST, { recursive: true, force: true });
  mkdirSync(ASSETS_OUT, { recursive: true });
  mkdirSync(join(DIST, 'sw'), { recursive: true });
  const manifest: Record<string, string> = {};

  const css = await stylesheet();
  const cssName = hashedName('app.css', css);
  writeFileSync(join(ASSETS_OUT, cssName), css);
  manifest['app.css'] = `/assets/${cssName}`;

  for (const name of readdirSync(STATIC_SOURCES)) {
    if (name.endsWith('.webmanifest')) continue;
    const bytes = readFileSync(join(STATIC_SOURCES, name));
    const hashed = hashedName(name, bytes);
    writeFileSync(join(ASSETS_OUT, hashed), bytes);
    manifest[name] = `/assets/${hashed}`;
  }

  const pageScript = await bundle('sw/page/main.ts');
  const pageName = hashedName('app.js', pageScript);
  writeFileSync(join(ASSETS_OUT, pageName), pageScript);
  manifest['app.js'] = `/assets/${pageName}`;

  // The web app manifest names icons, so it is rewritten with their hashed URLs before being hashed itself.
  const appManifest = readFileSync(join(STATIC_SOURCES, 'app.webmanifest'), 'utf8').replace(
    /"src": "([^"]+)"/g,
    (_match, icon: string) => `"src": "${manifest[icon] ?? icon}"`,
  );
  const appManifestName = hashedName('app.webmanifest', appManifest);
  writeFileSync(join(ASSETS_OUT, appManifestName), appManifest);
  manifest['app.webmanifest'] = `/assets/${appManifestName}`;

  writeFileSync(join(DIST, 'sw', 'worker.js'), await bundle('sw/worker/index.ts'));
  writeFileSync(join(DIST, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

if (import.meta.filename === process.argv[1]) {
  const started = performance.now();
  const manifest = await buildAll();
  console.log(
    `built ${Object.keys(manifest).length} assets in ${Math.round(performance.now() - started)} ms`,
  );
}
