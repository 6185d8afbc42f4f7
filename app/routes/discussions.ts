import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { DiscussionRow } from '../../db/repositories/discussions.ts';
import { renderMarkdown } from '../domain/markdown.ts';
import { canDelete, canEdit, canVote } from '../domain/permissions.ts';
import { buildCommentTree } from '../domain/tree.ts';
import { checkDiscussion, describeValidation } from '../domain/validation.ts';
import { sendWritten, wantsJson } from '../http.ts';
import { forbid, notFound, requireUser } from './guards.ts';
import { DiscussionForm, IdParams, keptFields } from './schemas.ts';

const FIELDS = ['title', 'url', 'text'] as const;

const discussionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  /** Everything the thread page shows, in a fixed number of queries however many comments there are. */
  function discussionPage(discussion: DiscussionRow, userId: number | undefined) {
    const now = Date.now();
    return {
      title: discussion.title,
      discussion,
      comments: buildCommentTree(app.repositories.comments.listForDiscussion(discussion.id)),
      votes: userId === undefined ? null : app.repositories.votes.inDiscussion(userId, discussion.id),
      now,
      may: {
        edit: (item: Parameters<typeof canEdit>[0]) => canEdit(item, userId, now),
        delete: (item: Parameters<typeof canDelete>[0]) => canDelete(item, userId),
        vote: (item: Parameters<typeof canVote>[0]) => canVote(item, userId),
      },
    };
  }

  app.get('/discuss/:id', { schema: { params: IdParams } }, async (request, reply) => {
    const revision = app.repositories.discussions.liveRevision(request.params.id);
    if (revision === undefined) return notFound(request, reply);
    return reply.cachedPage(revision, 'discussion', () => {
      const discussion = app.repositories.discussions.findById(request.params.id) as DiscussionRow;
      return discussionPage(discussion, request.user?.id);
    });
  });

  app.get('/submit', async (request, reply) => {
    if (!(await requireUser(request, reply))) return reply;
    return reply.page('submit', { title: 'Start a discussion', values: { title: '', url: '', text: '' } });
  });

  app.post(
    '/submit',
    { schema: { body: DiscussionForm }, attachValidation: true, onRequest: app.writeLimit },
    async (request, reply) => {
      const user = await requireUser(request, reply);
      if (!user) return reply;
      const values = keptFields(request.body, FIELDS);
      const problem = request.validationError
        ? describeValidation(request.validationError.validation)
        : checkDiscussion(request.body);
      if (problem) {
        if (wantsJson(request)) return reply.code(400).send({ error: problem });
        return reply.page('submit', { title: 'Start a discussion', error: problem, values }, 400);
      }
      const { title, url, text } = request.body;
      const discussion = { authorId: user.id, title: title.trim(), url: url.trim() || null, bodyMd: text };
      const bodyHtml = renderMarkdown(text);
      const written = app.writeOnce(request, user.id, () => {
        const id = app.repositories.discussions.create({ ...discussion, bodyHtml }, Date.now());
        return { status: 201, body: { id, url: `/discuss/${id}` } };
      });
      return sendWritten(request, reply, written);
    },
  );

  app.get('/discuss/:id/edit', { schema: { params: IdParams } }, async (request, reply) => {
    const user = await requireUser(request, reply);
    if (!user) return reply;
    const discussion = app.repositories.discussions.findById(request.params.id);
    if (!discussion || discussion.deletedAt !== null) return notFound(request, reply);
    if (!canEdit(discussion, user.id))
      return forbid(request, reply, 'Only the author can edit a discussion, within an hour of posting it.');
    return reply.page('edit-discussion', {
      title: 'Edit discussion',
      discussion,
      values: { title: discussion.title, url: discussion.url ?? '', text: discussion.bodyMd },
    });
  });

  app.post(
    '/discuss/:id/edit',
    { schema: { params: IdParams, body: DiscussionForm }, attachValidation: true, onRequest: app.writeLimit },
    async (request, reply) => {
      const user = await requireUser(request, reply);
      if (!user) return reply;
      const discussion = app.repositories.discussions.findById(request.params.id);
      if (!discussion || discussion.deletedAt !== null) return notFound(request, reply);
      if (!canEdit(discussion, user.id))
        return forbid(request, reply, 'Only the author can edit a discussion, within an hour of posting it.');
      const values = keptFields(request.body, FIELDS);
      const problem = request.validationError
        ? describeValidation(request.validationError.validation)
        : checkDiscussion(request.body);
      if (problem) {
        if (wantsJson(request)) return reply.code(400).send({ error: problem });
        return reply.page(
          'edit-discussion',
          { title: 'Edit discussion', discussion, error: problem, values },
          400,
        );
      }
      const { title, url, text } = request.body;
      app.repositories.discussions.update(
        discussion.id,
        { title: title.trim(), url: url.trim() || null, bodyMd: text, bodyHtml: renderMarkdown(text) },
        Date.now(),
      );
      if (wantsJson(request)) return reply.send({ id: discussion.id, url: `/discuss/${discussion.id}` });
      return reply.redirect(`/discuss/${discussion.id}`, 303);
    },
  );

  app.post(
    '/discuss/:id/delete',
    { schema: { params: IdParams }, onRequest: app.writeLimit },
    async (request, reply) => {
      const user = await requireUser(request, reply);
      if (!user) return reply;
      const discussion = app.repositories.discussions.findById(request.params.id);
      if (!discussion || discussion.deletedAt !== null) return notFound(request, reply);
      if (!canDelete(discussion, user.id))
        return forbid(request, reply, 'Only the author can delete a discussion.');
      app.repositories.discussions.softDelete(discussion.id, Date.now());
      if (wantsJson(request)) return reply.send({ deleted: true });
      return reply.redirect('/', 303);
    },
  );
};

export default discussionRoutes;
