import type { TestContext } from 'node:test';
import type { FastifyInstance } from 'fastify';

/**
 * Counts reads of a discussion's whole comment outline from now until the test ends. The outline
 * is kept per revision (app/routes/comment-listing.ts): a test of that counts how often it is
 * read again.
 */
export function countOutlineReads(app: FastifyInstance, t: TestContext): { readonly count: number } {
  const { comments } = app.repositories;
  const readWhole = comments.outline;
  const reads = { count: 0 };
  comments.outline = (id: number) => {
    reads.count += 1;
    return readWhole(id);
  };
  t.after(() => {
    comments.outline = readWhole;
  });
  return reads;
}
