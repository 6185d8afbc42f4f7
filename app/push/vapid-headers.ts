import webPush from 'web-push';
import type { VapidKeys } from './vapid.ts';

/** RFC 8292 allows up to 24 hours; push services are told a signature lasting 12. */
const SIGNATURE_LIFETIME_S = 12 * 3600;
/** A cached signature is renewed well before it expires, so none is sent about to lapse. */
const RENEW_BEFORE_S = 3600;

/**
 * The VAPID Authorization header for each push service (its origin is the JWT's audience),
 * signed once and reused until near its expiry: signing every message of a big fan-out
 * would cost as much CPU as encrypting it.
 */
export function vapidHeaders(vapid: VapidKeys, now: () => number = Date.now) {
  const signed = new Map<string, { authorization: string; renewAtS: number }>();
  return (endpoint: string): string => {
    const audience = new URL(endpoint).origin;
    const nowS = Math.floor(now() / 1000);
    const cached = signed.get(audience);
    if (cached && cached.renewAtS > nowS) return cached.authorization;
    const expiresAtS = nowS + SIGNATURE_LIFETIME_S;
    const { Authorization } = webPush.getVapidHeaders(
      audience,
      vapid.subject,
      vapid.publicKey,
      vapid.privateKey,
      'aes128gcm',
      expiresAtS,
    );
    signed.set(audience, { authorization: Authorization, renewAtS: expiresAtS - RENEW_BEFORE_S });
    return Authorization;
  };
}
