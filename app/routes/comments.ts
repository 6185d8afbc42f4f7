import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { CommentRow } from '../../db/repositories/comments.ts';
import { renderMarkdown } from '../domain/markdown.ts';
import { canDelete, canEdit } from '../domain/permissions.ts';
import { replyPlacement } from '../domain/tree.ts';
import { describeValidation } from '../domain/validation.ts';
import { sendWritten, wantsJson } from '../http.ts';
import { forbid, notFound, requireUser } from './guards.ts';
import { CommentForm, IdParams, keptFields } from './schemas.ts';

const EditForm = Type.Pick(CommentForm, ['body']);

function permalink(comment: Pick<CommentRow, 'id' | 'discussionId'>): string {
  return `/discuss/${comment.discussionId}#c${comment.id}`;
}

const commentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  /** A live comment with its live discussion, or undefined. */
  function findLiveComment(id: number) {
    const comment = app.repositories.comments.findById(id);
    if (!comment || comment.deletedAt !== null) return undefined;
    const discussion = app.repositories.discussions.findById(comment.discussionId);
    if (!discussion || discussion.deletedAt !== null) return undefined;
    return { comment, discussion };
  }

  app.post(
    '/discuss/:id/comments',
    { schema: { params: IdParams, body: CommentForm }, attachValidation: true, onRequest: app.writeLimit },
    async (request, reply) => {
      const user = await requireUser(request, reply);
      if (!user) return reply;
      const discussion = app.repositories.discussions.findById(request.params.id);
      if (!discussion || discussion.deletedAt !== null) return notFound(request, reply);
      const values = keptFields(request.body, ['body']);
      // A request without a body reaches here with the schema error attached and request.body undefined.
      const parentId = request.validationError ? undefined : request.body.parentId;
      const parent = parentId === undefined ? undefined : findLiveComment(parentId)?.comment;
      const problem = request.validationError
        ? describeValidation(request.validationError.validation)
        : parentId !== undefined && parent?.discussionId !== discussion.id
          ? 'The comment you are replying to was deleted.'
          : null;
      if (problem) {
        if (wantsJson(request)) return reply.code(400).send({ error: problem });
        return reply.page(
          'reply',
          { title: `Reply: ${discussion.title}`, discussion, parent, error: problem, values },
          400,
        );
      }
      const placement = parent ? replyPlacement(parent) : { parentId: null, depth: 0 };
      const { body } = request.body;
      const bodyHtml = renderMarkdown(body);
      const written = app.writeOnce(request, user.id, () => {
        const id = app.repositories.comments.create(
          { discussionId: discussion.id, authorId: user.id, ...placement, bodyMd: body, bodyHtml },
          Date.now(),
        );
        return { status: 201, body: { id, url: permalink({ id, discussionId: discussion.id }) } };
      });
      return sendWritten(request, reply, written);
    },
  );

  app.get('/comments/:id/reply', { schema: { params: IdParams } }, async (request, reply) => {
    if (!(await requireUser(request, reply))) return reply;
    const found = findLiveComment(request.params.id);
    if (!found) return notFound(request, reply, 'comment');
    return reply.page('reply', {
      title: `Reply: ${found.discussion.title}`,
      discussion: found.discussion,
      parent: found.comment,
      values: { body: '' },
    });
  });

  app.get('/comments/:id/edit', { schema: { params: IdParams } }, async (request, reply) => {
    const user = await requireUser(request, reply);
    if (!user) return reply;
    const found = findLiveComment(request.params.id);
    if (!found) return notFound(request, reply, 'comment');
    if (!canEdit(found.comment, user.id))
      return forbid(request, reply, 'Only the author can edit a comment, within an hour of posting it.');
    return reply.page('edit-comment', {
      title: 'Edit comment',
      ...found,
      values: { body: found.comment.bodyMd },
    });
  });

  app.post(
    '/comments/:id/edit',
    { schema: { params: IdParams, body: EditForm }, attachValidation: true, onRequest: app.writeLimit },
    async (request, reply) => {
      const user = await requireUser(request, reply);
      if (!user) return reply;
      const found = findLiveComment(request.params.id);
      if (!found) return notFound(request, reply, 'comment');
      if (!canEdit(found.comment, user.id))
        return forbid(request, reply, 'Only the author can edit a comment, within an hour of posting it.');
      if (request.validationError) {
        const error = describeValidation(request.validationError.validation);
        if (wantsJson(request)) return reply.code(400).send({ error });
        return reply.page(
          'edit-comment',
          { title: 'Edit comment', ...found, error, values: keptFields(request.body, ['body']) },
          400,
        );
      }
      const { body } = request.body;
      app.repositories.comments.update(
        found.comment.id,
        found.discussion.id,
        body,
        renderMarkdown(body),
        Date.now(),
      );
      const url = permalink(found.comment);
      if (wantsJson(request)) return reply.send({ id: found.comment.id, url });
      return reply.redirect(url, 303);
    },
  );

  app.post(
    '/comments/:id/delete',
    { schema: { params: IdParams }, onRequest: app.writeLimit },
    async (request, reply) => {
      const user = await requireUser(request, reply);
      if (!user) return reply;
      const found = findLiveComment(request.params.id);
      if (!found) return notFound(request, reply, 'comment');
      if (!canDelete(found.comment, user.id))
        return forbid(request, reply, 'Only the author can delete a comment.');
      app.repositories.comments.softDelete(found.comment.id, found.discussion.id, Date.now());
      if (wantsJson(request)) return reply.send({ deleted: true });
      return reply.redirect(`/discuss/${found.discussion.id}`, 303);
    },
  );

  // A comment's permalink, for feeds and profiles: it lives inside its thread.
  app.get('/comments/:id', { schema: { params: IdParams } }, async (request, reply) => {
    const comment = app.repositories.comments.findById(request.params.id);
    if (!comment) return notFound(request, reply, 'comment');
    return reply.redirect(permalink(comment), 301);
  });
};

export default commentRoutes;
