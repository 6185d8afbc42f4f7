// What the fuzzer's generated requests become before they are sent, and what a refusal says.
import type { LightMyRequestResponse } from 'fastify';
import type { FuzzBody } from './arbitraries.ts';

/** The forum's ids the generated templates name with placeholders ({mine}, {theirs}, …). */
export interface Ids {
  myPosts: number[];
  theirPosts: number[];
  deletedPosts: number[];
  myComments: number[];
  theirComments: number[];
  deletedComments: number[];
}

/**
 * Fills the templates' placeholders with real ids, taking the `turn()`th of each list (so that
 * successive requests spread over them), and encodes a generated body with the CSRF token.
 */
export function placeholders(ids: Ids, turn: () => number) {
  const pick = (list: number[]) => String(list.length === 0 ? 999_999 : list[turn() % list.length]);
  function resolve(text: string, onComments: boolean): string {
    return text
      .replaceAll('{mine}', pick(onComments ? ids.myComments : ids.myPosts))
      .replaceAll('{theirs}', pick(onComments ? ids.theirComments : ids.theirPosts))
      .replaceAll('{deleted}', pick(onComments ? ids.deletedComments : ids.deletedPosts))
      .replaceAll('{myComment}', pick(ids.myComments))
      .replaceAll('{theirComment}', pick(ids.theirComments))
      .replaceAll('{myName}', 'member_fz')
      .replaceAll('{theirName}', 'other_fz');
  }
  function resolveDeep(value: unknown): unknown {
    if (typeof value === 'string') return resolve(value, false);
    if (Array.isArray(value)) return value.map(resolveDeep);
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveDeep(v)]));
    return value;
  }

  function encode(
    body: FuzzBody,
    token: string | undefined,
  ): { payload?: string | Buffer; contentType?: string } {
    if (body.kind === 'none') return {};
    if (body.kind === 'form') {
      const pairs = body.pairs.map(([k, v]): [string, string] => [k, resolve(v, false)]);
      if (token !== undefined) pairs.unshift(['_csrf', token]);
      return { payload: new URLSearchParams(pairs).toString(), contentType: body.contentType };
    }
    if (body.kind === 'json') {
      const value = resolveDeep(body.value);
      const withToken =
        token !== undefined && value && typeof value === 'object' && !Array.isArray(value)
          ? { _csrf: token, ...value }
          : value;
      return { payload: JSON.stringify(withToken) ?? '', contentType: body.contentType };
    }
    return { payload: body.bytes, contentType: body.contentType };
  }
  return { resolve, encode };
}

/** The message a refusal gives a person: JSON's `error`, the page's error text, or plain text. */
export function readableMessage(response: LightMyRequestResponse): string | undefined {
  const type = String(response.headers['content-type'] ?? '');
  if (type.includes('application/json')) {
    try {
      const parsed = JSON.parse(response.body) as { error?: unknown };
      return typeof parsed.error === 'string' ? parsed.error : undefined;
    } catch {
      return undefined;
    }
  }
  if (type.includes('text/html')) {
    return response.body.match(/class="(?:error-message|form-error)"[^>]*>([^<]+)</)?.[1];
  }
  if (type.startsWith('text/plain')) return response.body;
  return undefined;
}
