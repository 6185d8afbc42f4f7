import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

export type ContentEncoding = 'br' | 'gzip' | 'identity';

/**
 * How hard to compress. `static` bodies (assets, the worker script) are compressed once per
 * start-up, so the smallest output is worth any effort. `page` bodies are compressed again after
 * every write to what they show, so they take the middle levels: those give most of the highest
 * levels' saving for a small part of their time (bench/README.md has the sizes and times).
 */
const EFFORT = {
  static: { brotliQuality: constants.BROTLI_MAX_QUALITY, gzipLevel: constants.Z_BEST_COMPRESSION },
  page: { brotliQuality: 5, gzipLevel: constants.Z_DEFAULT_COMPRESSION },
} as const;
type Effort = keyof typeof EFFORT;

function compress(body: Buffer, encoding: 'br' | 'gzip', effort: Effort): Buffer {
  const { brotliQuality, gzipLevel } = EFFORT[effort];
  if (encoding === 'gzip') return gzipSync(body, { level: gzipLevel });
  return brotliCompressSync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: brotliQuality,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
}

/**
 * A response body kept for many requests: plain, and compressed in each encoding the first time a
 * client asks for it, then kept. The plain copy stays too, so a client that accepts neither
 * encoding costs no decompression on every request.
 */
export class EncodedBody {
  private readonly compressed: Partial<Record<'br' | 'gzip', Buffer>> = {};

  constructor(
    readonly identity: Buffer,
    private readonly effort: Effort,
  ) {}

  /** Compresses in every encoding now, for bodies served from start-up on. */
  static ahead(identity: Buffer): EncodedBody {
    const body = new EncodedBody(identity, 'static');
    body.as('br');
    body.as('gzip');
    return body;
  }

  as(encoding: ContentEncoding): Buffer {
    if (encoding === 'identity') return this.identity;
    this.compressed[encoding] ??= compress(this.identity, encoding, this.effort);
    return this.compressed[encoding];
  }

  /** Bytes held, for memory budgets. */
  get size(): number {
    return this.identity.length + (this.compressed.br?.length ?? 0) + (this.compressed.gzip?.length ?? 0);
  }
}

/** Browsers send a handful of distinct Accept-Encoding values; each is parsed once. */
const negotiated = new Map<string, ContentEncoding>();
const NEGOTIATED_LIMIT = 100;

/** The encoding to answer with: the client's most preferred of br and gzip (br on a tie), else none. */
export function negotiateEncoding(acceptEncoding: string | undefined): ContentEncoding {
  if (!acceptEncoding) return 'identity';
  const known = negotiated.get(acceptEncoding);
  if (known !== undefined) return known;
  const quality = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name = '', ...parameters] = part.split(';').map((piece) => piece.trim());
    const q = parameters.find((parameter) => parameter.startsWith('q='));
    const value = q === undefined ? 1 : Number(q.slice(2));
    quality.set(name, Number.isFinite(value) ? value : 0);
  }
  const of = (name: string) => quality.get(name) ?? quality.get('*') ?? 0;
  const br = of('br');
  const gzip = of('gzip');
  const choice: ContentEncoding = br > 0 && br >= gzip ? 'br' : gzip > 0 ? 'gzip' : 'identity';
  if (negotiated.size >= NEGOTIATED_LIMIT) negotiated.clear();
  negotiated.set(acceptEncoding, choice);
  return choice;
}

/** Sends the variant the client accepts. The caller sets Content-Type, Vary (Accept-Encoding and more) and validators. */
export function sendEncoded(request: FastifyRequest, reply: FastifyReply, body: EncodedBody) {
  const encoding = negotiateEncoding(request.headers['accept-encoding']);
  if (encoding !== 'identity') reply.header('content-encoding', encoding);
  return reply.send(body.as(encoding));
}
