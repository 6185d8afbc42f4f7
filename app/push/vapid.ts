import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import webPush from 'web-push';
import { ConfigError } from '../config-error.ts';

/** The server's identity towards push services (RFC 8292): a P-256 key pair and a contact. */
export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  subject: string;
}

/** Push services only need a way to reach whoever runs the server; this says nobody was named. */
const FALLBACK_SUBJECT = 'mailto:push@charcha.invalid';

function subjectFor(publicOrigin: string): string {
  const url = new URL(publicOrigin);
  return url.protocol === 'https:' && url.hostname !== 'localhost' ? url.origin : FALLBACK_SUBJECT;
}

/**
 * VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY when given; otherwise a pair generated at first start and
 * kept beside the database, like the session secret: a new pair would silently end every
 * device's subscription, since push services only accept the key a device subscribed with.
 */
export function loadOrCreateVapidKeys(
  databasePath: string,
  env: NodeJS.ProcessEnv,
  publicOrigin: string,
): VapidKeys {
  const subject = env.VAPID_SUBJECT || subjectFor(publicOrigin);
  if (!/^(mailto:|https:)/.test(subject))
    throw new ConfigError(`VAPID_SUBJECT must be a mailto: or https: URL, got "${subject}"`);
  const given = { publicKey: env.VAPID_PUBLIC_KEY ?? '', privateKey: env.VAPID_PRIVATE_KEY ?? '' };
  if (given.publicKey !== '' || given.privateKey !== '') {
    if (!/^[\w-]{87}$/.test(given.publicKey) || !/^[\w-]{43}$/.test(given.privateKey))
      throw new ConfigError(
        'VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY must both be given, as web-push generate-vapid-keys prints them',
      );
    return { ...given, subject };
  }
  if (databasePath === ':memory:') return { ...webPush.generateVAPIDKeys(), subject };
  const keysPath = join(dirname(databasePath), 'vapid-keys.json');
  if (existsSync(keysPath)) {
    const kept = JSON.parse(readFileSync(keysPath, 'utf8')) as { publicKey: string; privateKey: string };
    return { publicKey: kept.publicKey, privateKey: kept.privateKey, subject };
  }
  mkdirSync(dirname(keysPath), { recursive: true });
  const keys = webPush.generateVAPIDKeys();
  writeFileSync(keysPath, JSON.stringify(keys), { mode: 0o600 });
  return { ...keys, subject };
}
