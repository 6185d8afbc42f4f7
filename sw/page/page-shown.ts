import type { PageToWorkerMessage } from '../shared/page-worker-messages.ts';

/** Tells the worker this page has loaded, so that it may save it now without slowing its rendering. */
export function reportPageShown(): void {
  window.addEventListener(
    'load',
    () => {
      const message: PageToWorkerMessage = { type: 'page-shown' };
      navigator.serviceWorker?.controller?.postMessage(message);
    },
    { once: true },
  );
}
