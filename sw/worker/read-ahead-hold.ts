/**
 * The navigations read-ahead steps aside for. A navigation holds it back from its start until its
 * page reports it is idle, or, for a page that never does (left before it was idle, a download, no
 * script), until the hold runs out. Read-ahead held back waits here and goes on at either moment:
 * without the wait, a page that never reported idle left a front page's read-ahead queued until
 * some later page did.
 */

export interface NavigationHold {
  /** A navigation started; its page is client `clientId`. */
  started(clientId: string): void;
  /** Client `clientId` is idle: its navigation no longer holds read-ahead back. */
  idle(clientId: string): void;
  /** Whether some navigation holds read-ahead back now. */
  holding(): boolean;
  /**
   * Resolves once the navigations holding read-ahead back now have run out of time, or sooner,
   * when a page reports it is idle or `wake` is called; the caller then asks `holding` again.
   */
  released(): Promise<void>;
  /** Ends the waits under way (read-ahead has stopped, or has new work to look at). */
  wake(): void;
}

export function navigationHold(holdMs: number, now: () => number = Date.now): NavigationHold {
  const navigations = new Map<string, number>();
  let waiting: (() => void)[] = [];

  const wake = () => {
    const waiters = waiting;
    waiting = [];
    for (const resume of waiters) resume();
  };

  const holding = () => {
    const at = now();
    for (const [client, startedAt] of navigations) {
      if (at - startedAt >= holdMs) navigations.delete(client);
    }
    return navigations.size > 0;
  };

  return {
    started(clientId) {
      navigations.set(clientId, now());
    },
    idle(clientId) {
      navigations.delete(clientId);
      wake();
    },
    holding,
    released() {
      if (!holding()) return Promise.resolve();
      const lastStart = Math.max(...navigations.values());
      return new Promise((resolve) => {
        const timer = setTimeout(wake, lastStart + holdMs - now());
        waiting.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
    wake,
  };
}
