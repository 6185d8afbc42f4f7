import { createECDH, createPublicKey, type ECDH, randomBytes, verify } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import ece from 'http_ece';

/**
 * A push service on 127.0.0.1 that holds the device's keys as a browser's push service would
 * not (the browser does): it checks each request as a real one checks the sender (the VAPID
 * JWT, RFC 8292) and decrypts the payload (aes128gcm, RFC 8291) with the device's private key,
 * so the test can hand the plaintext to the real worker.
 */

/** A device the test made: its keys, and the subscription JSON the server is given. */
export interface FakeDevice {
  ecdh: ECDH;
  auth: Buffer;
  subscription: { endpoint: string; keys: { p256dh: string; auth: string } };
}

export interface ReceivedPush {
  path: string;
  /** The decrypted payload, as the push service would hand it to the browser. */
  plaintext: string;
}

const DAY_S = 24 * 3600;

/** Checks the Authorization header: "vapid t=<JWT>, k=<server public key>". Returns why it is bad, or undefined. */
function vapidProblem(header: string | undefined, audience: string): string | undefined {
  const match = /^vapid t=([\w-]+)\.([\w-]+)\.([\w-]+), k=([\w-]+)$/.exec(header ?? '');
  if (!match) return `no VAPID authorization: ${header}`;
  const [, head, body, signature, key] = match as unknown as [string, string, string, string, string];
  const point = Buffer.from(key, 'base64url');
  if (point.length !== 65 || point[0] !== 4) return 'k is not an uncompressed P-256 point';
  const publicKey = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33).toString('base64url'),
    },
    format: 'jwk',
  });
  const signed = Buffer.from(`${head}.${body}`);
  const valid = verify(
    'sha256',
    signed,
    { key: publicKey, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
  if (!valid) return 'the JWT signature does not verify';
  if (JSON.parse(Buffer.from(head, 'base64url').toString()).alg !== 'ES256') return 'alg is not ES256';
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as { aud?: string; exp?: number };
  if (claims.aud !== audience) return `aud ${claims.aud} is not ${audience}`;
  const now = Date.now() / 1000;
  if (typeof claims.exp !== 'number' || claims.exp <= now || claims.exp > now + DAY_S)
    return `exp ${claims.exp} is not within the next 24 hours`;
  return undefined;
}

export async function startMockPushService() {
  const devices = new Map<string, FakeDevice>();
  const received: ReceivedPush[] = [];
  const problems: string[] = [];
  const waiters: (() => void)[] = [];
  let answer = 201;

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '';
      const device = devices.get(path);
      const problem =
        device === undefined
          ? `no device at ${path}`
          : request.headers['content-encoding'] !== 'aes128gcm'
            ? `content-encoding ${request.headers['content-encoding']}`
            : vapidProblem(request.headers.authorization, origin);
      if (problem !== undefined || device === undefined) {
        problems.push(problem ?? 'unknown device');
        response.writeHead(400).end();
      } else {
        const plaintext = ece
          .decrypt(Buffer.concat(chunks), {
            version: 'aes128gcm',
            privateKey: device.ecdh,
            authSecret: device.auth.toString('base64url'),
          })
          .toString('utf8');
        received.push({ path, plaintext });
        response.writeHead(answer).end();
      }
      for (const wake of waiters.splice(0)) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    received,
    problems,
    /** A new device subscribed at this service: the keys only the test (and this service) know. */
    device(name: string): FakeDevice {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const auth = randomBytes(16);
      const path = `/push/${name}`;
      const device = {
        ecdh,
        auth,
        subscription: {
          endpoint: `${origin}${path}`,
          keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') },
        },
      };
      devices.set(path, device);
      return device;
    },
    /** From now on, answer every push with this status (410: the device unsubscribed). */
    answerWith(status: number) {
      answer = status;
    },
    async waitFor(count: number): Promise<ReceivedPush[]> {
      while (received.length + problems.length < count)
        await new Promise<void>((resolve) => waiters.push(resolve));
      return received;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
