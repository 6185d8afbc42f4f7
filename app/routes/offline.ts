import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Listing, ReadAheadList } from '../../sw/shared/read-ahead-list.ts';
import { PAGE_CACHE_DEFAULTS, READ_AHEAD_DEFAULTS } from '../config.ts';
import { RANKING_CANDIDATES } from '../domain/limits.ts';
import { rankByHotness } from '../domain/ranking.ts';
import { renderForDevice } from './device-copy.ts';

export const OFFLINE_PAGE_PATH = '/offline';
export const READ_AHEAD_LIST_PATH = '/offline/read-ahead.json';
export const SAVED_PAGES_PATH = '/offline/saved';

const ListingQuery = Type.Object({
  listing: Type.Union([Type.Literal('top'), Type.Literal('new')], { default: 'top' }),
});

/**
 * The page the service worker shows for a page it never saved, the page that lists what this
 * device saved, and what read-ahead needs. The page script fills both pages in from what is saved
 * on this device.
 */
const offlineRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const readAheadCount = app.config.readAheadDiscussions ?? READ_AHEAD_DEFAULTS.discussions;

  /** The first `count` discussions of a listing, in the order its page shows them (see home.ts). */
  function listed(listing: Listing, count: number): number[] {
    const candidates = app.repositories.discussions.rankingCandidates(RANKING_CANDIDATES);
    // The candidates come newest first, which is the "new" listing's order.
    const ordered = listing === 'top' ? rankByHotness(candidates, Date.now()) : candidates;
    return ordered.slice(0, count).map((discussion) => discussion.id);
  }

  app.get(OFFLINE_PAGE_PATH, async (request, reply) => {
    if (renderForDevice(request, reply))
      return reply.page('offline', { title: 'You are offline', deviceCopy: true });
    return reply.page('offline', { title: 'Reading offline', deviceCopy: false });
  });

  app.get(SAVED_PAGES_PATH, async (request, reply) => {
    const deviceCopy = renderForDevice(request, reply);
    return reply.page('saved', {
      deviceCopy,
      title: 'Saved for offline',
      // The page shows what the worker would show: the same age limit and read-ahead budget.
      maxAgeMs: (app.config.pageCacheMaxAgeS ?? PAGE_CACHE_DEFAULTS.maxAgeS) * 1000,
      readAheadBudgetBytes: (app.config.readAheadBudgetKb ?? READ_AHEAD_DEFAULTS.budgetKb) * 1024,
    });
  });

  /**
   * What the worker reads ahead after a listing's first page was shown: each discussion's URL and
   * the revision its page shows. The same for everyone, so it is small and revalidated with its
   * ETag: a repeat visit to an unchanged front page costs one 304. Empty when SW_READ_AHEAD is 0.
   */
  app.get(READ_AHEAD_LIST_PATH, { schema: { querystring: ListingQuery } }, async (request, reply) => {
    const { listing } = request.query;
    const ids = readAheadCount === 0 ? [] : listed(listing, readAheadCount);
    const list: ReadAheadList = {
      listing,
      discussions: app.repositories.discussions
        .revisions(ids)
        .map(({ id, revision }) => ({ url: `/discuss/${id}`, revision })),
    };
    return reply.header('cache-control', 'no-cache').send(list);
  });
};

export default offlineRoutes;
