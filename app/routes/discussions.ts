import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { DiscussionRow } from '../../db/repositories/discussions.ts';
import { Deleted, Written } from '../domain/json-shapes.ts';
import { renderMarkdown } from '../domain/markdown.ts';
import { canDelete, canEdit, canVote, editMinutesLeft, isOwn } from '../domain/permissions.ts';
import { checkDiscussion, describeValidation } from '../domain/validation.ts';
import { cleanTitle } from '../domain/visible-text.ts';
import { notFound, refuseForm, sendDeleted, sendWritten } from '../http.ts';
import {
  type CommentPage,
  commentUrl,
  hasPage,
  listingUrl,
  loadCommentPage,
  outlineAt,
  PageQuery,
  ThreadParams,
} from './comment-listing.ts';
import { itemGuard, live, type Permission, requireUser, signedIn, writeRoute } from './guards.ts';
import { DiscussionForm, IdParams, jsonReplies, keptFields } from './schemas.ts';

const FIELDS = ['title', 'url', 'text'] as const;

const discussionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  /** Everything a page of the discussion shows, in a fixed number of queries however many comments there are. */
  function discussionPage(discussion: DiscussionRow, userId: number | undefined, comments: CommentPage) {
    const now = Date.now();
    return {
      title: comments.page === 1 ? discussion.title : `${discussion.title} (page ${comments.page})`,
      discussion,
      comments: comments.comments,
      commentPages: { ...comments, url: (page: number) => listingUrl(discussion.id, null, page) },
      votes: userId === undefined ? null : app.repositories.votes.inDiscussion(userId, discussion.id),
      now,
      may: {
        edit: (item: Parameters<typeof canEdit>[0]) => canEdit(item, userId, now),
        editMinutesLeft: (item: Parameters<typeof editMinutesLeft>[0]) => editMinutesLeft(item, now),
        own: (item: Parameters<typeof isOwn>[0]) => isOwn(item, userId),
        delete: (item: Parameters<typeof canDelete>[0]) => canDelete(item, userId),
        vote: (item: Parameters<typeof canVote>[0]) => canVote(item, userId),
      },
    };
  }

  const pageSchema = { params: IdParams, querystring: PageQuery };
  app.get('/discuss/:id', { schema: pageSchema }, async (request, reply) => {
    const revision = app.repositories.discussions.liveRevision(request.params.id);
    if (revision === undefined) return notFound(request, reply);
    const { page } = request.query;
    const outline = outlineAt(app.repositories.comments, request.params.id, revision);
    if (!hasPage(outline, null, page)) return notFound(request, reply, 'page of comments');
    // The Follow / Unfollow button is the viewer's own, so the page is kept per follow state too.
    const following =
      request.user !== null && app.repositories.follows.isFollowing(request.user.id, request.params.id);
    return reply.cachedPage(`${revision}.${following}`, 'discussion', () => {
      const discussion = app.repositories.discussions.findById(request.params.id) as DiscussionRow;
      const comments = loadCommentPage(app.repositories.comments, discussion.id, null, page, outline);
      return { ...discussionPage(discussion, request.user?.id, comments), following };
    });
  });

  // One comment and its replies, for a thread too large to show in place ("continue this thread").
  const threadSchema = { params: ThreadParams, querystring: PageQuery };
  app.get('/discuss/:id/comments/:commentId', { schema: threadSchema }, async (request, reply) => {
    const { id, commentId } = request.params;
    const { page } = request.query;
    const revision = app.repositories.discussions.liveRevision(id);
    if (revision === undefined) return notFound(request, reply);
    const outline = outlineAt(app.repositories.comments, id, revision);
    if (!outline.isShown(commentId)) return notFound(request, reply, 'comment');
    if (!hasPage(outline, commentId, page)) return notFound(request, reply, 'page of comments');
    return reply.cachedPage(revision, 'thread', () => {
      const discussion = app.repositories.discussions.findById(id) as DiscussionRow;
      const comments = loadCommentPage(app.repositories.comments, id, commentId, page, outline);
      return {
        ...discussionPage(discussion, request.user?.id, comments),
        title: `Thread in ${discussion.title}`,
        commentPages: { ...comments, url: (to: number) => listingUrl(id, commentId, to) },
        inContext: commentUrl(app.repositories.comments, { id: commentId, discussionId: id }, outline),
      };
    });
  });

  /** The live discussion of the route's `:id`, for whoever `may` lets through. */
  const discussionGuard = (may: Permission<DiscussionRow>, refusal: string) =>
    itemGuard({
      what: 'discussion',
      find: (id: number) => live(app.repositories.discussions.findById(id)),
      only: { may, refusal },
    });
  const editable = discussionGuard(
    canEdit,
    'Only the author can edit a discussion, within an hour of posting it.',
  );
  const deletable = discussionGuard(canDelete, 'Only the author can delete a discussion.');

  app.get('/submit', { preHandler: requireUser }, async (_request, reply) =>
    reply.page('submit', { title: 'Start a discussion', values: { title: '', url: '', text: '' } }),
  );

  app.post(
    '/submit',
    writeRoute(app, { body: DiscussionForm, response: jsonReplies({ 201: Written }) }, requireUser, {
      keepsForm: true,
    }),
    async (request, reply) => {
      const user = signedIn(request);
      const problem = request.validationError
        ? describeValidation(request.validationError.validation)
        : checkDiscussion(request.body);
      if (problem) {
        const page = { title: 'Start a discussion', values: keptFields(request.body, FIELDS) };
        return refuseForm(request, reply, problem, { template: 'submit', page });
      }
      const { title, url, text } = request.body;
      const discussion = {
        authorId: user.id,
        title: cleanTitle(title),
        url: url.trim() || null,
        bodyMd: text,
      };
      const bodyHtml = renderMarkdown(text);
      const written = await app.writeOnce(request, user.id, () => {
        const id = app.repositories.discussions.create({ ...discussion, bodyHtml }, Date.now());
        return { status: 201, body: { id, url: `/discuss/${id}` } satisfies Written };
      });
      return sendWritten(request, reply, written);
    },
  );

  app.get(
    '/discuss/:id/edit',
    { schema: { params: IdParams }, preHandler: editable.preHandler },
    async (request, reply) => {
      const discussion = editable.item(request);
      return reply.page('edit-discussion', {
        title: 'Edit discussion',
        discussion,
        values: { title: discussion.title, url: discussion.url ?? '', text: discussion.bodyMd },
      });
    },
  );

  app.post(
    '/discuss/:id/edit',
    writeRoute(
      app,
      { params: IdParams, body: DiscussionForm, response: jsonReplies({ 200: Written }) },
      editable.preHandler,
      { keepsForm: true },
    ),
    async (request, reply) => {
      const discussion = editable.item(request);
      const problem = request.validationError
        ? describeValidation(request.validationError.validation)
        : checkDiscussion(request.body);
      if (problem) {
        const page = { title: 'Edit discussion', discussion, values: keptFields(request.body, FIELDS) };
        return refuseForm(request, reply, problem, { template: 'edit-discussion', page });
      }
      const { title, url, text } = request.body;
      app.repositories.discussions.update(
        discussion.id,
        { title: cleanTitle(title), url: url.trim() || null, bodyMd: text, bodyHtml: renderMarkdown(text) },
        Date.now(),
      );
      const written = { id: discussion.id, url: `/discuss/${discussion.id}` } satisfies Written;
      return sendWritten(request, reply, { status: 200, body: written });
    },
  );

  // Without scripts, Delete links here: the page says what goes, other people's comments too, and asks again.
  app.get(
    '/discuss/:id/delete',
    { schema: { params: IdParams }, preHandler: deletable.preHandler },
    async (request, reply) =>
      reply.page('delete-discussion', { title: 'Delete discussion', discussion: deletable.item(request) }),
  );

  app.post(
    '/discuss/:id/delete',
    writeRoute(app, { params: IdParams, response: jsonReplies({ 200: Deleted }) }, deletable.preHandler),
    async (request, reply) => {
      const discussion = deletable.item(request);
      app.repositories.discussions.softDelete(discussion.id, Date.now());
      return sendDeleted(request, reply, '/');
    },
  );
};

export default discussionRoutes;
