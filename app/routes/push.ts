import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type Static, Type } from '@sinclair/typebox';
import { sendError, wantsJson } from '../http.ts';
import { endpointRefusal, MAX_ENDPOINT_LENGTH } from '../push/endpoint-policy.ts';
import { requireUser, signedIn, writeRoute } from './guards.ts';
import { jsonReplies } from './schemas.ts';

const Base64Url = (minLength: number, maxLength: number) =>
  Type.String({ minLength, maxLength, pattern: '^[A-Za-z0-9_-]+={0,2}$' });
const Endpoint = Type.String({ minLength: 1, maxLength: MAX_ENDPOINT_LENGTH });
const P256dh = Base64Url(86, 90);
const Auth = Base64Url(22, 24);

/** PushSubscription.toJSON(), as the page script sends it. */
const SubscriptionJson = Type.Object({
  endpoint: Endpoint,
  keys: Type.Object({ p256dh: P256dh, auth: Auth }),
});
/** The same from a form, whose fields cannot nest. */
const SubscriptionForm = Type.Object({ endpoint: Endpoint, p256dh: P256dh, auth: Auth });
const SubscriptionBody = Type.Union([SubscriptionJson, SubscriptionForm]);
const Unsubscription = Type.Object({ endpoint: Endpoint });

const Subscribed = Type.Object({ subscribed: Type.Boolean() });
const PushKey = Type.Object({ publicKey: Type.String() });

function keysOf(body: Static<typeof SubscriptionBody>) {
  return 'keys' in body ? body.keys : { p256dh: body.p256dh, auth: body.auth };
}

/** A device's public key is an uncompressed P-256 point, its auth secret 16 bytes (RFC 8291). */
function validKeys(keys: { p256dh: string; auth: string }): boolean {
  const point = Buffer.from(keys.p256dh, 'base64url');
  return point.length === 65 && point[0] === 4 && Buffer.from(keys.auth, 'base64url').length === 16;
}

/**
 * The devices a person is told on (the contract in issue 14): a page subscribes its worker
 * with the server's VAPID key and posts the subscription here; logging out or the page's
 * "turn off" deletes it. Deliveries are made by app/plugins/push-delivery.ts.
 */
const pushRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const testEndpoints = app.config.pushTestEndpoints ?? 'off';

  app.get('/push/key', { schema: { response: { 200: PushKey } } }, async (_request, reply) =>
    reply.send({ publicKey: app.vapidPublicKey }),
  );

  app.post(
    '/push/subscriptions',
    writeRoute(app, { body: SubscriptionBody, response: jsonReplies({ 200: Subscribed }) }, requireUser),
    async (request, reply) => {
      const { endpoint } = request.body;
      const keys = keysOf(request.body);
      const refusal = endpointRefusal(endpoint, testEndpoints);
      if (refusal !== undefined) return sendError(request, reply, 400, refusal);
      if (!validKeys(keys))
        return sendError(request, reply, 400, 'Those push keys are not a P-256 key and a 16-byte secret.');
      app.repositories.pushSubscriptions.save(signedIn(request).id, { endpoint, ...keys }, Date.now());
      if (wantsJson(request)) return reply.send({ subscribed: true });
      return reply.redirect('/notifications', 303);
    },
  );

  app.delete(
    '/push/subscriptions',
    writeRoute(app, { body: Unsubscription, response: jsonReplies({ 200: Subscribed }) }, requireUser),
    async (request, reply) => {
      app.repositories.pushSubscriptions.remove(signedIn(request).id, request.body.endpoint);
      return reply.send({ subscribed: false });
    },
  );
};

export default pushRoutes;
