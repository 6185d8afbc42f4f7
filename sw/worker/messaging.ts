import type {
  ForgottenPagesReply,
  PageToWorkerMessage,
  ReadableOfflineReply,
} from '../shared/page-worker-messages.ts';
import { pageShown } from './page-shown.ts';
import type { PageStore } from './page-store.ts';
import { answerPin } from './pin-requests.ts';
import type { ReadAhead } from './read-ahead.ts';
import { readableOffline } from './readable-offline.ts';

export interface MessagingOptions {
  worker: ServiceWorkerGlobalScope;
  origin: string;
  pages: PageStore;
  readAhead: ReadAhead;
  /** Re-fetches and saves a discussion the outbox just changed. */
  saveDiscussion: (path: string) => Promise<void>;
  /** Reads what an offline search needs into memory, if it is not there yet. */
  prepareSearch: () => Promise<void>;
}

const clientId = (source: ExtendableMessageEvent['source']) => (source && 'id' in source ? source.id : '');

/**
 * What pages tell the worker: to take over after an update, to take a page it missed, to forget
 * signed-in pages before a
 * logout, that they have been shown (and later that they are idle, which lets read-ahead go on),
 * to save a discussion for offline or stop, which of their links open offline, that a
 * delivery changed a discussion they would read offline, and that a search is coming.
 */
export function onMessage(event: ExtendableMessageEvent, options: MessagingOptions): void {
  const message = event.data as PageToWorkerMessage | null;
  if (message?.type === 'skip-waiting') {
    event.waitUntil(options.worker.skipWaiting());
  } else if (message?.type === 'claim') {
    event.waitUntil(options.worker.clients.claim().catch(() => undefined));
  } else if (message?.type === 'page-shown') {
    pageShown(event.source);
  } else if (message?.type === 'search-soon') {
    event.waitUntil(options.prepareSearch().catch(() => undefined));
  } else if (message?.type === 'page-idle') {
    const { listing, connection, viewer } = message;
    const request = listing ? { listing, connection, viewer } : null;
    event.waitUntil(options.readAhead.pageIdle(clientId(event.source), request).catch(() => undefined));
  } else if (message?.type === 'forget-signed-in-pages') {
    options.readAhead.stop();
    event.waitUntil(
      options.pages.forgetSignedInPages().then((count) => {
        const reply: ForgottenPagesReply = { type: 'signed-in-pages-forgotten', count };
        event.ports[0]?.postMessage(reply);
      }),
    );
  } else if (message?.type === 'which-readable-offline' && Array.isArray(message.paths)) {
    event.waitUntil(
      readableOffline(message.paths, options.origin, options.pages).then((paths) => {
        const reply: ReadableOfflineReply = { type: 'readable-offline', paths };
        event.ports[0]?.postMessage(reply);
      }),
    );
  } else if ((message?.type === 'pin' || message?.type === 'unpin') && typeof message.path === 'string') {
    const answering = answerPin(message.path, message.type === 'pin', options);
    event.waitUntil(answering.then((answer) => event.ports[0]?.postMessage(answer)));
  } else if (message?.type === 'outbox-save-thread' && message.path) {
    event.waitUntil(options.saveDiscussion(message.path).catch(() => undefined));
  }
}
