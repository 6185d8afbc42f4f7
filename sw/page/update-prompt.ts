import type { PageToWorkerMessage } from '../shared/page-worker-messages.ts';

/**
 * "A new version of Charcha is available — Reload". A new worker waits until
 * the person clicks; then it skips waiting and this page reloads exactly once
 * when the new worker takes control. A first install (no controller before)
 * never prompts and never reloads.
 */
export function offerUpdates(registration: ServiceWorkerRegistration): void {
  const container = navigator.serviceWorker;
  let accepted = false;
  let reloading = false;

  container.addEventListener('controllerchange', () => {
    if (!accepted || reloading) return;
    reloading = true;
    window.location.reload();
  });

  const prompt = (waiting: ServiceWorker) => {
    if (!container.controller) return;
    showPrompt(() => {
      // Another tab may have accepted already: this page then runs under the new worker and just reloads.
      if (waiting.state !== 'installed') return window.location.reload();
      accepted = true;
      const message: PageToWorkerMessage = { type: 'skip-waiting' };
      waiting.postMessage(message);
    });
  };

  const whenInstalled = (installing: ServiceWorker | null) =>
    installing?.addEventListener('statechange', () => {
      if (installing.state === 'installed') prompt(installing);
    });

  if (registration.waiting) prompt(registration.waiting);
  whenInstalled(registration.installing);
  registration.addEventListener('updatefound', () => whenInstalled(registration.installing));
}

function showPrompt(onAccept: () => void): void {
  if (document.querySelector('.update-toast')) return;
  const toast = document.createElement('div');
  toast.className = 'update-toast';
  toast.setAttribute('role', 'status');
  const text = document.createElement('p');
  text.textContent = 'A new version of Charcha is available — ';
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'update-reload';
  button.textContent = 'Reload';
  button.addEventListener('click', () => {
    button.disabled = true;
    onAccept();
  });
  text.append(button);
  toast.append(text);
  document.body.append(toast);
}
