import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { type TestContext, test } from 'node:test';
import type { ConnectionLimits } from '../../app/network-config.ts';
import { build } from '../helpers/app.ts';

const LIMITS: ConnectionLimits = {
  headersTimeoutMs: 1_000,
  requestTimeoutMs: 2_000,
  keepAliveTimeoutMs: 500,
  maxConnections: 5,
};

async function listening(t: TestContext): Promise<number> {
  const { app } = await build(t, { connections: LIMITS });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('not listening on a port');
  return address.port;
}

/** A raw connection that records what it was sent and when the server closed it. */
function open(t: TestContext, port: number) {
  const socket: Socket = connect({ host: '127.0.0.1', port });
  t.after(() => socket.destroy());
  const opened = performance.now();
  const state = { answer: '', closedAfterMs: undefined as number | undefined };
  socket.on('data', (chunk: Buffer) => {
    state.answer += chunk.toString('latin1');
  });
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) =>
    socket.once('close', () => {
      state.closedAfterMs = performance.now() - opened;
      resolve();
    }),
  );
  const connected = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return { socket, state, closed, connected };
}

const within = (promise: Promise<void>, ms: number) =>
  Promise.race([
    promise.then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms).unref()),
  ]);

test('connections beyond HTTP_MAX_CONNECTIONS are closed as they arrive; those within are served', async (t) => {
  const port = await listening(t);
  const held = Array.from({ length: LIMITS.maxConnections }, () => open(t, port));
  await Promise.all(held.map((connection) => connection.connected));
  const extra = open(t, port);
  assert.ok(await within(extra.closed, 500), 'the connection over the cap is closed at once');
  assert.equal(extra.state.answer, '', 'without reading a request');

  const first = held[0];
  assert.ok(first);
  first.socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
  await within(new Promise((resolve) => first.socket.once('data', resolve)), 2_000);
  assert.match(first.state.answer, /^HTTP\/1\.1 200 /, 'a connection within the cap is served');
});

test('an idle kept-alive connection, and one that never sends its headers, are closed by their timeouts', async (t) => {
  const port = await listening(t);
  const keptAlive = open(t, port);
  await keptAlive.connected;
  keptAlive.socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
  const silent = open(t, port);
  await silent.connected;

  assert.ok(await within(keptAlive.closed, LIMITS.keepAliveTimeoutMs + 1_500), 'the kept-alive one closes');
  assert.match(keptAlive.state.answer, /^HTTP\/1\.1 200 /);
  assert.ok(await within(silent.closed, LIMITS.headersTimeoutMs * 2 + 1_000), 'the silent one closes');
  assert.ok((silent.state.closedAfterMs ?? 0) >= LIMITS.headersTimeoutMs * 0.9, 'but not before its timeout');
});
