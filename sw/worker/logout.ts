import { forgetSignedInPages } from './page-store.ts';
import { isSameOrigin } from './scope.ts';

export function isLogout(request: Request): boolean {
  return (
    request.method === 'POST' && isSameOrigin(request.url) && new URL(request.url).pathname === '/logout'
  );
}

/**
 * A logout that passes through the worker (a form post, or the page script's
 * own submit after it already asked) first forgets every signed-in page, so
 * nothing showing the person is left by the time the logout completes.
 */
export async function logOut(request: Request): Promise<Response> {
  await forgetSignedInPages();
  return fetch(request);
}
