// Generated URLs for the fuzzer: each route template's placeholders filled with real ids most of
// the time, otherwise with anything a path segment or a query can hold.
import fc from 'fast-check';
import { ID_SEGMENTS, QUERIES } from './hostile-values.ts';

/** Ids the world resolves to real rows (its own, someone else's, deleted) or leaves as they are. */
export const ID_TOKENS = ['{mine}', '{theirs}', '{deleted}', '{myComment}', '{theirComment}'] as const;

/** A path segment standing in for ":id": a real row most of the time, otherwise anything. */
const idSegment = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...ID_TOKENS) },
  { weight: 3, arbitrary: fc.constantFrom(...ID_SEGMENTS) },
  { weight: 1, arbitrary: fc.integer({ min: -1000, max: 100_000 }).map(String) },
);

const usernameSegment = fc.oneof(
  fc.constantFrom(
    '{myName}',
    '{theirName}',
    'nobody_here',
    'a'.repeat(31),
    'a'.repeat(150),
    '%ZZ',
    '%ff%fe',
    '..',
    '%2F',
  ),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
);

const anySegment = fc.oneof(
  fc.constantFrom('app.css', 'missing.js', '..%2F..%2Fpackage.json', '%2e%2e/%2e%2e/etc/passwd', '%ZZ', ''),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
);

const query = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...QUERIES) },
  { weight: 1, arbitrary: fc.string({ maxLength: 16 }).map((s) => `?${encodeURIComponent(s)}=1`) },
);

/** A concrete URL for a route template, its placeholders filled with generated segments. */
export function urlFor(template: string): fc.Arbitrary<string> {
  const parts = template.split('/').map((part): fc.Arbitrary<string> => {
    if (part === ':id') return idSegment;
    if (part === ':username') return usernameSegment;
    if (part === '*') return fc.tuple(fc.constantFrom('assets/', ''), anySegment).map(([a, b]) => a + b);
    if (part.startsWith(':')) return anySegment;
    return fc.constant(part);
  });
  return fc.tuple(fc.tuple(...parts), query).map(([segments, q]) => segments.join('/') + q);
}
