import { type Static, Type } from '@sinclair/typebox';

/**
 * The JSON bodies scripts read (the outbox on the page and in the worker, API clients), declared
 * once: the routes answer with these schemas (Fastify serializes through them), and sw/ imports
 * the types. They live in domain because it is the one layer both app/ and sw/ may import, and
 * TypeBox schemas are plain data; sw/ imports only their types, so none of this reaches a bundle.
 * Every property is required and declared in the order the routes always wrote it: the serializer
 * writes required properties first, in declared order, so answers keep their bytes, and a replay
 * of an answer stored earlier is byte-identical to the first delivery.
 */

/** Every refusal a script gets, 4xx or 5xx: one sentence it may show the person. */
export const ErrorBody = Type.Object({ error: Type.String() });
export type ErrorBody = Static<typeof ErrorBody>;

/** A comment or discussion written, or edited: its id and where it is shown. */
export const Written = Type.Object({ id: Type.Integer(), url: Type.String() });
export type Written = Static<typeof Written>;

/** A vote cast: the item's score after it, the vote as it now stands, and where the item is shown. */
export const VoteCast = Type.Object({
  score: Type.Integer(),
  vote: Type.Union([Type.Literal(-1), Type.Literal(0), Type.Literal(1)]),
  url: Type.String(),
});
export type VoteCast = Static<typeof VoteCast>;

export const Deleted = Type.Object({ deleted: Type.Literal(true) });
export type Deleted = Static<typeof Deleted>;

/** Who is logged in, and a CSRF token for the writes the outbox is about to send. */
export const SessionState = Type.Object({
  username: Type.Union([Type.String(), Type.Null()]),
  csrfToken: Type.String(),
});
export type SessionState = Static<typeof SessionState>;

/** What the server answers when it accepts a write the outbox delivers. */
export type AcceptedWrite = Written | VoteCast;
