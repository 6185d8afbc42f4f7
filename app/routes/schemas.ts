import { type TSchema, Type } from '@sinclair/typebox';
import { ErrorBody } from '../domain/json-shapes.ts';
import { MAX_COMMENT_LENGTH, MAX_TEXT_LENGTH, MAX_TITLE_LENGTH, MAX_URL_LENGTH } from '../domain/limits.ts';

/** Shared input shapes; every route declares its input with one of these. */
export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) });

export const DiscussionForm = Type.Object({
  title: Type.String({ maxLength: MAX_TITLE_LENGTH }),
  url: Type.String({ maxLength: MAX_URL_LENGTH, default: '' }),
  text: Type.String({ maxLength: MAX_TEXT_LENGTH, default: '' }),
});

export const CommentForm = Type.Object({
  body: Type.String({ minLength: 1, maxLength: MAX_COMMENT_LENGTH }),
  parentId: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
});

/**
 * A JSON route's `response` schemas: its success, and `{error}` for every refusal. They apply
 * only to what is sent as JSON; pages and redirects for people pass through untouched.
 */
export function jsonReplies<Success extends Record<number, TSchema>>(success: Success) {
  return { ...success, '4xx': ErrorBody, '5xx': ErrorBody };
}

/** The form fields as typed, whatever their shape, for re-rendering a refused form. */
export function keptFields<K extends string>(body: unknown, names: readonly K[]): Record<K, string> {
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const kept = {} as Record<K, string>;
  for (const name of names) {
    const value = fields[name];
    kept[name] =
      typeof value === 'string'
        ? value
        : Array.isArray(value)
          ? value.filter((v) => typeof v === 'string').join('\n')
          : '';
  }
  return kept;
}
