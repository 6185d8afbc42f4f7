import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LISTENING_LINE, loopbackServerEnv } from '../../scripts/loopback-server.ts';
import { type StartedProcess, startNodeProcess } from './processes.ts';

export const ROOT = join(import.meta.dirname, '..', '..');

/** The app needs dist/ (hashed assets, manifest); build it only when missing, others may be rebuilding it. */
export function ensureBuilt(): void {
  if (existsSync(join(ROOT, 'dist', 'manifest.json'))) return;
  console.log('dist/ is missing: running npm run build');
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run build failed');
}

/**
 * The flags `npm start` gives Node (package.json), so that the benchmark measures the server as it
 * is run: `--max-semi-space-size=32` lets one rendering of a 5,000-comment thread live and die in
 * the young generation (with the default 16 MB its objects were promoted and collected in the old
 * one: 30 instead of 25 µs a comment, the one step of the cost curve that was not linear).
 */
function startFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const flags = /\bnode ((?:--[\w=.-]+ )*)--import tsx app\/server\.ts/.exec(scripts.start ?? '')?.[1];
  if (flags === undefined) throw new Error('package.json: "start" no longer runs node … app/server.ts');
  return flags.split(' ').filter(Boolean);
}

/** The real server, in production mode, on a free loopback port, over the given SQLite file. */
export function startApp(databasePath: string, env: Record<string, string> = {}): Promise<StartedProcess> {
  return startNodeProcess({
    script: join(ROOT, 'app', 'server.ts'),
    nodeArgs: startFlags(),
    cwd: ROOT,
    env: {
      ...process.env,
      ...loopbackServerEnv(databasePath),
      SEED: 'demo',
      NODE_ENV: 'production',
      // Production requires it; the benchmarks read no absolute URL, so the port need not match.
      PUBLIC_ORIGIN: 'http://127.0.0.1',
      ...env,
    },
    ready: LISTENING_LINE,
  });
}

export function startBaseline(): Promise<StartedProcess> {
  return startNodeProcess({
    script: join(ROOT, 'bench', 'support', 'baseline-server.ts'),
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production' },
    ready: LISTENING_LINE,
  });
}
