import type { Listing } from './read-ahead-list.ts';

/** What the page script and the worker say to each other with postMessage. */

/** What the page knows of the connection (navigator.connection), which decides whether to read ahead. */
export interface ConnectionFacts {
  saveData: boolean;
  /** "slow-2g", "2g", "3g" or "4g"; null where the browser does not say. */
  effectiveType: string | null;
}

/** Messages the page sends to the worker. */
export type PageToWorkerMessage =
  | { type: 'skip-waiting' }
  /** A page the active worker's clients.claim() missed (it was loading meanwhile) asks to be claimed. */
  | { type: 'claim' }
  | { type: 'forget-signed-in-pages' }
  | { type: 'page-shown' }
  /** Someone offline is in the search box: have the saved discussions' index ready for their Enter. */
  | { type: 'search-soon' }
  | {
      /**
       * The page has been shown and its main thread is idle: background work may go on. From the
       * first page of a listing, `listing` asks for its discussions to be read ahead; `viewer` is
       * who the page was rendered for (a copy rendered for someone else is fetched again).
       */
      type: 'page-idle';
      listing: Listing | null;
      connection: ConnectionFacts;
      viewer: string | null;
    }
  | {
      /** Which of these paths open offline now: answered with a ReadableOfflineReply. */
      type: 'which-readable-offline';
      paths: string[];
    }
  | {
      /** Save the discussion at `path` for offline on purpose ("pin"), or stop keeping it so ("unpin"). */
      type: 'pin' | 'unpin';
      path: string;
    }
  | {
      /**
       * After a delivery, re-fetch and save the discussion at `path`. The type keeps its first name:
       * a tab still running the previous page script sends it to the new worker.
       */
      type: 'outbox-save-thread';
      path: string;
    };

/** The worker's answer to `forget-signed-in-pages`, sent on the MessagePort the page passed along. */
export interface ForgottenPagesReply {
  type: 'signed-in-pages-forgotten';
  count: number;
}

/** Why a pin was refused: as many pages are pinned as a device keeps, or the page could not be fetched. */
export type PinRefusal = 'limit' | 'unavailable';

/** The worker's answer to `pin` and `unpin`, on the MessagePort the page passed along. */
export interface PinReply {
  type: 'pin-result';
  /** Whether the page is pinned now. */
  pinned: boolean;
  refused?: PinRefusal;
  /** The most pages a device keeps pinned, for the message that says so. */
  limit: number;
}

/** The worker's answer to `which-readable-offline`: the paths asked about that open offline. */
export interface ReadableOfflineReply {
  type: 'readable-offline';
  paths: string[];
}
