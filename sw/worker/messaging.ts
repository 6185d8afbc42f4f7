import type { ForgottenPagesReply, PageToWorkerMessage } from '../shared/page-worker-messages.ts';
import { pageShown } from './page-shown.ts';
import { forgetSignedInPages } from './page-store.ts';
import { worker } from './scope.ts';

/**
 * What pages tell the worker: to take over after an update, to forget signed-in pages before a
 * logout, and that they have been shown.
 */
export function onMessage(event: ExtendableMessageEvent): void {
  const message = event.data as PageToWorkerMessage | null;
  if (message?.type === 'skip-waiting') {
    event.waitUntil(worker.skipWaiting());
  } else if (message?.type === 'page-shown') {
    pageShown(event.source);
  } else if (message?.type === 'forget-signed-in-pages') {
    event.waitUntil(
      forgetSignedInPages().then((count) => {
        const reply: ForgottenPagesReply = { type: 'signed-in-pages-forgotten', count };
        event.ports[0]?.postMessage(reply);
      }),
    );
  }
}
