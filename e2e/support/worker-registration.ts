import type { CDPSession, Page } from '@playwright/test';

export interface WorkerRegistration {
  session: CDPSession;
  origin: string;
  registrationId: string;
}

/**
 * Runs `act` with a DevTools session that knows this page's service worker registration: the
 * way to fire at the worker the events a browser would fire on its own (periodicsync, push).
 */
export async function withWorkerRegistration(
  page: Page,
  act: (registration: WorkerRegistration) => Promise<unknown>,
): Promise<void> {
  const session = await page.context().newCDPSession(page);
  const origin = new URL(page.url()).origin;
  const registrationId = new Promise<string>((resolve) =>
    session.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const ours = registrations.find((found) => found.scopeURL === `${origin}/` && !found.isDeleted);
      if (ours) resolve(ours.registrationId);
    }),
  );
  await session.send('ServiceWorker.enable');
  await act({ session, origin, registrationId: await registrationId });
  await session.detach();
}
