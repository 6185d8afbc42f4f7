import type { PageStore } from './page-store.ts';

/**
 * Of `paths`, those whose saved copy the worker would show offline now: a listing shown offline
 * marks the others, so that nobody follows a link only to find the offline page.
 */
export async function readableOffline(paths: unknown[], origin: string, pages: PageStore): Promise<string[]> {
  const saved = await pages.describeSavedPages();
  return paths.filter(
    (path): path is string => typeof path === 'string' && saved.has(new URL(path, origin).href),
  );
}
