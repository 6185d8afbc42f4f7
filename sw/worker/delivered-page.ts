/**
 * The saved page a delivered write shows on: the address the server answered with, less its
 * #c<id>. In a huge discussion that is ?page=N (or a thread's page), where the comment is, and
 * not the first page.
 */
export function pageShowing(resultUrl: string, origin: string): string {
  const url = new URL(resultUrl, origin);
  return url.pathname + url.search;
}
