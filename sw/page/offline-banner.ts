import { timeAgo } from '../../app/domain/time.ts';
import { onConnectionChange, seemsOnline } from './connection.ts';
import { savedCopyTime } from './saved-copy.ts';

/**
 * A page the worker served from its cache carries a meta tag with the time the
 * copy was saved. The banner says so plainly, and goes away when the
 * connection comes back (see connection.ts for how that is noticed).
 */
export function announceSavedCopy(): void {
  const savedAt = savedCopyTime();
  if (!savedAt) return;
  const banner = document.createElement('p');
  banner.className = 'offline-banner';
  banner.setAttribute('role', 'status');
  banner.textContent = `You are offline — showing a copy saved ${timeAgo(Date.parse(savedAt))}`;
  document.querySelector('main')?.before(banner);
  onConnectionChange(() => {
    if (seemsOnline()) banner.remove();
  });
}
