import assert from 'node:assert/strict';
import { test } from 'node:test';
import webPush from 'web-push';
import { vapidHeaders } from '../../app/push/vapid-headers.ts';

const vapid = { ...webPush.generateVAPIDKeys(), subject: 'mailto:test@charcha.invalid' };
const claims = (authorization: string) =>
  JSON.parse(Buffer.from(authorization.split('.')[1] ?? '', 'base64url').toString()) as {
    aud: string;
    exp: number;
  };

test('one signature per push service, renewed before it expires', () => {
  let now = 1_700_000_000_000;
  const headerFor = vapidHeaders(vapid, () => now);
  const first = headerFor('https://fcm.googleapis.com/fcm/send/a');
  assert.equal(headerFor('https://fcm.googleapis.com/fcm/send/b'), first, 'same audience, same signature');
  assert.equal(claims(first).aud, 'https://fcm.googleapis.com');
  assert.equal(claims(first).exp, now / 1000 + 12 * 3600);
  const other = headerFor('https://updates.push.services.mozilla.com/wpush/v2/c');
  assert.equal(claims(other).aud, 'https://updates.push.services.mozilla.com');
  now += 10 * 3600_000;
  assert.equal(headerFor('https://fcm.googleapis.com/fcm/send/a'), first, 'still two hours left');
  now += 2 * 3600_000;
  const renewed = headerFor('https://fcm.googleapis.com/fcm/send/a');
  assert.notEqual(renewed, first);
  assert.ok(claims(renewed).exp > now / 1000);
});
