import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { CommentRow } from '../../db/queries/comments.ts';
import { renderMarkdown } from '../domain/markdown.ts';
import { canDelete, canEdit } from '../domain/permissions.ts';
import { replyPlacement } from '../domain/tree.ts';
import { describeValidation } from '../domain/validation.ts';
import { sendWritten, wantsJson } from '../http.ts';
import { forbid, notFound, requireUser } from './guards.ts';
import { CommentForm, IdParams, keptFields } from './schemas.ts';

const EditForm = Type.Pick(CommentForm, ['body']);

function permalink(comment: Pick<CommentRow, 'id' | 'postId'>): string {
  return `/discuss/${comment.postId}#c${comment.id}`;
}

const commentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  /** A live comment with its live discussion, or undefined. */
  function findLiveComment(id: number) {
    const comment = app.repos.comments.findById(id);
    if (!comment || comment.deletedAt !== null) return undefined;
    const post = app.repos.posts.findById(comment.postId);
    if (!post || post.deletedAt !== null) return undefined;
    return { comment, post };
  }

  app.post(
    '/discuss/:id/comments',
    { schema: { params: IdParams, body: CommentForm }, attachValidation: true, onRequest: app.writeLimit },
    async (request, reply) => {
      const user = await requireUser(request, reply);
      if (!user) return reply;
      const post = app.repos.posts.findById(request.params.id);
      if (!post || post.deletedAt !== null) return notFound(request, reply);
      const values = keptFields(request.body, ['body']);
      // A request without a body reaches here with the schema error attached and request.body undefined.
      const parentId = request.validationError ? undefined : request.body.parentId;
      const parent = parentId === undefined ? undefined : findLiveComment(parentId)?.comment;
      const problem = request.validationError
        ? describeValidation(request.validationError.validation)
        : parentId !== undefined && parent?.postId !== post.id
          ? 'The comment you are replying to was deleted.'
          : null;
      if (problem) {
        if (wantsJson(request)) return reply.code(400).send({ error: problem });
        return reply.page(
          'reply',
          { title: `Reply: ${post.title}`, post, parent, error: problem, values },
          400,
        );
      }
      const placement = parent ? replyPlacement(parent) : { parentId: null, depth: 0 };
      const { body } = request.body;
      const bodyHtml = renderMarkdown(body);
      const written = app.writeOnce(request, user.id, () => {
        const id = app.repos.comments.create(
          { postId: post.id, authorId: user.id, ...placement, bodyMd: body, bodyHtml },
          Date.now(),
        );
        return { status: 201, body: { id, url: permalink({ id, postId: post.id }) } };
      });
      return sendWritten(request, reply, written);
    },
  );

  app.get('/comments/:id/reply', { schema: { params: IdParams } }, async (request, reply) => {
    if (!(await requireUser(request, reply))) return reply;
    const found = findLiveComment(request.params.id);
    if (!found) return notFound(request, reply, 'comment');
    return reply.page('reply', {
      title: `Reply: ${found.post.title}`,
      post: found.post,
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
      app.repos.comments.update(found.comment.id, found.post.id, body, renderMarkdown(body), Date.now());
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
      app.repos.comments.softDelete(found.comment.id, found.post.id, Date.now());
      if (wantsJson(request)) return reply.send({ deleted: true });
      return reply.redirect(`/discuss/${found.post.id}`, 303);
    },
  );

  // A comment's permalink, for feeds and profiles: it lives inside its thread.
  app.get('/comments/:id', { schema: { params: IdParams } }, async (request, reply) => {
    const comment = app.repos.comments.findById(request.params.id);
    if (!comment) return notFound(request, reply, 'comment');
    return reply.redirect(permalink(comment), 301);
  });
};

export default commentRoutes;
