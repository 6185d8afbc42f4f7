import fc from 'fast-check';
import { MAX_BODY_BYTES } from '../../../app/config.ts';
import {
  FORM_TYPES,
  GOOD_VALUES,
  HOSTILE_STRINGS,
  INVALID_UTF8,
  JSON_TYPES,
  LIMIT_LENGTHS,
  MALFORMED_BODIES,
  WRONG_TYPES,
} from './hostile-values.ts';
import { FORM_FIELDS } from './routes.ts';
import { ID_TOKENS, urlFor } from './url-arbitraries.ts';

export const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'] as const;
export type Method = (typeof METHODS)[number];

export type Persona = 'anonymous' | 'member';
export type CsrfMode = 'valid' | 'missing' | 'wrong';

/** One generated request, before the world's real ids and tokens are filled in. */
export interface FuzzRequest {
  /** The route template the path was generated from, e.g. "/discuss/:id/edit". */
  template: string;
  method: Method;
  path: string;
  persona: Persona;
  csrf: CsrfMode;
  accept: string | undefined;
  origin: 'none' | 'same' | 'foreign';
  body: FuzzBody;
}

export type FuzzBody =
  | { kind: 'none' }
  | { kind: 'form'; pairs: [string, string][]; contentType: string }
  | { kind: 'json'; value: unknown; contentType: string }
  | { kind: 'raw'; bytes: Buffer; contentType: string | undefined };

export function fieldValue(field: string): fc.Arbitrary<string> {
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.constantFrom(
        ...(Object.hasOwn(GOOD_VALUES, field) ? (GOOD_VALUES[field] ?? []) : ['value']),
      ),
    },
    { weight: 3, arbitrary: fc.string({ maxLength: 40, unit: 'binary' }) },
    { weight: 2, arbitrary: fc.string({ maxLength: 20, unit: 'grapheme' }) },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', '\t\n', '\u00a0') },
    { weight: 1, arbitrary: fc.constantFrom(...ID_TOKENS) },
    { weight: 1, arbitrary: fc.constantFrom(...LIMIT_LENGTHS).map((n) => 'w'.repeat(n)) },
  );
}

const fieldName = (fields: readonly string[]) =>
  fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...(fields.length > 0 ? fields : ['x'])) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('_csrf', '__proto__', 'constructor', 'title[]', 'a[b][c]', '', '=', '&'),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
  );

/** Form pairs: usually every known field once, sometimes fields missing, repeated or unknown. */
function formPairs(fields: readonly string[]): fc.Arbitrary<[string, string][]> {
  const complete = fc.tuple(...fields.map((f) => fieldValue(f).map((v): [string, string] => [f, v])));
  const scrambled = fc.array(
    fieldName(fields).chain((name) => fieldValue(name).map((v): [string, string] => [name, v])),
    { maxLength: 8 },
  );
  if (fields.length === 0) return scrambled;
  return fc.oneof({ weight: 3, arbitrary: complete }, { weight: 2, arbitrary: scrambled });
}

const jsonLeaf = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);

function jsonValue(fields: readonly string[]): fc.Arbitrary<unknown> {
  const typedObject = fc.dictionary(
    fieldName(fields),
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...fields, 'x').chain((f) => fieldValue(f)) },
      { weight: 2, arbitrary: jsonLeaf },
      { weight: 1, arbitrary: fc.array(jsonLeaf, { maxLength: 3 }) },
      { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 5 }), jsonLeaf, { maxKeys: 3 }) },
    ),
    { maxKeys: 6 },
  );
  return fc.oneof({ weight: 6, arbitrary: typedObject }, { weight: 1, arbitrary: jsonLeaf });
}

function invalidUtf8Body(fields: readonly string[]): fc.Arbitrary<Buffer> {
  return fc
    .tuple(fc.constantFrom(...(fields.length > 0 ? fields : ['x'])), fc.constantFrom(...INVALID_UTF8))
    .map(([field, bytes]) =>
      Buffer.concat([Buffer.from(`${field}=`), Buffer.from(bytes), Buffer.from('&_csrf=')]),
    );
}

/** A body over MAX_BODY_BYTES, shaped like the real thing so only its size is wrong. */
const oversized = fc.integer({ min: 1, max: 4096 }).map((extra) => 'z'.repeat(MAX_BODY_BYTES + extra));

export function bodyFor(path: string): fc.Arbitrary<FuzzBody> {
  const fields = FORM_FIELDS[path] ?? [];
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant<FuzzBody>({ kind: 'none' }) },
    {
      weight: 10,
      arbitrary: fc
        .tuple(formPairs(fields), fc.constantFrom(...FORM_TYPES))
        .map(([pairs, contentType]): FuzzBody => ({ kind: 'form', pairs, contentType })),
    },
    {
      weight: 4,
      arbitrary: fc
        .tuple(jsonValue(fields), fc.constantFrom(...JSON_TYPES))
        .map(([value, contentType]): FuzzBody => ({ kind: 'json', value, contentType })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...MALFORMED_BODIES), fc.constantFrom(...FORM_TYPES, ...JSON_TYPES))
        .map(([text, contentType]): FuzzBody => ({ kind: 'raw', bytes: Buffer.from(text), contentType })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(invalidUtf8Body(fields), fc.constantFrom(...FORM_TYPES, ...JSON_TYPES))
        .map(([bytes, contentType]): FuzzBody => ({ kind: 'raw', bytes, contentType })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.string({ maxLength: 30 }), fc.constantFrom(...WRONG_TYPES))
        .map(([text, contentType]): FuzzBody => ({ kind: 'raw', bytes: Buffer.from(text), contentType })),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(oversized, fc.constantFrom(...FORM_TYPES, ...JSON_TYPES)).map(
        ([text, contentType]): FuzzBody => ({
          kind: 'raw',
          bytes: Buffer.from(`${fields[0] ?? 'x'}=${text}`),
          contentType,
        }),
      ),
    },
  );
}

export function requestFor(templates: readonly string[], postWeight: number): fc.Arbitrary<FuzzRequest> {
  const method = fc.oneof(
    { weight: postWeight, arbitrary: fc.constant<Method>('POST') },
    { weight: 10, arbitrary: fc.constantFrom<Method>(...METHODS) },
  );
  return fc.constantFrom(...templates).chain((template) =>
    fc.record({
      template: fc.constant(template),
      method,
      path: urlFor(template),
      persona: fc.constantFrom<Persona>('anonymous', 'member', 'member'),
      csrf: fc.oneof(
        { weight: 8, arbitrary: fc.constant<CsrfMode>('valid') },
        { weight: 1, arbitrary: fc.constantFrom<CsrfMode>('missing', 'wrong') },
      ),
      accept: fc.constantFrom(
        undefined,
        'text/html',
        'application/json',
        '*/*',
        'application/json, text/html',
      ),
      origin: fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom<'none' | 'same'>('none', 'same') },
        { weight: 1, arbitrary: fc.constant<'foreign'>('foreign') },
      ),
      body: bodyFor(template),
    }),
  );
}
