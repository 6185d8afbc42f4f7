import type { FastifyRequest } from 'fastify';

interface QuerySchema {
  properties?: Record<string, { default?: unknown }>;
}

/**
 * The address of the page a request shows: its route with the parameters as validated (so
 * /discuss/01 is /discuss/1) and only the query parameters the route declares, in the order it
 * declares them and left out when they have their default value (so /?page=1 is /). Nothing else
 * in an address changes what a page shows, so pages are kept, and link back to themselves, under
 * this one address: otherwise every new value of an unknown parameter (?utm=1, ?utm=2, …)
 * rendered the page afresh and stored another copy of it.
 */
export function pageAddress(request: FastifyRequest): string {
  const route = request.routeOptions.url;
  if (route === undefined) return request.url;
  const params = request.params as Record<string, unknown>;
  const path = route.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(String(params[name])));
  const declared = (request.routeOptions.schema?.querystring as QuerySchema | undefined)?.properties ?? {};
  const query = request.query as Record<string, unknown>;
  const kept = new URLSearchParams();
  for (const [name, { default: fallback }] of Object.entries(declared)) {
    const value = query[name];
    if (value === undefined || value === fallback) continue;
    for (const each of [value].flat()) kept.append(name, String(each));
  }
  const search = kept.toString();
  return search === '' ? path : `${path}?${search}`;
}
