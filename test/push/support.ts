import { createECDH, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestContext } from 'node:test';
import { openDatabase } from '../../db/connection.ts';
import { migrate } from '../../db/migrate.ts';
import { createRepositories } from '../../db/repositories/index.ts';

/** A device's keys as PushSubscription.toJSON() gives them: a fresh P-256 key and auth secret. */
export function deviceKeys() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') };
}

export interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

type Answer = (request: Received) => { status: number; headers?: Record<string, string> };

/** A push service on 127.0.0.1 that records every POST and answers as the test tells it. */
export async function mockPushService(t: TestContext, answer: Answer = () => ({ status: 201 })) {
  const received: Received[] = [];
  const waiters: (() => void)[] = [];
  const state = { answer };
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const got = { path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks) };
      received.push(got);
      const { status, headers } = state.answer(got);
      response.writeHead(status, headers).end();
      for (const wake of waiters.splice(0)) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    received,
    endpoint: (name: string) => `${origin}/push/${name}`,
    answerWith(next: Answer) {
      state.answer = next;
    },
    /** Resolves once `count` requests have arrived (in total, since the start). */
    async waitFor(count: number): Promise<Received[]> {
      while (received.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
      return received;
    },
  };
}

/** Repositories on a fresh file with no app around them: the queue is drained only when a test says so. */
export function bareForum(t: TestContext) {
  const db = openDatabase(':memory:');
  migrate(db);
  t.after(() => db.close());
  const repositories = createRepositories(db);
  const person = (name: string) => repositories.users.create(name, 'x', 0) as number;
  const discussion = (authorId: number) =>
    repositories.discussions.create(
      { authorId, title: 'A thread', url: null, bodyMd: 'b', bodyHtml: 'b' },
      0,
    );
  const comment = (authorId: number, discussionId: number, now = 0) =>
    repositories.comments.create(
      { discussionId, parentId: null, authorId, depth: 0, bodyMd: 'a reply', bodyHtml: 'a reply' },
      now,
    );
  return { db, repositories, person, discussion, comment };
}

/** Resolves once the app's push queue is empty: every delivery sent and recorded, or given up. */
export async function queueDrained(app: { repositories: { pushDeliveries: { pending(): number } } }) {
  while (app.repositories.pushDeliveries.pending() > 0)
    await new Promise((resolve) => setTimeout(resolve, 5));
}
