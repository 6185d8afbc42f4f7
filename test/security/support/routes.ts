import type { App } from '../../../app/app.ts';

export interface RegisteredRoute {
  /** Path template as registered, e.g. "/discuss/:id/edit" or "/*". */
  path: string;
  methods: string[];
}

/**
 * Reads every route the application registered from Fastify's own route tree,
 * so the fuzzers cover routes added after they were written without anyone
 * having to remember to list them.
 */
export function registeredRoutes(app: App): RegisteredRoute[] {
  const tree = app.printRoutes({ commonPrefix: false });
  const routes: RegisteredRoute[] = [];
  const stack: { depth: number; path: string }[] = [];
  for (const line of tree.split('\n')) {
    const match = line.match(/^(.*?)(?:└── |├── )(.+?)(?: \(([^)]*)\))?$/);
    if (!match) continue;
    const depth = (match[1] ?? '').length;
    const segment = match[2] ?? '';
    while (stack.length > 0 && (stack.at(-1)?.depth ?? 0) >= depth) stack.pop();
    const parent = stack.at(-1)?.path ?? '';
    const joined = parent === '' ? segment : parent.endsWith('/') ? parent + segment : parent + segment;
    const path = joined.startsWith('/') ? joined : `/${joined}`;
    stack.push({ depth, path });
    if (match[3]) routes.push({ path, methods: match[3].split(', ').map((m) => m.trim()) });
  }
  return routes;
}

/** Path templates whose POST bodies the fuzzers know field by field. */
export const FORM_FIELDS: Record<string, readonly string[]> = {
  '/submit': ['title', 'url', 'text'],
  '/discuss/:id/edit': ['title', 'url', 'text'],
  '/discuss/:id/comments': ['body', 'parentId'],
  '/comments/:id/edit': ['body'],
  '/discuss/:id/vote': ['direction'],
  '/comments/:id/vote': ['direction'],
  '/login': ['username', 'password', 'next'],
  '/signup': ['username', 'password', 'next'],
  '/discuss/:id/delete': [],
  '/comments/:id/delete': [],
  '/logout': [],
};

/** Every state-changing (POST) route of the forum, as the security tests attack them. */
export function postRoutes(app: App): string[] {
  return registeredRoutes(app)
    .filter((route) => route.methods.includes('POST'))
    .map((route) => route.path);
}
