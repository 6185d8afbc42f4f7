import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The pages the service worker precaches (the offline page, the saved-pages page, the offline
 * search shell) are fetched once by the worker and later shown, offline, to whoever is at the
 * device. That copy is rendered for nobody: no name, no CSRF token, and no Log in or Log out,
 * which cannot work offline anyway. A person who opens one of these pages is online (the server
 * is answering them) and gets it rendered for them, like every other page. Fetch Metadata tells
 * the two apart: only a navigation is sent with `Sec-Fetch-Mode: navigate`; a browser too old to
 * send it gets the device copy, which is what these pages showed before.
 *
 * Returns true when the device copy is rendered.
 */
export function renderForDevice(request: FastifyRequest, reply: FastifyReply): boolean {
  // What the page shows depends on who is logged in, too (see revalidation.ts).
  reply.header('vary', 'Cookie, Sec-Fetch-Mode');
  if (request.headers['sec-fetch-mode'] === 'navigate') return false;
  request.user = null;
  return true;
}
