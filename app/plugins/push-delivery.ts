import fp from 'fastify-plugin';
import webPush from 'web-push';
import { type DeliveryPolicy, drainOnce } from '../push/delivery-queue.ts';
import type { PushTestEndpoints } from '../push/endpoint-policy.ts';
import { pushPayload } from '../push/payload.ts';
import { sendPush } from '../push/sender.ts';
import type { VapidKeys } from '../push/vapid.ts';
import { vapidHeaders } from '../push/vapid-headers.ts';
import { keptCommentUrl } from '../routes/comment-listing.ts';

export interface PushDeliveryOptions {
  /** Generated for this run when not given (tests); a real server keeps its pair (app/push/vapid.ts). */
  vapid?: VapidKeys;
  testEndpoints?: PushTestEndpoints;
  /** How often the queue is looked at when it had nothing due. */
  pollMs?: number;
  policy?: DeliveryPolicy;
  now?: () => number;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The server's VAPID public key, which a device subscribes with. */
    vapidPublicKey: string;
  }
}

/** A new reply should reach a device within a fraction of a second; an idle look at the queue is one indexed query. */
const POLL_MS = 100;
/** A push service that has not answered by then is treated as down and tried again later. */
const SEND_TIMEOUT_MS = 10_000;
/** A device offline for longer than a day gets the inbox, not a stale notification. */
const TTL_S = 24 * 3600;
/**
 * While people are writing, the loop rests this many times as long as its last round took, so
 * sending (encryption above all) takes at most a fifth of the one JavaScript thread from them.
 */
const REST_PER_ROUND_WHILE_WRITING = 4;
const WRITING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Drains the push delivery queue (db/repositories/push-deliveries.ts) in the background for as
 * long as the app is open. Writes only queue rows, so they never wait for a push service;
 * closing the app stops the loop and lets the round under way finish.
 */
export default fp<PushDeliveryOptions>(
  async (app, options) => {
    const vapid = options.vapid ?? { ...webPush.generateVAPIDKeys(), subject: 'mailto:push@charcha.invalid' };
    const now = options.now ?? Date.now;
    const { pushDeliveries, pushSubscriptions, comments, discussions } = app.repositories;
    const sender = {
      vapid,
      authorization: vapidHeaders(vapid, now),
      testEndpoints: options.testEndpoints ?? 'off',
      timeoutMs: SEND_TIMEOUT_MS,
      ttlS: TTL_S,
    };
    app.decorate('vapidPublicKey', vapid.publicKey);

    let lastWriteAt = 0;
    app.addHook('onRequest', async (request) => {
      if (WRITING.has(request.method)) lastWriteAt = performance.now();
    });

    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    let round: Promise<number> = Promise.resolve(0);

    const drain = () =>
      drainOnce({
        deliveries: pushDeliveries,
        removeSubscription: (id) => pushSubscriptions.removeById(id),
        // Through the outline the writes keep, as a listing does: a busy discussion's whole outline
        // is not read again for every push while people write in it.
        payloadOf: (delivery) =>
          pushPayload({
            ...delivery,
            url: keptCommentUrl(comments, discussions, {
              id: delivery.commentId,
              discussionId: delivery.discussionId,
            }),
          }),
        send: (delivery, payload) => sendPush(delivery, payload, sender),
        now,
        policy: options.policy,
        log: (delivery, outcome) => {
          if (outcome.kind !== 'sent')
            app.log.info({ delivery: delivery.id, outcome }, 'push delivery not sent');
        },
      });

    const tick = async () => {
      if (stopped) return;
      let taken = 0;
      const startedAt = performance.now();
      try {
        round = drain();
        taken = await round;
      } catch (err) {
        app.log.warn({ err }, 'could not drain the push queue');
      }
      if (stopped) return;
      // A round that sent something may have left more due (a big fan-out): go on at once, or
      // after a rest when writes came in meanwhile; an empty round waits for the next look.
      const tookMs = performance.now() - startedAt;
      const writing = lastWriteAt >= startedAt;
      const pause =
        taken === 0 ? (options.pollMs ?? POLL_MS) : writing ? tookMs * REST_PER_ROUND_WHILE_WRITING : 0;
      timer = setTimeout(tick, pause);
      timer.unref();
    };
    app.addHook('onReady', async () => {
      timer = setTimeout(tick, 0);
      timer.unref();
    });
    app.addHook('preClose', async () => {
      stopped = true;
      clearTimeout(timer);
      await round.catch(() => 0);
    });
  },
  { name: 'push-delivery', dependencies: ['db'] },
);
