import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { FRONT_PAGE_SIZE, RANKING_CANDIDATES } from '../domain/limits.ts';
import { rankByHotness } from '../domain/ranking.ts';
import { notFound } from '../http.ts';
import { commentUrl, outlineAt } from './comment-listing.ts';
import { live } from './guards.ts';
import { IdParams } from './schemas.ts';

const ATOM = 'application/atom+xml; charset=utf-8';
/** A feed reader wants what is new in a thread, not its whole history. */
const THREAD_FEED_ENTRIES = 50;
/**
 * XML 1.0 forbids most control characters even escaped: one "\u0001" in a comment
 * made the whole feed unreadable to every reader. Markup never contains them, so
 * they are dropped from the rendered feed.
 */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const feedRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Absolute URLs start with the configured public origin, never the Host a request claims: a
  // feed fetched with "Host: evil.example" would otherwise link every entry there, and a shared
  // cache would hand that copy to everyone.
  app.get('/feed.atom', async (_request, reply) => {
    const top = rankByHotness(app.repositories.discussions.rankingCandidates(RANKING_CANDIDATES), Date.now());
    const discussions = app.repositories.discussions.summaries(
      top.slice(0, FRONT_PAGE_SIZE).map((discussion) => discussion.id),
    );
    const xml = await reply.viewAsync('feeds/front', {
      base: app.config.publicOrigin,
      discussions,
      updated: Math.max(0, ...discussions.map((p) => p.createdAt)),
    });
    return reply.type(ATOM).header('cache-control', 'no-cache').send(xml.replace(NOT_XML, ''));
  });

  app.get('/discuss/:id/feed.atom', { schema: { params: IdParams } }, async (request, reply) => {
    const discussion = live(app.repositories.discussions.findById(request.params.id));
    if (!discussion) return notFound(request, reply);
    const source = app.repositories.comments;
    const comments = source.listLatest(discussion.id, THREAD_FEED_ENTRIES);
    const outline = outlineAt(source, discussion.id, discussion.revision);
    const xml = await reply.viewAsync('feeds/discussion', {
      base: app.config.publicOrigin,
      discussion,
      comments,
      // Each comment on the page that shows it: in a huge discussion, not always the first one.
      linkOf: (comment: { id: number; discussionId: number }) => commentUrl(source, comment, outline),
      updated: Math.max(
        discussion.editedAt ?? discussion.createdAt,
        ...comments.map((c) => c.editedAt ?? c.createdAt),
      ),
    });
    return reply.type(ATOM).header('cache-control', 'no-cache').send(xml.replace(NOT_XML, ''));
  });
};

export default feedRoutes;
