import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LISTENING_LINE, loopbackServerEnv } from '../../../scripts/loopback-server.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const START_TIMEOUT_MS = 30_000;

export interface ServerProcessOptions {
  /** The directory holding charcha.db; reuse it to restart a server over the same data. */
  dataDir?: string;
  /** Environment on top of the defaults below (e.g. LOG_LEVEL, RATE_LIMITS, DATABASE_PATH). */
  env?: Record<string, string>;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * The real server (app/server.ts) as a child process, with what the stress and
 * security tests need beyond e2e/support/server.ts: its pid (for SIGKILL and RSS),
 * everything it printed (for the log assertions), and how it exited.
 */
export class ServerProcess {
  private output = '';
  readonly exited: Promise<Exit>;
  private constructor(
    readonly child: ChildProcess,
    readonly dataDir: string,
    readonly databasePath: string,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => {
      this.output += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      this.output += chunk.toString();
    });
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  url = '';

  static async start(options: ServerProcessOptions = {}): Promise<ServerProcess> {
    const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'charcha-stress-'));
    const databasePath = options.env?.DATABASE_PATH ?? join(dataDir, 'charcha.db');
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'app', 'server.ts')], {
      cwd: ROOT,
      env: {
        ...process.env,
        ...loopbackServerEnv(databasePath),
        SEED: 'none',
        NODE_ENV: 'test',
        SESSION_SECRET: 'stress-test-secret-that-is-long-enough-for-cookies',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const server = new ServerProcess(child, dataDir, databasePath);
    server.url = await server.waitForUrl();
    return server;
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error('the server has no pid');
    return this.child.pid;
  }

  /** Everything the server wrote to stdout and stderr so far. */
  get log(): string {
    return this.output;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resident memory of the server process in kilobytes, as the kernel reports it. */
  rssKb(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const match = status.match(/^VmRSS:\s+(\d+) kB/m);
    if (!match?.[1]) throw new Error('no VmRSS in /proc status');
    return Number(match[1]);
  }

  signal(signal: NodeJS.Signals): void {
    if (this.running) this.child.kill(signal);
  }

  /** Stops the server with SIGTERM (SIGKILL if it is still alive after `graceMs`) and returns how it exited. */
  async stop(graceMs = 15_000): Promise<Exit> {
    if (this.running) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.signal('SIGKILL'), graceMs);
      const exit = await this.exited;
      clearTimeout(timer);
      return exit;
    }
    return this.exited;
  }

  private waitForUrl(): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.child.kill('SIGKILL');
        reject(new Error(`server did not start within ${START_TIMEOUT_MS} ms:\n${this.output}`));
      }, START_TIMEOUT_MS);
      const check = () => {
        const match = this.output.match(LISTENING_LINE);
        if (!match?.[1]) return;
        clearTimeout(timer);
        this.child.stdout?.off('data', check);
        resolve(match[1]);
      };
      this.child.stdout?.on('data', check);
      this.child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited with code ${code} before listening:\n${this.output}`));
      });
    });
  }
}
