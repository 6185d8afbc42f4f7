import type { PageToWorkerMessage } from '../shared/page-worker-messages.ts';

/** Logging out must never hang on the worker: after this long the logout goes ahead anyway. */
const WORKER_ANSWER_TIMEOUT_MS = 3000;

/**
 * Before the logout form is sent, asks the worker to forget every saved page
 * rendered for a signed-in person and waits for its answer, so the next person
 * at this computer cannot read them offline. (The worker also does this itself
 * when it sees POST /logout; this makes it happen first even if the logout is
 * answered from elsewhere.)
 */
export function forgetPagesOnLogout(): void {
  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || new URL(form.action).pathname !== '/logout') return;
    const worker = navigator.serviceWorker.controller;
    if (!worker) return;
    event.preventDefault();
    askWorker(worker).finally(() => form.submit());
  });
}

function askWorker(worker: ServiceWorker): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(resolve, WORKER_ANSWER_TIMEOUT_MS);
    channel.port1.onmessage = () => {
      clearTimeout(timer);
      resolve();
    };
    const message: PageToWorkerMessage = { type: 'forget-signed-in-pages' };
    worker.postMessage(message, [channel.port2]);
  });
}
