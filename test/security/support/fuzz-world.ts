import assert from 'node:assert/strict';
import { resolve as resolvePath } from 'node:path';
import type { TestContext } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import type { App } from '../../../app/app.ts';
import { MAX_BODY_BYTES } from '../../../app/config.ts';
import { build } from '../../helpers/app.ts';
import type { FuzzRequest, Persona } from './arbitraries.ts';
import { castForFuzzing, FUZZ_PASSWORD } from './fuzz-cast.ts';
import { placeholders, readableMessage } from './fuzz-payloads.ts';
import { FORM_FIELDS, registeredRoutes } from './routes.ts';

const HOST = 'charcha.test';
const FOREIGN_ORIGIN = 'https://evil.example';
/** What would mean the server told a stranger about its insides: error codes, stack frames, file paths. */
const INTERNALS = /SQLITE_[A-Z]|FST_[A-Z]|node_modules\/|\bat [\w.<>]+ \([^)]*:\d+:\d+\)|\.ts:\d+:\d+/;
const PROJECT_ROOT = resolvePath(import.meta.dirname, '..', '..', '..');

/** What the fuzz run did, for the report and for the final consistency check. */
export interface FuzzStats {
  requests: number;
  byStatus: Record<string, number>;
  byMethod: Record<string, number>;
  routes: Set<string>;
  msByRoute: Record<string, number>;
  accepted: { posts: number[]; comments: number[]; signups: number; otherWrites: number };
}

