/// <reference lib="dom" />
/**
 * The server as read-ahead sees it, in memory: the read-ahead list, the listing pages and the
 * discussions, each with a revision the test can bump. It records every request, and can hold one
 * path's answer back until released (or until its request is aborted, as a browser's fetch is).
 */
import { htmlPage } from './fake-cache.ts';

export const ORIGIN = 'https://charcha.test';
/** The URL of discussion `id` on the test origin. */
export const discussionAt = (id: number) => `${ORIGIN}/discuss/${id}`;
export const LIST_URL = '/offline/read-ahead.json';

export class FakeForum {
  readonly requests: string[] = [];
  readonly revisions = new Map<number, number>();
  private held = new Map<string, () => void>();
  /** Paths answered with a network error, as when the connection drops. */
  readonly unreachable = new Set<string>();

  constructor(
    ids: number[],
    private readonly bodyBytes = 100,
  ) {
    for (const id of ids) this.revisions.set(id, 1);
  }

  /** Requests for one path. */
  count(path: string): number {
    return this.requests.filter((request) => request === path).length;
  }

  /** The next request for `path` waits until `release()` is called. */
  hold(path: string): { arrived: Promise<void>; release: () => void } {
    let arrive = () => {};
    const arrived = new Promise<void>((resolve) => {
      arrive = resolve;
    });
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.held.set(path, () => {
      arrive();
      return released;
    });
    return { arrived, release };
  }

  readonly fetch = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const path = url.pathname;
    this.requests.push(path);
    const holding = this.held.get(path);
    if (holding) {
      this.held.delete(path);
      await Promise.race([
        holding(),
        new Promise((_resolve, reject) =>
          request.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
        ),
      ]);
    }
    if (this.unreachable.has(path)) throw new TypeError('Failed to fetch');
    if (path === LIST_URL) {
      const discussions = [...this.revisions].map(([id, revision]) => ({ url: `/discuss/${id}`, revision }));
      return Response.json({ listing: url.searchParams.get('listing'), discussions });
    }
    const id = Number(path.match(/^\/discuss\/(\d+)$/)?.[1]);
    const revision = this.revisions.get(id);
    if (revision !== undefined) {
      const padding = 'x'.repeat(this.bodyBytes);
      return htmlPage(
        `<html><head><title>Discussion ${id} · Charcha</title></head><body><article data-discussion-revision="${revision}">${padding}</article></body></html>`,
      );
    }
    if (path === '/' || path === '/new')
      return htmlPage('<html><head><title>Charcha</title></head><body></body></html>');
    return new Response('Not found', { status: 404 });
  };
}
