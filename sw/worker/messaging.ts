import type { ForgottenPagesReply, PageToWorkerMessage } from './names.ts';
import { forgetSignedInPages } from './page-store.ts';
import { worker } from './scope.ts';

/** What pages may ask of the worker: to take over after an update, and to forget signed-in pages before a logout. */
export function onMessage(event: ExtendableMessageEvent): void {
  const message = event.data as PageToWorkerMessage | null;
  if (message?.type === 'skip-waiting') {
    event.waitUntil(worker.skipWaiting());
  } else if (message?.type === 'forget-signed-in-pages') {
    event.waitUntil(
      forgetSignedInPages().then((count) => {
        const reply: ForgottenPagesReply = { type: 'signed-in-pages-forgotten', count };
        event.ports[0]?.postMessage(reply);
      }),
    );
  }
}
