import type { CDPSession, Page } from '@playwright/test';

/**
 * The two ways a test cuts the network, both measured on this machine:
 * - Playwright's `context.setOffline(true)`, which cuts the page and its
 *   service worker;
 * - what ticking "Offline" in DevTools does: CDP
 *   `Network.emulateNetworkConditions({offline: true})` sent to the page AND to
 *   the service-worker target. Sent to the page alone it does not cut the
 *   worker's own fetches, so the worker target is attached through a browser
 *   CDP session.
 */
export const OFFLINE_MODES = ['context.setOffline', 'DevTools offline'] as const;
export type OfflineMode = (typeof OFFLINE_MODES)[number];

export interface NetworkSwitch {
  goOffline(): Promise<void>;
  goOnline(): Promise<void>;
}

export function networkSwitch(page: Page, mode: OfflineMode): NetworkSwitch {
  if (mode === 'context.setOffline') {
    return {
      goOffline: () => page.context().setOffline(true),
      goOnline: () => page.context().setOffline(false),
    };
  }
  return new DevToolsOffline(page);
}

const conditions = (offline: boolean) => ({
  offline,
  latency: 0,
  downloadThroughput: -1,
  uploadThroughput: -1,
});

export type Send = (method: string, params: object) => Promise<unknown>;

class DevToolsOffline implements NetworkSwitch {
  private sessions: Send[] = [];
  private cdpSessions: CDPSession[] = [];

  constructor(private readonly page: Page) {}

  async goOffline(): Promise<void> {
    const pageSession = await this.page.context().newCDPSession(this.page);
    this.cdpSessions.push(pageSession);
    this.sessions = [(method, params) => pageSession.send(method as 'Network.enable', params)];
    const workers = await serviceWorkerSessions(this.page);
    this.cdpSessions.push(workers.session);
    this.sessions.push(...workers.senders);
    for (const send of this.sessions) {
      await send('Network.enable', {});
      await send('Network.emulateNetworkConditions', conditions(true));
    }
  }

  async goOnline(): Promise<void> {
    for (const send of this.sessions) await send('Network.emulateNetworkConditions', conditions(false));
    for (const session of this.cdpSessions) await session.detach();
    this.sessions = [];
    this.cdpSessions = [];
  }
}

/**
 * CDP sessions to the page's service-worker targets, as DevTools opens them. Playwright's
 * CDPSession cannot address a flattened child session, so each worker target is attached
 * unflattened and spoken to through Target.sendMessageToTarget, as DevTools' protocol allows.
 * Detach `session` when done.
 */
export async function serviceWorkerSessions(page: Page): Promise<{ session: CDPSession; senders: Send[] }> {
  const browser = page.context().browser();
  if (!browser) throw new Error('DevTools modes need a browser-launched context');
  const session = await browser.newBrowserCDPSession();
  const origin = new URL(page.url()).origin;
  const { targetInfos } = await session.send('Target.getTargets');
  const workers = targetInfos.filter((t) => t.type === 'service_worker' && t.url.startsWith(origin));
  if (workers.length === 0) throw new Error(`no service worker target for ${origin}`);

  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  session.on('Target.receivedMessageFromTarget', (event) => {
    const message = JSON.parse(event.message) as {
      id?: number;
      result?: unknown;
      error?: { message: string };
    };
    const waiter = message.id === undefined ? undefined : pending.get(message.id);
    if (!waiter || message.id === undefined) return;
    pending.delete(message.id);
    if (message.error) waiter.reject(new Error(message.error.message));
    else waiter.resolve(message.result);
  });

  const senders: Send[] = [];
  for (const target of workers) {
    const { sessionId } = await session.send('Target.attachToTarget', {
      targetId: target.targetId,
      flatten: false,
    });
    senders.push((method, params) => {
      const id = nextId++;
      const answered = new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
      void session.send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({ id, method, params }),
      });
      return answered;
    });
  }
  return { session, senders };
}
