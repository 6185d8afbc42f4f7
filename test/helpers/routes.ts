import type { App } from '../../app/app.ts';

/**
 * The paths the app serves for `method`, read from Fastify's own route tree, so that a
 * test covering "every route" also covers routes added after it was written.
 */
export function routePaths(app: App, method: string): string[] {
  const paths: string[] = [];
  const parents: string[] = [];
  for (const line of app.printRoutes({ method, commonPrefix: false }).split('\n')) {
    const match = line.match(/^([│ ]*)[├└]── (.+?) \(([A-Z, ]+)\)$/);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    const path = (parents[depth - 1] ?? '') + (match[2] ?? '');
    parents[depth] = path;
    parents.length = depth + 1;
    if ((match[3] ?? '').split(', ').includes(method)) paths.push(path);
  }
  return paths;
}
