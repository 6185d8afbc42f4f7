import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The build the suite's servers run (CHARCHA_DIST_DIR, as app/plugins/assets.ts reads it). */
const DIST = process.env.CHARCHA_DIST_DIR || join(import.meta.dirname, '..', '..', 'dist');

export interface DistVariant {
  /** Pass as CHARCHA_DIST_DIR to a server to deploy this build. */
  dir: string;
  oldCss: string;
  newCss: string;
  remove(): void;
}

/**
 * A copy of the current build as the next deploy would produce it: app.css
 * changed (so it gets a new hashed name and the worker a new version) and the
 * old stylesheet gone from the server, as after a real deploy. With
 * `newCssMissing`, the new stylesheet is listed but absent: a broken deploy.
 */
export function distWithChangedStylesheet(options: { newCssMissing?: boolean } = {}): DistVariant {
  const dir = mkdtempSync(join(tmpdir(), 'charcha-dist-'));
  cpSync(DIST, dir, { recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, string>;
  const oldCss = manifest['app.css'];
  if (!oldCss) throw new Error('the build has no app.css');
  const css = `${readFileSync(join(dir, oldCss), 'utf8')}\n:root { --charcha-deploy: "${Date.now()}"; }\n`;
  const newCss = `/assets/app.${createHash('sha256').update(css).digest('hex').slice(0, 10)}.css`;
  if (!options.newCssMissing) writeFileSync(join(dir, newCss), css);
  rmSync(join(dir, oldCss));
  manifest['app.css'] = newCss;
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return { dir, oldCss, newCss, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
