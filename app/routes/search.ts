import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { SearchHit } from '../../db/repositories/search.ts';
import { MAX_PAGE } from '../domain/limits.ts';
import { MAX_QUERY_LENGTH, parseSearchQuery, searchMatch } from '../domain/search-query.ts';
import { highlightedParts, type TextPart, unmarkedText } from '../domain/search-snippet.ts';
import { commentUrls } from './comment-listing.ts';
import { renderForDevice } from './device-copy.ts';

/**
 * The offline search page's shell, precached by the service worker and filled in on the device
 * (sw/worker/search-offline.ts). Rendered for nobody, like the offline page: whoever is at the
 * device sees it.
 */
export const OFFLINE_SEARCH_PATH = '/search/offline';

/** As many results as a phone shows in a few screens; the rest are a "More" away. */
const RESULTS_PER_PAGE = 20;

const SearchQuerystring = Type.Object({
  // Not limited here: a query that is too long gets the search page with a message and the text
  // kept in the box, not the generic error page.
  q: Type.String({ default: '' }),
  page: Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 1 }),
});

export interface SearchResult {
  url: string;
  isComment: boolean;
  title: TextPart[];
  snippet: TextPart[];
  author: string;
  createdAt: number;
}

/** `commentUrl` is where the hit's comment is read in its place (see commentUrls). */
function resultOf(hit: SearchHit, commentUrl: string | undefined): SearchResult {
  // The index holds the title as search reads it (see SEARCH_EQUIVALENTS): its highlighted copy
  // is shown only when it reads exactly as the title does.
  const highlighted = hit.commentId === null && unmarkedText(hit.markedTitle) === hit.discussionTitle;
  return {
    url: commentUrl ?? `/discuss/${hit.discussionId}`,
    isComment: hit.commentId !== null,
    title: highlighted ? highlightedParts(hit.markedTitle) : [{ text: hit.discussionTitle, marked: false }],
    snippet: highlightedParts(hit.snippet),
    author: hit.author,
    createdAt: hit.createdAt,
  };
}

const searchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(OFFLINE_SEARCH_PATH, async (request, reply) => {
    return reply.page('search-offline', { title: 'Search', deviceCopy: renderForDevice(request, reply) });
  });

  // Not kept in the rendered-page cache: every query is a different page, and a stream of them
  // would push out the discussions many people read.
  app.get('/search', { schema: { querystring: SearchQuerystring } }, async (request, reply) => {
    const { q, page } = request.query;
    const view = { title: q.trim() === '' ? 'Search' : `Search: ${q}`, searchQuery: q, page };
    if (q.length > MAX_QUERY_LENGTH) {
      const error = `A search can be at most ${MAX_QUERY_LENGTH} characters long. Shorten it and try again.`;
      return reply.page('search', { ...view, error, searched: false, results: [] }, 400);
    }
    const query = parseSearchQuery(q);
    const authorIds: number[] = [];
    const unknownAuthors: string[] = [];
    for (const name of query.authors) {
      const user = app.repositories.users.findByUsername(name);
      if (user) authorIds.push(user.id);
      else unknownAuthors.push(name);
    }
    const searched = query.terms.length > 0 || query.authors.length > 0;
    // author:x names people to search among (any of them); when none of them exists there is
    // nobody to search, and matching the words alone would answer another question.
    const nobodyNamedExists = query.authors.length > 0 && authorIds.length === 0;
    const match = nobodyNamedExists ? null : searchMatch(query.terms, authorIds);
    const offset = (page - 1) * RESULTS_PER_PAGE;
    const found =
      match === null
        ? { hits: [], order: 'relevance' as const }
        : app.repositories.search.find(
            match,
            query.terms.length > 0 ? 'relevance' : 'newest',
            RESULTS_PER_PAGE + 1,
            offset,
          );
    const shown = found.hits.slice(0, RESULTS_PER_PAGE);
    // A comment deep in a huge discussion is on one of its later pages, not the first.
    const commentHits = shown.flatMap((hit) =>
      hit.commentId === null ? [] : [{ id: hit.commentId, discussionId: hit.discussionId }],
    );
    const urls = commentUrls(app.repositories.comments, app.repositories.discussions, commentHits);
    return reply.page('search', {
      ...view,
      searched,
      results: shown.map((hit) =>
        resultOf(hit, hit.commentId === null ? undefined : urls.get(hit.commentId)),
      ),
      hasMore: found.hits.length > RESULTS_PER_PAGE,
      firstRank: offset + 1,
      unknownAuthors,
      dropped: query.dropped,
      order: found.order,
      // Words were given, and still newest first: one of them is in too much of the forum to rank by.
      tooCommon: found.order === 'newest' && query.terms.length > 0,
    });
  });
};

export default searchRoutes;
