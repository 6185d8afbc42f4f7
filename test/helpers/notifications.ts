import type { App } from '../../app/app.ts';

export interface Notified {
  user: string;
  reason: string;
}

/** Who is told of comment `commentId` (followers included), and why, by username. */
export function notifiedOf(app: App, commentId: number): Notified[] {
  const username = app.db.prepare('SELECT username FROM users WHERE id = ?').pluck();
  return app.repositories.notifications
    .toldOf(commentId)
    .map(({ userId, reason }) => ({ user: username.get(userId) as string, reason }))
    .sort((a, b) => a.user.localeCompare(b.user));
}

/** Every notification row there is, to prove a write told nobody. */
export function allNotifications(app: App): unknown[] {
  return app.db.prepare('SELECT * FROM notifications ORDER BY id').all();
}

/** The unread count the page's header shows, as it reads ("3", "99+"), or null when it shows none. */
export function unreadInHeader(html: string): string | null {
  const header = html.slice(html.indexOf('<header'), html.indexOf('</header>'));
  if (!header.includes('href="/notifications"')) throw new Error('the header has no notifications link');
  return /<span class="unread-count"[^>]*>([^<]+)<\/span>/.exec(header)?.[1] ?? null;
}

/** The notifications link's accessible name, as a screen reader announces it. */
export function notificationsLinkName(html: string): string {
  const link = /<a href="\/notifications"([^>]*)>([\s\S]*?)<\/a>/.exec(html);
  if (link === null) throw new Error('no notifications link');
  const label = /aria-label="([^"]*)"/.exec(link[1] ?? '')?.[1];
  return label ?? (link[2] ?? '').replace(/<[^>]+>/g, '');
}

/** The headers a browser sends when a person clicks a link on one of our own pages. */
export const CLICKED_ON_OUR_PAGE = { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'navigate' };
