import { type ChildProcess, spawn } from 'node:child_process';

const START_TIMEOUT_MS = 30_000;
/** The app gives in-flight requests 10 s after SIGTERM; a benchmark has none left worth waiting for. */
const STOP_TIMEOUT_MS = 5_000;

export interface StartedProcess {
  pid: number;
  /** The URL the process printed when it started listening. */
  url: string;
  /** The last of what the process wrote to stderr, to explain errors seen under load. */
  stderrTail(): string;
  stop(): Promise<void>;
}

/** Every child this run started, so that a failure or Ctrl-C still stops them (by PID, nothing else). */
const running = new Set<ChildProcess>();

function stopChild(child: ChildProcess): Promise<void> {
  running.delete(child);
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function stopAllProcesses(): Promise<void> {
  await Promise.all([...running].map(stopChild));
}

/** Last resort on process exit: synchronous, so it only sends the signal. */
process.on('exit', () => {
  for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
});

/**
 * Spawns a Node program (TypeScript through tsx) and waits until its output contains a URL
 * matching `ready`; the first capture group is the URL.
 */
export function startNodeProcess(options: {
  script: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  ready: RegExp;
  nodeArgs?: string[];
}): Promise<StartedProcess> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', options.script], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  return new Promise((resolve, reject) => {
    let output = '';
    let errors = '';
    const fail = (message: string) => {
      clearTimeout(timer);
      void stopChild(child);
      reject(new Error(`${options.script}: ${message}\n${output}`));
    };
    const timer = setTimeout(() => fail(`did not start within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = options.ready.exec(output)?.[1];
      if (url === undefined || child.pid === undefined) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      // Keep draining the pipes so a chatty server never blocks on a full buffer.
      child.stdout?.removeAllListeners('data');
      child.stdout?.resume();
      resolve({ pid: child.pid, url, stderrTail: () => errors, stop: () => stopChild(child) });
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-100_000);
      errors = (errors + chunk.toString()).slice(-4_000);
    });
    child.once('exit', (code, signal) => fail(`exited (${signal ?? code}) before listening`));
  });
}
