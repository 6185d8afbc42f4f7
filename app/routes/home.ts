import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { FRONT_PAGE_SIZE, MAX_PAGE, RANKING_CANDIDATES } from '../domain/limits.ts';
import { rankByHotness } from '../domain/ranking.ts';

const PageQuery = Type.Object({ page: Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 1 }) });

const homeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/', { schema: { querystring: PageQuery } }, async (request, reply) => {
    const { page } = request.query;
    return reply.cachedPage(app.repositories.version(), 'list', () => {
      const ranked = rankByHotness(
        app.repositories.discussions.rankingCandidates(RANKING_CANDIDATES),
        Date.now(),
      );
      const start = (page - 1) * FRONT_PAGE_SIZE;
      const shown = ranked.slice(start, start + FRONT_PAGE_SIZE);
      return {
        title: 'Charcha',
        listing: 'top',
        discussions: app.repositories.discussions.summaries(shown.map((discussion) => discussion.id)),
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
      const discussions = app.repositories.discussions.listNewest(FRONT_PAGE_SIZE + 1, start);
      return {
        title: 'New discussions',
        listing: 'new',
        discussions: discussions.slice(0, FRONT_PAGE_SIZE),
        page,
        hasMore: discussions.length > FRONT_PAGE_SIZE,
        firstRank: start + 1,
      };
    });
  });
};

export default homeRoutes;
