import type { PageStore } from './page-store.ts';
import { isSameOrigin } from './same-origin.ts';

export function isLogout(request: Request, origin: string): boolean {
  return (
    request.method === 'POST' &&
    isSameOrigin(request.url, origin) &&
    new URL(request.url).pathname === '/logout'
  );
}

/**
 * A logout that passes through the worker (a form post, or the page script's
 * own submit after it already asked) first forgets every signed-in page, so
 * nothing showing the person is left by the time the logout completes.
 */
export async function logOut(request: Request, pages: PageStore): Promise<Response> {
  await pages.forgetSignedInPages();
  return fetch(request);
}
