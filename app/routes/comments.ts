import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { CommentRow } from '../../db/repositories/comments.ts';
import type { DiscussionRow } from '../../db/repositories/discussions.ts';
import { Deleted, Written } from '../domain/json-shapes.ts';
import { renderMarkdown } from '../domain/markdown.ts';
import { canDelete, canEdit } from '../domain/permissions.ts';
import { replyPlacement } from '../domain/tree.ts';
import { describeValidation } from '../domain/validation.ts';
import { notFound, refuseForm, sendDeleted, sendWritten } from '../http.ts';
import { commentUrl, forgetOutline, keptCommentUrl, outlineWithNewComment } from './comment-listing.ts';
import { itemGuard, live, type Permission, signedIn, writeRoute } from './guards.ts';
import { CommentForm, IdParams, jsonReplies, keptFields } from './schemas.ts';

const EditForm = Type.Pick(CommentForm, ['body']);

/** A comment with the discussion it belongs to. */
interface LiveComment {
  comment: CommentRow;
  discussion: DiscussionRow;
}

const commentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  /** Where the comment is read in its place (the page of a huge discussion that shows it). */
  const permalink = (comment: Pick<CommentRow, 'id' | 'discussionId'>) =>
    keptCommentUrl(app.repositories.comments, app.repositories.discussions, comment);

  /** A live comment with its live discussion, or undefined. */
  function findLiveComment(id: number): LiveComment | undefined {
    const comment = live(app.repositories.comments.findById(id));
    if (!comment) return undefined;
    const discussion = live(app.repositories.discussions.findById(comment.discussionId));
    return discussion && { comment, discussion };
  }

  const commentable = itemGuard({
    what: 'discussion',
    find: (id: number) => live(app.repositories.discussions.findById(id)),
  });
  /** The live comment of the route's `:id` (with its discussion), for whoever `only` lets through. */
  const commentGuard = (only?: { may: Permission<CommentRow>; refusal: string }) =>
    itemGuard<LiveComment>({
      what: 'comment',
      find: findLiveComment,
      only: only && { ...only, may: (found, userId) => only.may(found.comment, userId) },
    });
  const repliable = commentGuard();
  const editable = commentGuard({
    may: canEdit,
    refusal: 'Only the author can edit a comment, within an hour of posting it.',
  });
  const deletable = commentGuard({ may: canDelete, refusal: 'Only the author can delete a comment.' });

  app.post(
    '/discuss/:id/comments',
    writeRoute(
      app,
      { params: IdParams, body: CommentForm, response: jsonReplies({ 201: Written }) },
      commentable.preHandler,
      { keepsForm: true },
    ),
    async (request, reply) => {
      const user = signedIn(request);
      const discussion = commentable.item(request);
      // A request without a body reaches here with the schema error attached and request.body undefined.
      const parentId = request.validationError ? undefined : request.body.parentId;
      const parent = parentId === undefined ? undefined : findLiveComment(parentId)?.comment;
      const problem = request.validationError
        ? describeValidation(request.validationError.validation)
        : parentId !== undefined && parent?.discussionId !== discussion.id
          ? 'The comment you are replying to was deleted.'
          : null;
      if (problem) {
        const values = keptFields(request.body, ['body']);
        const cancelUrl = parent ? permalink(parent) : `/discuss/${discussion.id}`;
        const page = { title: `Reply: ${discussion.title}`, discussion, parent, values, cancelUrl };
        return refuseForm(request, reply, problem, { template: 'reply', page });
      }
      const placement = parent ? replyPlacement(parent) : { parentId: null, depth: 0 };
      const { body } = request.body;
      const bodyHtml = renderMarkdown(body);
      const { comments, discussions } = app.repositories;
      const write = () => {
        const id = comments.create(
          { discussionId: discussion.id, authorId: user.id, ...placement, bodyMd: body, bodyHtml },
          Date.now(),
        );
        // Read at once, so nothing else wrote in between; an Idempotency-Key's write is still in its transaction.
        const revision = discussions.liveRevision(discussion.id) as number;
        const comment = { id, parentId: placement.parentId, deleted: false };
        const outline = outlineWithNewComment(comments, discussion.id, revision, comment);
        const url = commentUrl(comments, { id, discussionId: discussion.id }, outline);
        return { status: 201, body: { id, url } satisfies Written };
      };
      let written: Awaited<ReturnType<typeof app.writeOnce>>;
      try {
        written = await app.writeOnce(request, user.id, write);
      } catch (error) {
        // Not committed: the outline kept inside the write shows a comment that does not exist.
        forgetOutline(comments, discussion.id);
        throw error;
      }
      return sendWritten(request, reply, written);
    },
  );

  app.get(
    '/comments/:id/reply',
    { schema: { params: IdParams }, preHandler: repliable.preHandler },
    async (request, reply) => {
      const { comment, discussion } = repliable.item(request);
      return reply.page('reply', {
        title: `Reply: ${discussion.title}`,
        discussion,
        parent: comment,
        values: { body: '' },
        cancelUrl: permalink(comment),
      });
    },
  );

  app.get(
    '/comments/:id/edit',
    { schema: { params: IdParams }, preHandler: editable.preHandler },
    async (request, reply) => {
      const found = editable.item(request);
      return reply.page('edit-comment', {
        title: 'Edit comment',
        ...found,
        values: { body: found.comment.bodyMd },
        cancelUrl: permalink(found.comment),
      });
    },
  );

  app.post(
    '/comments/:id/edit',
    writeRoute(
      app,
      { params: IdParams, body: EditForm, response: jsonReplies({ 200: Written }) },
      editable.preHandler,
      { keepsForm: true },
    ),
    async (request, reply) => {
      const { comment, discussion } = editable.item(request);
      if (request.validationError) {
        const problem = describeValidation(request.validationError.validation);
        const page = {
          title: 'Edit comment',
          comment,
          discussion,
          values: keptFields(request.body, ['body']),
          cancelUrl: permalink(comment),
        };
        return refuseForm(request, reply, problem, { template: 'edit-comment', page });
      }
      const { body } = request.body;
      app.repositories.comments.update(comment.id, discussion.id, body, renderMarkdown(body), Date.now());
      const written = { id: comment.id, url: permalink(comment) } satisfies Written;
      return sendWritten(request, reply, { status: 200, body: written });
    },
  );

  // Without scripts, Delete links here: the page says what goes and asks again, with the POST below.
  app.get(
    '/comments/:id/delete',
    { schema: { params: IdParams }, preHandler: deletable.preHandler },
    async (request, reply) => {
      const { comment, discussion } = deletable.item(request);
      return reply.page('delete-comment', { title: 'Delete comment', comment, discussion });
    },
  );

  app.post(
    '/comments/:id/delete',
    writeRoute(app, { params: IdParams, response: jsonReplies({ 200: Deleted }) }, deletable.preHandler),
    async (request, reply) => {
      const { comment, discussion } = deletable.item(request);
      app.repositories.comments.softDelete(comment.id, discussion.id, Date.now());
      return sendDeleted(request, reply, `/discuss/${discussion.id}`);
    },
  );

  // A comment's permalink, for feeds and profiles: it lives inside its discussion, on the page
  // that shows it, which changes as a huge discussion grows (so the redirect is not permanent).
  app.get('/comments/:id', { schema: { params: IdParams } }, async (request, reply) => {
    const comment = app.repositories.comments.findById(request.params.id);
    if (!comment || !live(app.repositories.discussions.findById(comment.discussionId)))
      return notFound(request, reply, 'comment');
    return reply.redirect(permalink(comment), 302);
  });
};

export default commentRoutes;
