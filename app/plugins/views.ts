import { join } from 'node:path';
import fastifyView from '@fastify/view';
import { Eta } from 'eta';
import type { FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { unreadLabel } from '../domain/inbox.ts';
import { isoTime, timeAgo } from '../domain/time.ts';
import { pageAddress } from '../page-address.ts';

export const HTML = 'text/html; charset=utf-8';
export const VIEWS_DIR = join(import.meta.dirname, '..', '..', 'views');

declare module 'fastify' {
  interface FastifyReply {
    /** Renders a page of views/pages with the layout's context (user, unread count, CSRF token, asset URLs). */
    page(template: string, data?: Record<string, unknown>, statusCode?: number): Promise<FastifyReply>;
    /** The same page as a string, for callers that cache it. */
    renderPage(template: string, data?: Record<string, unknown>): Promise<string>;
  }
}

export default fp(
  async (app) => {
    await app.register(fastifyView, {
      engine: { eta: new Eta({ views: VIEWS_DIR, autoTrim: [false, 'nl'] }) },
      root: VIEWS_DIR,
      // Compiled templates are cached in every environment; restart after editing a template.
      production: true,
      defaultContext: { timeAgo, isoTime, unreadLabel },
    });

    async function renderPage(this: FastifyReply, template: string, data: Record<string, unknown> = {}) {
      return this.viewAsync(`pages/${template}`, {
        ...data,
        user: this.request.user,
        unreadNotifications: this.request.user ? app.repositories.inbox.unreadCount(this.request.user.id) : 0,
        // A kept page is shared by every address that shows it: it links back to the one they share.
        path: pageAddress(this.request),
        asset: app.assetUrl,
        csrf: () => this.csrfToken(),
      });
    }
    app.decorateReply('renderPage', renderPage);

    app.decorateReply(
      'page',
      async function (
        this: FastifyReply,
        template: string,
        data: Record<string, unknown> = {},
        statusCode = 200,
      ) {
        const html = await renderPage.call(this, template, data);
        return this.code(statusCode).type(HTML).send(html);
      },
    );
  },
  { name: 'views', dependencies: ['assets', 'cross-site'] },
);
