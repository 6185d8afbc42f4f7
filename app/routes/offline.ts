import type { FastifyPluginAsync } from 'fastify';

export const OFFLINE_PAGE_PATH = '/offline';

/**
 * The page the service worker shows for a page it never saved. It is
 * precached once and shown to whoever is at the device, so it is rendered for
 * nobody: no name, no CSRF token, nothing user-specific. The page script fills
 * in the list of discussions saved on this device.
 */
const offlineRoutes: FastifyPluginAsync = async (app) => {
  app.get(OFFLINE_PAGE_PATH, async (request, reply) => {
    request.user = null;
    return reply.page('offline', { title: 'You are offline' });
  });
};

export default offlineRoutes;
