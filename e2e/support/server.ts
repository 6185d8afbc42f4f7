import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const START_TIMEOUT_MS = 20_000;

export interface ServerOptions {
  /** "demo" fills the database with the seeded forum; "none" starts empty. */
  seed?: 'demo' | 'none';
  /** Extra environment, e.g. SW_NETWORK_TIMEOUT_MS. */
  env?: Record<string, string>;
  /** Reuse a database directory (to restart a server over the same data). */
  dataDir?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  databasePath: string;
  stop(): Promise<void>;
}

/** Starts the real server (app/server.ts) as a child process on a free port with its own SQLite file. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'charcha-e2e-'));
  const databasePath = join(dataDir, 'charcha.db');
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'app', 'server.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: options.env?.PORT ?? '0',
      DATABASE_PATH: databasePath,
      SEED: options.seed ?? 'none',
      RATE_LIMITS: 'off',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
      // Read-ahead saves a front page's discussions unasked; the suites about what a reader opened
      // would see those too. The read-ahead suite (e2e/read-ahead) turns it on.
      SW_READ_AHEAD: '0',
      // The push suite's mock push service listens on 127.0.0.1 over http (e2e/push).
      PUSH_TEST_ENDPOINTS: 'loopback',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await waitForUrl(child);
  const port = Number(new URL(url).port);
  return {
    url,
    port,
    dataDir,
    databasePath,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start within ${START_TIMEOUT_MS} ms:\n${output}`));
    }, START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/running at (http:\/\/[\d.]+:\d+)\//);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with code ${code} before listening:\n${output}`));
    });
  });
}
