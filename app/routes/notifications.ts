import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { groupByDiscussion, groupHeading, REASON_WORDING } from '../domain/inbox.ts';
import { notFound, wantsJson } from '../http.ts';
import { keptCommentUrl } from './comment-listing.ts';
import { requireUser, signedIn, writeRoute } from './guards.ts';
import { IdParams, jsonReplies } from './schemas.ts';

/** A busy day's notifications fit on one page; older ones are a link away. */
const INBOX_PAGE_SIZE = 50;

const CommentId = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });
const InboxQuery = Type.Object({ before: Type.Optional(CommentId) });
/** "Mark all read" marks what the page showed: a notification that arrived since stays unread. */
const MarkAllReadForm = Type.Object({ upTo: CommentId });
const MarkedRead = Type.Object({ marked: Type.Integer() });

/**
 * A GET that marks read is a write, so it counts only when the browser says a person followed
 * the link on one of our own pages: not a link on another site, a prefetch, a HEAD or a script.
 */
function openedFromOurPage(request: FastifyRequest): boolean {
  const { headers } = request;
  return (
    request.method === 'GET' &&
    headers['sec-fetch-site'] === 'same-origin' &&
    headers['sec-fetch-mode'] === 'navigate' &&
    headers['sec-purpose'] === undefined
  );
}

const notificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/notifications',
    { schema: { querystring: InboxQuery }, preHandler: requireUser },
    async (request, reply) => {
      const user = signedIn(request);
      const { before } = request.query;
      const page = app.repositories.inbox.page(
        user.id,
        before ?? Number.MAX_SAFE_INTEGER,
        INBOX_PAGE_SIZE + 1,
      );
      const shown = page.slice(0, INBOX_PAGE_SIZE);
      const oldest = shown.at(-1);
      return reply.page('notifications', {
        title: 'Notifications',
        groups: groupByDiscussion(shown),
        groupHeading,
        wording: REASON_WORDING,
        firstPage: before === undefined,
        newestCommentId: shown[0]?.commentId ?? 0,
        anyUnread: app.repositories.inbox.unreadCount(user.id) > 0,
        olderThan: page.length > INBOX_PAGE_SIZE && oldest ? oldest.commentId : null,
      });
    },
  );

  // The inbox links through here, so that opening a notification is what marks it read, with
  // or without JavaScript; then on to the comment, on the page of the discussion that shows it.
  // A person is told of a comment once, so the comment's id names the notification.
  app.get(
    '/notifications/:id',
    { schema: { params: IdParams }, preHandler: requireUser },
    async (request, reply) => {
      const user = signedIn(request);
      const target = app.repositories.inbox.target(user.id, request.params.id);
      if (target === undefined) return notFound(request, reply, 'notification');
      if (openedFromOurPage(request))
        app.repositories.notifications.markRead(user.id, target.commentId, Date.now());
      const comment = { id: target.commentId, discussionId: target.discussionId };
      return reply.redirect(
        keptCommentUrl(app.repositories.comments, app.repositories.discussions, comment),
        303,
      );
    },
  );

  app.post(
    '/notifications/read',
    writeRoute(app, { body: MarkAllReadForm, response: jsonReplies({ 200: MarkedRead }) }, requireUser),
    async (request, reply) => {
      const user = signedIn(request);
      const marked = app.repositories.notifications.markAllRead(user.id, request.body.upTo, Date.now());
      if (wantsJson(request)) return reply.send({ marked });
      return reply.redirect('/notifications', 303);
    },
  );
};

export default notificationRoutes;
