import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import webPush from 'web-push';
import {
  type CheckedAddress,
  checkedAddress,
  EndpointRefused,
  type PushTestEndpoints,
} from './endpoint-policy.ts';
import type { VapidKeys } from './vapid.ts';

/** What became of one send, for the queue to act on. */
export type SendOutcome =
  | { kind: 'sent' }
  /** The push service no longer knows the device (404/410), or its endpoint is no longer acceptable. */
  | { kind: 'gone'; reason: string }
  /** Worth trying again: a network error, a timeout, 5xx, or 429 (with its Retry-After in ms). */
  | { kind: 'retry'; reason: string; retryAfterMs?: number }
  /** The push service refused this message for good (another 4xx, or a 3xx we do not follow). */
  | { kind: 'failed'; reason: string };

export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

export interface SenderOptions {
  vapid: VapidKeys;
  /** The signed Authorization header for an endpoint (app/push/vapid-headers.ts); signed per message without it. */
  authorization?: (endpoint: string) => string;
  testEndpoints: PushTestEndpoints;
  timeoutMs: number;
  /** How long the push service keeps a message for an offline device. */
  ttlS: number;
}

/** Retry-After is seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(header: string | undefined, now: number): number | undefined {
  if (header === undefined || header === '') return undefined;
  if (/^\d+$/.test(header)) return Number(header) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * web-push signs (VAPID) and encrypts (aes128gcm) the message; the request itself is made here,
 * because web-push's own sender always speaks TLS and follows neither our address check nor our
 * timeout. The connection goes to the address checkedAddress() approved; redirects are never
 * followed (node's http client does not follow them).
 */
export async function sendPush(
  target: PushTarget,
  payload: string,
  options: SenderOptions,
): Promise<SendOutcome> {
  let checked: CheckedAddress;
  try {
    checked = await checkedAddress(target.endpoint, options.testEndpoints);
  } catch (err) {
    if (err instanceof EndpointRefused) return { kind: 'gone', reason: err.message };
    return { kind: 'retry', reason: `could not resolve the endpoint: ${(err as Error).message}` };
  }
  const details = webPush.generateRequestDetails(
    { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
    payload,
    {
      ...(options.authorization
        ? { headers: { Authorization: options.authorization(target.endpoint) } }
        : { vapidDetails: options.vapid }),
      TTL: options.ttlS,
      contentEncoding: 'aes128gcm',
      urgency: 'normal',
    },
  );
  const pinned: LookupFunction = (_host, lookupOptions, callback) => {
    if (lookupOptions.all) callback(null, [checked]);
    else callback(null, checked.address, checked.family);
  };
  const url = new URL(details.endpoint);
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const outgoing = request(
      url,
      {
        method: 'POST',
        headers: details.headers,
        lookup: pinned,
        signal: AbortSignal.timeout(options.timeoutMs),
      },
      (response) => {
        response.resume();
        response.on('error', () => {});
        const status = response.statusCode ?? 0;
        const header = response.headers['retry-after'];
        resolve(outcomeOf(status, Array.isArray(header) ? header[0] : header));
      },
    );
    outgoing.on('error', (err) => resolve({ kind: 'retry', reason: err.message }));
    outgoing.end(details.body ?? undefined);
  });
}

function outcomeOf(status: number, retryAfter: string | undefined): SendOutcome {
  if (status >= 200 && status < 300) return { kind: 'sent' };
  if (status === 404 || status === 410) return { kind: 'gone', reason: `push service answered ${status}` };
  if (status === 429)
    return {
      kind: 'retry',
      reason: 'push service answered 429',
      retryAfterMs: retryAfterMs(retryAfter, Date.now()),
    };
  if (status >= 500) return { kind: 'retry', reason: `push service answered ${status}` };
  return { kind: 'failed', reason: `push service answered ${status}` };
}
