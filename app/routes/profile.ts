import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { MAX_USERNAME_LENGTH } from '../domain/limits.ts';
import { notFound } from '../http.ts';
import { commentUrls } from './comment-listing.ts';

/** How much of a person's history the profile shows; older items stay reachable from their threads. */
const PROFILE_ITEMS = 30;

const profileRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/u/:username',
    { schema: { params: Type.Object({ username: Type.String({ maxLength: MAX_USERNAME_LENGTH }) }) } },
    async (request, reply) => {
      const profile = app.repositories.users.findByUsername(request.params.username);
      if (!profile) return notFound(request, reply, 'user');
      const comments = app.repositories.comments.listByAuthor(profile.id, PROFILE_ITEMS);
      // Each links to where it is read: a later page of a huge discussion, not always the first.
      const urls = commentUrls(app.repositories.comments, app.repositories.discussions, comments);
      return reply.page('profile', {
        title: profile.username,
        profile: { username: profile.username, karma: profile.karma, createdAt: profile.createdAt },
        discussions: app.repositories.discussions.listByAuthor(profile.id, PROFILE_ITEMS),
        comments: comments.map((comment) => ({ ...comment, url: urls.get(comment.id) })),
      });
    },
  );
};

export default profileRoutes;
