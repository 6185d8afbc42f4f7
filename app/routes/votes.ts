import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { VoteValue } from '../../db/repositories/votes.ts';
import { canVote } from '../domain/permissions.ts';
import { sendWritten } from '../http.ts';
import { forbid, notFound, requireUser } from './guards.ts';
import { IdParams } from './schemas.ts';

const VoteForm = Type.Object({
  direction: Type.Union([Type.Literal('up'), Type.Literal('down'), Type.Literal('none')]),
});
const VALUES: Record<'up' | 'down' | 'none', VoteValue> = { up: 1, down: -1, none: 0 };
const NOT_YOURS = 'You cannot vote on what you wrote yourself.';

const voteRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const options = {
    schema: { params: IdParams, body: VoteForm },
    onRequest: app.writeLimit,
  };

  app.post('/discuss/:id/vote', options, async (request, reply) => {
    const user = await requireUser(request, reply);
    if (!user) return reply;
    const discussion = app.repositories.discussions.findById(request.params.id);
    if (!discussion || discussion.deletedAt !== null) return notFound(request, reply);
    if (!canVote(discussion, user.id)) return forbid(request, reply, NOT_YOURS);
    const value = VALUES[request.body.direction];
    const written = app.writeOnce(request, user.id, () => {
      app.repositories.votes.voteDiscussion(
        user.id,
        { id: discussion.id, authorId: discussion.authorId, discussionId: discussion.id },
        value,
      );
      const score = app.repositories.discussions.findById(discussion.id)?.score;
      return { status: 200, body: { score, vote: value, url: `/discuss/${discussion.id}` } };
    });
    return sendWritten(request, reply, written);
  });

  app.post('/comments/:id/vote', options, async (request, reply) => {
    const user = await requireUser(request, reply);
    if (!user) return reply;
    const comment = app.repositories.comments.findById(request.params.id);
    if (!comment || comment.deletedAt !== null) return notFound(request, reply, 'comment');
    if (!canVote(comment, user.id)) return forbid(request, reply, NOT_YOURS);
    const value = VALUES[request.body.direction];
    const target = { id: comment.id, authorId: comment.authorId, discussionId: comment.discussionId };
    const written = app.writeOnce(request, user.id, () => {
      app.repositories.votes.voteComment(user.id, target, value);
      const score = app.repositories.comments.findById(comment.id)?.score;
      return {
        status: 200,
        body: { score, vote: value, url: `/discuss/${comment.discussionId}#c${comment.id}` },
      };
    });
    return sendWritten(request, reply, written);
  });
};

export default voteRoutes;
