import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifySchema,
  preHandlerAsyncHookHandler,
} from 'fastify';
import type { SessionUser } from '../../db/repositories/sessions.ts';
import { forbid, notFound, sendError } from '../http.ts';

/**
 * Who may do what, declared on the route (as Lobsters' before_action does) so a
 * handler only validates and writes. Guards are preHandlers: they run after the
 * rate limit, the CSRF check and input validation, and answer a refusal
 * themselves. Each awaits its answer, and a reply settles once it has gone out,
 * so the handler never runs after a refusal.
 */

const SESSION_ENDED = 'Your session has ended. Log in again, then resend what you wrote.';

/**
 * Lets only a logged-in person through. A page they asked for sends them to log
 * in and back; a write is refused with 401, for its author to resend after logging in.
 */
export async function requireUser(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.user) return;
  if (request.method === 'GET') await reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
  else await sendError(request, reply, 401, SESSION_ENDED);
}

/** In a handler behind requireUser: the person it let through. */
export function signedIn(request: FastifyRequest): Readonly<SessionUser> {
  if (!request.user) throw new Error(`${request.routeOptions.url} has no requireUser preHandler`);
  return request.user;
}

/** A row that is not soft-deleted, or undefined. */
export function live<Row extends { deletedAt: number | null }>(row: Row | undefined): Row | undefined {
  return row?.deletedAt === null ? row : undefined;
}

/** A rule of app/domain/permissions.ts: may this person act on this item? */
export type Permission<Item> = (item: Item, userId: number) => boolean;

interface ItemRule<Item> {
  /** The live item the route's `:id` names, or undefined. */
  find(id: number): Item | undefined;
  /** How the 404 names what is missing ("That comment does not exist, …"). */
  what: string;
  /** Who may act on the item, and what anyone else is told (403); without it, anyone logged in may. */
  only?: { may: Permission<NoInfer<Item>>; refusal: string };
}

export interface ItemGuard<Item> {
  /** The route's preHandlers: requireUser, then load the item and check the rule. */
  readonly preHandler: preHandlerAsyncHookHandler[];
  /** In the handler: the item the preHandler loaded. */
  item(request: FastifyRequest): Item;
}

/**
 * A guard for routes on one item (`/comments/:id/edit`): 401 (or log in) first,
 * then 404 when the item is gone, then 403 when the rule says no. The loaded
 * item is kept beside the guard rather than on the request, so each guard's
 * item keeps its own type.
 */
export function itemGuard<Item extends object>(rule: ItemRule<Item>): ItemGuard<Item> {
  const loaded = new WeakMap<FastifyRequest, Item>();
  async function loadItem(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const item = rule.find((request.params as { id: number }).id);
    if (item === undefined) await notFound(request, reply, rule.what);
    else if (rule.only && !rule.only.may(item, signedIn(request).id))
      await forbid(request, reply, rule.only.refusal);
    else loaded.set(request, item);
  }
  return {
    preHandler: [requireUser, loadItem],
    item(request) {
      const item = loaded.get(request);
      if (item === undefined) throw new Error(`${request.routeOptions.url} has no item guard preHandler`);
      return item;
    },
  };
}

/**
 * The options of a route that writes: the write budget all writes share (onRequest), then its
 * guards (preHandler). A route that shows its form again on bad input (`keepsForm`) gets the
 * validation error in the handler instead of the error page.
 */
export function writeRoute<Schema extends FastifySchema>(
  app: FastifyInstance,
  schema: Schema,
  preHandler: preHandlerAsyncHookHandler | preHandlerAsyncHookHandler[],
  { keepsForm = false } = {},
) {
  return { schema, attachValidation: keepsForm, onRequest: app.writeLimit, preHandler };
}
