import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { CommentRow } from '../../db/repositories/comments.ts';
import type { DiscussionRow } from '../../db/repositories/discussions.ts';
import type { VoteTarget, VoteValue } from '../../db/repositories/votes.ts';
import { VoteCast } from '../domain/json-shapes.ts';
import { canVote } from '../domain/permissions.ts';
import { safeRedirectTarget, sendWritten, wantsJson } from '../http.ts';
import { commentUrl } from './comment-listing.ts';
import { itemGuard, live, signedIn, writeRoute } from './guards.ts';
import { IdParams, jsonReplies } from './schemas.ts';

const VoteForm = Type.Object({
  direction: Type.Union([Type.Literal('up'), Type.Literal('down'), Type.Literal('none')]),
  // A vote from a listing, without scripts, goes back to the listing instead of the item's page.
  returnTo: Type.Optional(Type.String({ maxLength: 2000 })),
});
const VALUES: Record<'up' | 'down' | 'none', VoteValue> = { up: 1, down: -1, none: 0 };
const NOT_YOURS = 'You cannot vote on what you wrote yourself.';

type Votable = Parameters<typeof canVote>[0] & VoteTarget;

/** What a vote needs to know about one kind of item: where it is voted on and shown, how it is stored. */
interface VotableKind {
  path: string;
  /** The item, deleted or not (a deleted one is refused with 404); nothing inside a deleted discussion. */
  find(id: number): Votable | undefined;
  record(userId: number, target: VoteTarget, value: VoteValue): void;
  /** Deletion is soft, so an item once voted on is always there to ask. */
  scoreOf(id: number): number;
  url(item: Votable): string;
}

const voteRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { comments, discussions, votes } = app.repositories;
  const kinds: Record<'discussion' | 'comment', VotableKind> = {
    discussion: {
      path: '/discuss/:id/vote',
      find: (id) => {
        const discussion = discussions.findById(id);
        return discussion && { ...discussion, discussionId: discussion.id };
      },
      record: (userId, target, value) => votes.voteDiscussion(userId, target, value),
      scoreOf: (id) => (discussions.findById(id) as DiscussionRow).score,
      url: (discussion) => `/discuss/${discussion.id}`,
    },
    comment: {
      path: '/comments/:id/vote',
      find: (id) => {
        const comment = comments.findById(id);
        const discussion = comment && live(discussions.findById(comment.discussionId));
        return discussion ? comment : undefined;
      },
      record: (userId, target, value) => votes.voteComment(userId, target, value),
      scoreOf: (id) => (comments.findById(id) as CommentRow).score,
      url: (comment) => commentUrl(comments, { id: comment.id, discussionId: comment.discussionId }),
    },
  };

  /** One route votes on one kind of item; a repeated delivery of the same vote is answered once. */
  function voteRoute(kind: keyof typeof kinds) {
    const { path, find, record, scoreOf, url } = kinds[kind];
    const votable = itemGuard({
      what: kind,
      find: (id: number) => live(find(id)),
      only: { may: canVote, refusal: NOT_YOURS },
    });
    app.post(
      path,
      writeRoute(
        app,
        { params: IdParams, body: VoteForm, response: jsonReplies({ 200: VoteCast }) },
        votable.preHandler,
      ),
      async (request, reply) => {
        const user = signedIn(request);
        const item = votable.item(request);
        const value = VALUES[request.body.direction];
        const target = { id: item.id, authorId: item.authorId, discussionId: item.discussionId };
        const written = await app.writeOnce(request, user.id, () => {
          record(user.id, target, value);
          const body = { score: scoreOf(item.id), vote: value, url: url(item) } satisfies VoteCast;
          return { status: 200, body };
        });
        const returnTo = safeRedirectTarget(request.body.returnTo, '');
        if (returnTo && !wantsJson(request)) return reply.redirect(returnTo, 303);
        return sendWritten(request, reply, written);
      },
    );
  }

  voteRoute('discussion');
  voteRoute('comment');
};

export default voteRoutes;
