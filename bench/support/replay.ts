import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { LISTENING_LINE } from '../../scripts/loopback-server.ts';
import { type StartedProcess, startNodeProcess } from './processes.ts';
import { ROOT } from './servers.ts';

export interface RecordedResponse {
  status: number;
  headers: Record<string, string>;
  /** Exactly as sent (compressed if it was), base64. */
  body: string;
}

/** Node's http server adds these itself; the replay must not send them twice. */
const ADDED_BY_NODE = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

/** One response of the app, raw: fetch() would decompress the body and fold the headers. */
export function record(
  baseUrl: string,
  path: string,
  headers: Record<string, string>,
): Promise<RecordedResponse> {
  return new Promise((resolve, reject) => {
    request(`${baseUrl}${path}`, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const kept: Record<string, string> = {};
        for (const [name, value] of Object.entries(response.headers)) {
          if (!ADDED_BY_NODE.has(name) && value !== undefined) kept[name] = String(value);
        }
        resolve({
          status: response.statusCode ?? 0,
          headers: kept,
          body: Buffer.concat(chunks).toString('base64'),
        });
      });
    })
      .on('error', reject)
      .end();
  });
}

/** Serves each recorded response at `/<its index>`. */
export async function startReplay(directory: string, responses: RecordedResponse[]): Promise<StartedProcess> {
  const file = join(directory, 'replay.json');
  writeFileSync(file, JSON.stringify(responses));
  return startNodeProcess({
    script: join(ROOT, 'bench', 'support', 'replay-server.ts'),
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', REPLAY_FILE: file },
    ready: LISTENING_LINE,
  });
}
