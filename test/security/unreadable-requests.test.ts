import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect } from 'node:net';
import { type TestContext, test } from 'node:test';
import type { ConnectionLimits } from '../../app/network-config.ts';
import { build } from '../helpers/app.ts';

const LIMITS: ConnectionLimits = {
  headersTimeoutMs: 300,
  requestTimeoutMs: 600,
  keepAliveTimeoutMs: 500,
  maxConnections: 50,
};

/** Headers every answer must carry, even one written before (or instead of) any route. */
const REQUIRED = ['content-security-policy', 'x-content-type-options', 'cross-origin-resource-policy'];

async function listening(t: TestContext) {
  const { app } = await build(t, { connections: LIMITS });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('not listening on a port');
  return { app, port: address.port };
}

/** Writes `chunks` on a raw connection (each after the previous was written) and returns all it was sent back. */
function exchange(port: number, chunks: string[], between: () => Promise<void> = async () => {}) {
  return new Promise<string>((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let answer = '';
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1');
    });
    socket.on('error', () => {});
    socket.once('close', () => resolve(answer));
    socket.once('connect', async () => {
      try {
        const [first, ...rest] = chunks;
        socket.write(first ?? '');
        await between();
        for (const chunk of rest) socket.write(chunk);
      } catch (error) {
        reject(error);
      }
    });
  });
}

/** The answers on one connection, each as its status and lower-cased headers. */
function answers(raw: string) {
  return raw
    .split(/(?=HTTP\/1\.1 \d{3} )/)
    .filter((part) => part.startsWith('HTTP/1.1'))
    .map((part) => {
      const [head = ''] = part.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(
        lines.map((line) => [
          line.slice(0, line.indexOf(':')).toLowerCase(),
          line.slice(line.indexOf(':') + 1).trim(),
        ]),
      );
      return { status: Number(statusLine.split(' ')[1]), headers };
    });
}

function assertSecured(
  answer: { status: number; headers: Record<string, string> } | undefined,
  status: number,
) {
  assert.ok(answer, `no ${status} answer`);
  assert.equal(answer.status, status);
  for (const name of REQUIRED) assert.ok(answer.headers[name], `${status} without ${name}`);
  assert.equal(answer.headers['x-content-type-options'], 'nosniff');
}

test("Node's own 400, 408 and 431 carry our security headers", async (t) => {
  const { port } = await listening(t);
  assertSecured(answers(await exchange(port, ['NOT HTTP AT ALL\r\n\r\n']))[0], 400);
  const huge = `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filler: ${'a'.repeat(32 * 1024)}\r\n\r\n`;
  assertSecured(answers(await exchange(port, [huge]))[0], 431);
  // Headers begun and never finished: the headers timeout answers.
  assertSecured(answers(await exchange(port, ['GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n']))[0], 408);
});

test('a request that arrives while the server closes is a 503 with our security headers', async (t) => {
  const { app, port } = await listening(t);
  // A form post in flight keeps its connection open through close(); the request sent after it,
  // on the same connection, arrives while the server is closing.
  const body = 'username=a&password=b';
  let closed: Promise<void> | undefined;
  // Fastify routes a request (onRequest hooks included) inside the server's 'request' event,
  // before this listener, added after Fastify's, is called.
  const routed = once(app.server, 'request');
  const raw = await exchange(
    port,
    [
      `POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\nuser`,
      `${body.slice(4)}GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`,
    ],
    async () => {
      await routed;
      closed = app.close();
    },
  );
  await closed;
  const [first, second] = answers(raw);
  assert.ok(first && first.status !== 503, `the request in flight is answered: ${raw.slice(0, 200)}`);
  assertSecured(second, 503);
  assert.equal(second?.headers.connection, 'close');
});