/** The real application on a temporary database, with two members, their threads, and a logged-out visitor. */
export async function createWorld(t: TestContext) {
  const { app } = await build(t);
  const total = app.db.prepare('SELECT total_changes()').pluck();
  const { member, visitor, ids } = await castForFuzzing(app);

  const personas: Record<Persona, { cookie: string; token: string }> = {
    anonymous: { token: await visitor.csrfToken(), cookie: visitor.cookieHeader },
    member: { token: await member.csrfToken(), cookie: member.cookieHeader },
  };
  /** A successful login, sign-up or logout replaces the member's session; log in again so the fuzz stays logged in. */
  async function refreshMember() {
    const response = await member.post('/login', { username: 'member_fz', password: FUZZ_PASSWORD });
    assert.equal(response.statusCode, 303, 'the fuzz member could not log back in');
    personas.member = { token: await member.csrfToken(), cookie: member.cookieHeader };
  }

  const postRoutes = new Set(
    registeredRoutes(app)
      .filter((r) => r.methods.includes('POST'))
      .map((r) => r.path),
  );
  const counts = () => ({
    users: app.db.prepare('SELECT count(*) FROM users').pluck().get() as number,
    posts: app.db.prepare('SELECT count(*) FROM posts').pluck().get() as number,
    comments: app.db.prepare('SELECT count(*) FROM comments').pluck().get() as number,
  });
  const before = counts();
  const stats: FuzzStats = {
    requests: 0,
    byStatus: {},
    byMethod: {},
    routes: new Set(),
    msByRoute: {},
    accepted: { posts: [], comments: [], signups: 0, otherWrites: 0 },
  };

  let turn = 0;
  let replacementPosts = 0;
  const { resolve, encode } = placeholders(ids, () => turn);

  /** Sends one generated request and checks every promise that holds for any request whatsoever. */
  async function send(request: FuzzRequest): Promise<void> {
    turn += 1;
    const { template } = request;
    const onComments = template.startsWith('/comments/');
    const url = resolve(request.path, onComments);
    const persona = personas[request.persona];
    const token =
      request.csrf === 'valid' ? persona.token : request.csrf === 'wrong' ? 'not-the-token' : undefined;
    const { payload, contentType } = encode(request.body, token);
    const headers: Record<string, string> = { host: HOST, cookie: persona.cookie };
    if (contentType !== undefined) headers['content-type'] = contentType;
    if (token !== undefined) headers['x-csrf-token'] = token;
    if (request.accept !== undefined) headers.accept = request.accept;
    if (request.origin === 'same') headers.origin = `http://${HOST}`;
    if (request.origin === 'foreign') headers.origin = FOREIGN_ORIGIN;

    const startedAt = performance.now();
    const changesBefore = total.get() as number;
    const response = await app.inject({ method: request.method, url, headers, payload });
    const changed = (total.get() as number) - changesBefore;
    const status = response.statusCode;
    const what = `${request.method} ${url} as ${request.persona} → ${status} ${response.body.slice(0, 300)}`;

    stats.requests += 1;
    stats.byStatus[String(status)] = (stats.byStatus[String(status)] ?? 0) + 1;
    stats.byMethod[request.method] = (stats.byMethod[request.method] ?? 0) + 1;
    stats.routes.add(template);
    stats.msByRoute[template] = (stats.msByRoute[template] ?? 0) + (performance.now() - startedAt);

    assert.ok(status < 500, `server error: ${what}`);
    assert.doesNotMatch(response.body, INTERNALS, `internals leaked: ${what}`);
    assert.ok(!response.body.includes(PROJECT_ROOT), `a file path leaked: ${what}`);
    if (status >= 400 && request.method !== 'HEAD') {
      const message = readableMessage(response);
      assert.ok(message && message.trim().length >= 10, `no readable message: ${what}`);
    }
    if (status >= 300 && status < 400) {
      const location = String(response.headers.location ?? '');
      assert.match(location, /^\/(?![/\\])/, `redirect off the site (${location}): ${what}`);
    }
    if (status >= 400 || !['POST', 'PUT', 'PATCH', 'DELETE'].includes(request.method)) {
      assert.equal(changed, 0, `a refused or read-only request wrote ${changed} rows: ${what}`);
    }

    const isPostRoute = request.method === 'POST' && postRoutes.has(template);
    const parsesBody = contentType !== undefined && /form-urlencoded|json/i.test(contentType);
    const size = payload === undefined ? 0 : Buffer.byteLength(payload);
    if (isPostRoute && parsesBody && size > MAX_BODY_BYTES && !/utf-16|latin1/i.test(contentType ?? '')) {
      // A malformed address is refused before the body is read; anything else must be a 413.
      const message = readableMessage(response) ?? '';
      if (status === 413) assert.match(message, /more text than Charcha accepts/);
      else assert.match(message, /That address is/, `oversized body not refused with 413: ${what}`);
    }
    if (isPostRoute && (request.csrf !== 'valid' || request.origin === 'foreign')) {
      assert.ok([400, 403, 413, 414, 415].includes(status), `cross-site or tokenless POST accepted: ${what}`);
    }
    if (isPostRoute && status < 400) await recordAccepted(template, request.persona, response);
  }

  async function recordAccepted(template: string, persona: Persona, response: LightMyRequestResponse) {
    const location = String(response.headers.location ?? '');
    const json = (() => {
      try {
        return JSON.parse(response.body) as { id?: number };
      } catch {
        return {};
      }
    })();
    const idFrom = (pattern: RegExp) => json.id ?? Number(location.match(pattern)?.[1]);
    if (template === '/submit') {
      const id = idFrom(/^\/discuss\/(\d+)$/);
      stats.accepted.posts.push(id);
      ids.myPosts.push(id);
    } else if (template === '/discuss/:id/comments') {
      const id = idFrom(/#c(\d+)$/);
      stats.accepted.comments.push(id);
      ids.myComments.push(id);
    } else if (template === '/signup') {
      stats.accepted.signups += 1;
    } else {
      stats.accepted.otherWrites += 1;
    }
    if (template === '/discuss/:id/delete' || template === '/comments/:id/delete') await rereadMine();
    if (persona === 'member' && ['/login', '/signup', '/logout'].includes(template)) await refreshMember();
  }

  /** Deletions move the member's rows from the live lists to the deleted ones. */
  async function rereadMine() {
    const memberId = app.db.prepare("SELECT id FROM users WHERE username = 'member_fz'").pluck().get();
    const live = (table: string) =>
      app.db
        .prepare(`SELECT id FROM ${table} WHERE author_id = ? AND deleted_at IS NULL`)
        .pluck()
        .all(memberId) as number[];
    const gone = (table: string) =>
      app.db.prepare(`SELECT id FROM ${table} WHERE deleted_at IS NOT NULL`).pluck().all() as number[];
    ids.myPosts = live('posts');
    ids.myComments = live('comments');
    ids.deletedPosts = gone('posts');
    ids.deletedComments = gone('comments');
    if (ids.myPosts.length === 0) {
      ids.myPosts.push(await member.startDiscussion('Replacement thread'));
      replacementPosts += 1;
    }
  }

  /** After the run: the file is sound and holds exactly the writes that were acknowledged. */
  function finish(): FuzzStats {
    assert.equal(app.db.pragma('integrity_check', { simple: true }), 'ok');
    assert.deepEqual(app.db.pragma('foreign_key_check'), []);
    const after = counts();
    assert.equal(after.posts, before.posts + stats.accepted.posts.length + replacementPosts, 'posts');
    assert.equal(after.comments, before.comments + stats.accepted.comments.length, 'comments');
    assert.equal(after.users, before.users + stats.accepted.signups, 'users');
    const exists = (table: string, id: number) =>
      app.db.prepare(`SELECT count(*) FROM ${table} WHERE id = ?`).pluck().get(id) === 1;
    for (const id of stats.accepted.posts) assert.ok(exists('posts', id), `accepted post ${id} missing`);
    for (const id of stats.accepted.comments)
      assert.ok(exists('comments', id), `accepted comment ${id} missing`);
    return stats;
  }

  return { app: app as App, send, finish, stats, knownFields: FORM_FIELDS };
}
