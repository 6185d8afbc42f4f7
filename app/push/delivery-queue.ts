import type { DueDelivery } from '../../db/repositories/push-deliveries.ts';
import type { SendOutcome } from './sender.ts';

/**
 * How the queue treats failures. A device that is offline is the push service's business (it
 * keeps the message for the TTL); these retries cover the push service itself being unreachable.
 */
export const DELIVERY_POLICY = {
  /** Deliveries taken per round, all sent at once: a fan-out to a big discussion goes out in rounds. */
  batch: 100,
  /** A send that neither finished nor failed by then (a crash mid-send) is tried again. */
  leaseMs: 60_000,
  firstRetryMs: 1_000,
  maxRetryMs: 10 * 60_000,
  /** A 429's Retry-After longer than this is not waited for in full. */
  maxRetryAfterMs: 60 * 60_000,
  /** After this a delivery is given up: a reply a day late is no longer news. */
  giveUpAfterMs: 24 * 3600_000,
} as const;

export type DeliveryPolicy = { [K in keyof typeof DELIVERY_POLICY]: number };

export interface QueueDeps {
  deliveries: {
    claimDue(now: number, limit: number, leaseUntil: number): DueDelivery[];
    finish(id: number): void;
    retryAt(id: number, dueAt: number): void;
  };
  removeSubscription(id: number): void;
  payloadOf(delivery: DueDelivery): string;
  send(delivery: DueDelivery, payload: string): Promise<SendOutcome>;
  now(): number;
  policy?: DeliveryPolicy;
  log?(delivery: DueDelivery, outcome: SendOutcome): void;
}

/** Exponential backoff with jitter, so that many devices of one failing push service do not retry in step. */
export function backoffMs(attempts: number, policy: DeliveryPolicy, random = Math.random): number {
  const ceiling = Math.min(policy.maxRetryMs, policy.firstRetryMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Sends one round of due deliveries and records what became of each; returns how many were taken. */
export async function drainOnce(deps: QueueDeps): Promise<number> {
  const policy = deps.policy ?? DELIVERY_POLICY;
  const startedAt = deps.now();
  const due = deps.deliveries.claimDue(startedAt, policy.batch, startedAt + policy.leaseMs);
  await Promise.all(
    due.map(async (delivery) => {
      // A comment deleted since it was queued is withdrawn, as its notification was.
      if (!delivery.readable) {
        deps.deliveries.finish(delivery.id);
        return;
      }
      let outcome: SendOutcome;
      try {
        outcome = await deps.send(delivery, deps.payloadOf(delivery));
      } catch (err) {
        outcome = { kind: 'retry', reason: (err as Error).message };
      }
      deps.log?.(delivery, outcome);
      settle(deps, policy, delivery, outcome);
    }),
  );
  return due.length;
}

function settle(deps: QueueDeps, policy: DeliveryPolicy, delivery: DueDelivery, outcome: SendOutcome): void {
  if (outcome.kind === 'gone') {
    deps.removeSubscription(delivery.subscriptionId);
    return;
  }
  if (outcome.kind !== 'retry') {
    deps.deliveries.finish(delivery.id);
    return;
  }
  const now = deps.now();
  const wait =
    outcome.retryAfterMs !== undefined
      ? Math.min(outcome.retryAfterMs, policy.maxRetryAfterMs)
      : backoffMs(delivery.attempts, policy);
  if (now + wait - delivery.createdAt > policy.giveUpAfterMs) deps.deliveries.finish(delivery.id);
  else deps.deliveries.retryAt(delivery.id, now + wait);
}
