/** What the page script and the worker say to each other with postMessage. */

/** Messages the page sends to the worker. */
export type PageToWorkerMessage =
  | { type: 'skip-waiting' }
  | { type: 'forget-signed-in-pages' }
  | { type: 'page-shown' }
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
