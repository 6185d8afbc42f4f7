import { createECDH, randomBytes } from 'node:crypto';
import type { App } from '../../../app/app.ts';
import { Client, createUser } from '../../helpers/app.ts';

export const PASSWORD = 'correct horse battery';

/** One state-changing request that would succeed if it came from the victim's own page. */
export interface Target {
  url: string;
  fields: Record<string, string>;
  /** The browser the request is forged into; it holds the victim's cookies. */
  victim: Client;
}

export interface Cast {
  app: App;
  /** Logged in; owns the discussion and comment that edits and deletes aim at. */
  victim: Client;
  /** Logged in; wrote what the victim may vote on. */
  other: Client;
}

let serial = 0;
const fresh = (prefix: string) => `${prefix}${++serial}`;

export async function cast(app: App): Promise<Cast> {
  await createUser(app, 'victim', PASSWORD);
  await createUser(app, 'other', PASSWORD);
  const victim = new Client(app);
  const other = new Client(app);
  await victim.logIn('victim', PASSWORD);
  await other.logIn('other', PASSWORD);
  return { app, victim, other };
}

/**
 * A fresh target for each POST route of the forum, so that the request made to
 * prove the route works (the control) does not spoil the next attack. A POST
 * route without an entry here fails the tests that use it: new routes must be
 * added, not silently skipped.
 */
export const TARGETS: Record<string, (c: Cast) => Promise<Target>> = {
  '/submit': async ({ victim }) => ({
    url: '/submit',
    fields: { title: 'Planted by another site', text: 'spam', url: '' },
    victim,
  }),
  '/discuss/:id/edit': async ({ victim }) => ({
    url: `/discuss/${await victim.startDiscussion('Victim thread')}/edit`,
    fields: { title: 'Defaced', text: 'defaced', url: '' },
    victim,
  }),
  '/discuss/:id/delete': async ({ victim }) => ({
    url: `/discuss/${await victim.startDiscussion('Victim thread')}/delete`,
    fields: {},
    victim,
  }),
  '/discuss/:id/comments': async ({ victim, other }) => ({
    url: `/discuss/${await other.startDiscussion('Other thread')}/comments`,
    fields: { body: 'planted comment' },
    victim,
  }),
  '/discuss/:id/vote': async ({ victim, other }) => ({
    url: `/discuss/${await other.startDiscussion('Other thread')}/vote`,
    fields: { direction: 'up' },
    victim,
  }),
  '/comments/:id/edit': async ({ victim, other }) => {
    const discussionId = await other.startDiscussion('Other thread');
    return {
      url: `/comments/${await victim.comment(discussionId, 'mine')}/edit`,
      fields: { body: 'x' },
      victim,
    };
  },
  '/comments/:id/delete': async ({ victim, other }) => {
    const discussionId = await other.startDiscussion('Other thread');
    return { url: `/comments/${await victim.comment(discussionId, 'mine')}/delete`, fields: {}, victim };
  },
  '/comments/:id/vote': async ({ victim, other }) => {
    const discussionId = await victim.startDiscussion('Victim thread');
    const commentId = await other.comment(discussionId, 'theirs');
    return { url: `/comments/${commentId}/vote`, fields: { direction: 'down' }, victim };
  },
  '/discuss/:id/follow': async ({ victim, other }) => ({
    url: `/discuss/${await other.startDiscussion('Other thread')}/follow`,
    fields: {},
    victim,
  }),
  // The victim follows what they comment on, so there is a follow to undo.
  '/discuss/:id/unfollow': async ({ victim, other }) => {
    const discussionId = await other.startDiscussion('Other thread');
    await victim.comment(discussionId, 'following this');
    return { url: `/discuss/${discussionId}/unfollow`, fields: {}, victim };
  },
  // Another person's comment on the victim's discussion leaves the victim one unread notification.
  '/notifications/read': async ({ victim, other }) => {
    const discussionId = await victim.startDiscussion('Victim thread');
    const commentId = await other.comment(discussionId, 'an answer');
    return { url: '/notifications/read', fields: { upTo: String(commentId) }, victim };
  },
  // Another site must not subscribe its own push endpoint to the victim's replies.
  '/push/subscriptions': async ({ victim }) => {
    const device = createECDH('prime256v1');
    device.generateKeys();
    return {
      url: '/push/subscriptions',
      fields: {
        endpoint: `https://push.example.com/${fresh('device')}`,
        p256dh: device.getPublicKey().toString('base64url'),
        auth: randomBytes(16).toString('base64url'),
      },
      victim,
    };
  },
  // Login CSRF: another site logs the victim's browser into the attacker's account.
  '/login': async ({ app }) => {
    const attacker = fresh('attacker');
    await createUser(app, attacker, PASSWORD);
    return { url: '/login', fields: { username: attacker, password: PASSWORD }, victim: new Client(app) };
  },
  '/signup': async ({ app }) => ({
    url: '/signup',
    fields: { username: fresh('planted'), password: PASSWORD },
    victim: new Client(app),
  }),
  '/logout': async ({ app }) => {
    const name = fresh('reader');
    await createUser(app, name, PASSWORD);
    const victim = new Client(app);
    await victim.logIn(name, PASSWORD);
    return { url: '/logout', fields: {}, victim };
  },
};
