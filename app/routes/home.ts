import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { DiscussionSummary } from '../../db/repositories/discussions.ts';
import { FRONT_PAGE_SIZE, MAX_PAGE, RANKING_CANDIDATES } from '../domain/limits.ts';
import { canVote } from '../domain/permissions.ts';
import { rankByHotness } from '../domain/ranking.ts';

const PageQuery = Type.Object({ page: Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 1 }) });

const homeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  /** A logged-in reader's arrows on each listed discussion: their vote, and whether they may cast one. */
  function votingOn(discussions: readonly DiscussionSummary[], userId: number | undefined) {
    if (userId === undefined) return null;
    const votes = app.repositories.votes.onDiscussions(
      userId,
      discussions.map((discussion) => discussion.id),
    );
    return {
      voteOn: (id: number) => votes.get(id) ?? 0,
      // Listings show live discussions only.
      mayVote: (discussion: DiscussionSummary) => canVote({ ...discussion, deletedAt: null }, userId),
    };
  }

  app.get('/', { schema: { querystring: PageQuery } }, async (request, reply) => {
    const { page } = request.query;
    return reply.cachedPage(app.repositories.version(), 'list', () => {
      const ranked = rankByHotness(
        app.repositories.discussions.rankingCandidates(RANKING_CANDIDATES),
        Date.now(),
      );
      const start = (page - 1) * FRONT_PAGE_SIZE;
      const shown = ranked.slice(start, start + FRONT_PAGE_SIZE);
      const discussions = app.repositories.discussions.summaries(shown.map((discussion) => discussion.id));
      return {
        title: 'Charcha',
        listing: 'top',
        discussions,
        voting: votingOn(discussions, request.user?.id),
        page,
        hasMore: ranked.length > start + FRONT_PAGE_SIZE,
        firstRank: start + 1,
      };
    });
  });

  app.get('/new', { schema: { querystring: PageQuery } }, async (request, reply) => {
    const { page } = request.query;
    return reply.cachedPage(app.repositories.version(), 'list', () => {
      const start = (page - 1) * FRONT_PAGE_SIZE;
      const newest = app.repositories.discussions.listNewest(FRONT_PAGE_SIZE + 1, start);
      const discussions = newest.slice(0, FRONT_PAGE_SIZE);
      return {
        title: 'New discussions',
        listing: 'new',
        discussions,
        voting: votingOn(discussions, request.user?.id),
        page,
        hasMore: newest.length > FRONT_PAGE_SIZE,
        firstRank: start + 1,
      };
    });
  });
};

export default homeRoutes;
