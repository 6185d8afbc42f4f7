// The floor of a figure: a bare Fastify route (like the baseline's) sending a response recorded
// from the app, byte for byte, header for header. What the app takes beyond this is its own work;
// what it shares is the cost of the response itself (its size, its header lines) to the server
// and to the load generator.
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import { listenAndAnnounce } from './announce.ts';
import type { RecordedResponse } from './replay.ts';

const path = process.env.REPLAY_FILE;
if (!path) throw new Error('REPLAY_FILE names the recorded responses');
const recorded = JSON.parse(readFileSync(path, 'utf8')) as RecordedResponse[];

const app = Fastify({ logger: false });
for (const [index, response] of recorded.entries()) {
  const body = Buffer.from(response.body, 'base64');
  app.get(`/${index}`, (_request, reply) => {
    reply
      .code(response.status)
      .headers(response.headers)
      .send(response.status === 304 ? undefined : body);
  });
}
await listenAndAnnounce(app, 'Replay');
