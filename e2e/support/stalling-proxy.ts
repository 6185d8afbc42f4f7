import type http from 'node:http';
import { startProxy } from './proxy.ts';

/**
 * Lie-fi on demand: a proxy between the browser and the real server that can
 * accept chosen requests and then never answer them, the way a captive or
 * overloaded network does.
 */
export interface StallingProxy {
  url: string;
  /** From now on, requests whose path matches are held open and never answered. */
  stall(path: string): void;
  /** How many requests have been stalled so far. */
  readonly stalled: number;
  close(): Promise<void>;
}

export async function startStallingProxy(target: string): Promise<StallingProxy> {
  const held = new Set<http.ServerResponse>();
  const stalledPaths = new Set<string>();
  let stalled = 0;
  const proxy = await startProxy(target, (url, response) => {
    if (!stalledPaths.has(url.pathname)) return false;
    stalled += 1;
    held.add(response);
    response.on('close', () => held.delete(response));
    return true;
  });

  return {
    url: proxy.url,
    stall: (path) => stalledPaths.add(path),
    get stalled() {
      return stalled;
    },
    async close() {
      for (const response of held) response.destroy();
      await proxy.close();
    },
  };
}
