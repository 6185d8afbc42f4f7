import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { wantsJson } from '../http.ts';
import { itemGuard, live, signedIn, writeRoute } from './guards.ts';
import { IdParams, jsonReplies } from './schemas.ts';

const FollowState = Type.Object({ following: Type.Boolean() });

/** The Follow / Unfollow buttons of a discussion page: one route each, so a form needs no field. */
const followRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const followable = itemGuard({
    what: 'discussion',
    find: (id: number) => live(app.repositories.discussions.findById(id)),
  });

  for (const [action, follow] of [
    ['follow', true],
    ['unfollow', false],
  ] as const) {
    app.post(
      `/discuss/:id/${action}`,
      writeRoute(
        app,
        { params: IdParams, response: jsonReplies({ 200: FollowState }) },
        followable.preHandler,
      ),
      async (request, reply) => {
        const discussion = followable.item(request);
        app.repositories.follows.choose(signedIn(request).id, discussion.id, follow);
        if (wantsJson(request)) return reply.send({ following: follow });
        return reply.redirect(`/discuss/${discussion.id}`, 303);
      },
    );
  }
};

export default followRoutes;
