import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import fc from 'fast-check';
import type { App } from '../../../app/app.ts';
import { requestFor } from './arbitraries.ts';
import { createWorld } from './fuzz-world.ts';
import { registeredRoutes } from './routes.ts';

export interface FuzzPlan {
  /** Which route templates this file attacks, chosen from the routes the app registered. */
  routes(registered: string[], app: App): string[];
  requests: number;
  /** How much more often POST is drawn than each of the seven methods. */
  postWeight: number;
}

/**
 * Sends `requests` generated requests (fast-check, one request per run) and then
 * checks the database. FUZZ_SEED reproduces a failing run.
 */
export async function runFuzz(t: TestContext, plan: FuzzPlan) {
  const world = await createWorld(t);
  const registered = registeredRoutes(world.app).map((r) => r.path);
  const templates = plan.routes(registered, world.app);
  assert.ok(templates.length > 0, 'no routes to fuzz');
  const started = performance.now();
  const seed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
  await fc.assert(
    fc.asyncProperty(requestFor(templates, plan.postWeight), (request) => world.send(request)),
    {
      numRuns: plan.requests,
      seed,
      endOnFailure: process.env.FUZZ_SHRINK !== '1',
      reporter: (details) => {
        if (!details.failed) return;
        const example = JSON.stringify(details.counterexample, (_k, v) =>
          typeof v === 'string' && v.length > 120 ? `${v.slice(0, 60)}…(${v.length} chars)` : v,
        );
        throw new Error(
          `${(details.errorInstance as Error | undefined)?.message}\n` +
            `after ${details.numRuns} requests; reproduce with FUZZ_SEED=${details.seed}\n${example}`,
        );
      },
    },
  );
  const stats = world.finish();
  assert.ok(stats.requests >= plan.requests, `only ${stats.requests} requests were sent`);
  for (const template of templates) assert.ok(stats.routes.has(template), `${template} was never fuzzed`);
  t.diagnostic(
    `${stats.requests} requests in ${Math.round(performance.now() - started)} ms over ${templates.length} routes; ` +
      `status ${JSON.stringify(stats.byStatus)}; methods ${JSON.stringify(stats.byMethod)}; ` +
      `accepted ${stats.accepted.posts.length} posts, ${stats.accepted.comments.length} comments, ` +
      `${stats.accepted.signups} sign-ups, ${stats.accepted.otherWrites} other writes; ms by route ` +
      JSON.stringify(Object.fromEntries(Object.entries(stats.msByRoute).map(([k, v]) => [k, Math.round(v)]))),
  );
}

/** The routes that belong to the write and auth groups; every other route is fuzzed as a page. */
export const DISCUSSION_WRITES = ['/submit', '/discuss/:id/edit', '/discuss/:id/delete', '/discuss/:id/vote'];
export const COMMENT_ROUTES = [
  '/discuss/:id/comments',
  '/comments/:id',
  '/comments/:id/reply',
  '/comments/:id/edit',
  '/comments/:id/delete',
  '/comments/:id/vote',
];
export const AUTH_ROUTES = ['/login', '/signup', '/logout'];
