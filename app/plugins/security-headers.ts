import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';

/** Helmet decides which security headers every response carries; see securityHeaders for how they are applied. */
const POLICY: Readonly<HelmetOptions> = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      workerSrc: ["'self'"],
      manifestSrc: ["'self'"],
      fontSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  // Served over plain HTTP on loopback during development; a proxy adds HSTS in production.
  strictTransportSecurity: false,
  // "no-referrer" would make Chromium send `Origin: null` on our own form posts, defeating the Origin check.
  referrerPolicy: { policy: 'same-origin' },
};

/**
 * Headers that only mean something on a document (a page a browsing context shows): cross-origin
 * isolation of the window, framing, DNS prefetching, legacy XSS and download behaviour. A script,
 * stylesheet or image ignores them; only the rest (the CSP, which also governs the service worker
 * and SVG images, nosniff, CORP, Referrer-Policy) apply to every response. The one about Flash
 * and PDF cross-domain policy files is read from the answer to /crossdomain.xml, our 404 page,
 * which is a document. Each header line costs on every response, enough to show in the
 * requests per second of a small one (bench/README.md).
 */
const DOCUMENT_ONLY = new Set([
  'cross-origin-opener-policy',
  'origin-agent-cluster',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-frame-options',
  'x-permitted-cross-domain-policies',
  'x-xss-protection',
]);

export interface SecurityHeaders {
  /** For HTML pages. */
  document: Readonly<Record<string, string>>;
  /** For everything else: scripts, the worker, stylesheets, images, JSON, feeds. */
  resource: Readonly<Record<string, string>>;
}

/**
 * The headers helmet sets, recorded once at start-up. Our policy has no nonces and nothing that
 * depends on the request, so every response of a kind gets the same headers: setting them from a
 * plain object costs a fraction of running helmet's middleware chain against each raw response.
 */
export async function securityHeaders(): Promise<SecurityHeaders> {
  const document = await helmetHeaders();
  const resource = Object.fromEntries(Object.entries(document).filter(([name]) => !DOCUMENT_ONLY.has(name)));
  return { document: Object.freeze(document), resource: Object.freeze(resource) };
}

async function helmetHeaders(): Promise<Record<string, string>> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  await new Promise<void>((resolve, reject) =>
    helmet(POLICY)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) =>
      error ? reject(error) : resolve(),
    ),
  );
  return headers;
}
