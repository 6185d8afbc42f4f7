import type { FastifyInstance } from 'fastify';

/**
 * Listens on a free loopback port and prints "<name> is running at <url>", the line
 * startNodeProcess waits for; SIGTERM closes the server.
 */
export async function listenAndAnnounce(app: FastifyInstance, name: string): Promise<void> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  console.log(`${name} is running at http://127.0.0.1:${port}/`);
  process.on('SIGTERM', () => {
    void app.close().then(() => process.exit(0));
  });
}
