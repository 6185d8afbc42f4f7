import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { logFormatFor, loggerOptions } from './logging.ts';
import { listeningOrigin } from './network-config.ts';

/** In-flight requests get this long to finish after SIGTERM before the process gives up. */
const SHUTDOWN_GRACE_MS = 10_000;

async function main() {
  const config = loadConfig();
  const format = logFormatFor({ isTTY: process.stdout.isTTY, production: config.production });
  const app = await buildApp(config, loggerOptions(config.logLevel, format));
  closeWithGrace({ delay: SHUTDOWN_GRACE_MS }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'closing after an error');
    else app.log.info({ signal }, 'closing');
    await app.close();
  });
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  // Without PUBLIC_ORIGIN, development's origin is the listening address, whose port PORT=0 leaves to now.
  if (config.publicOrigin === listeningOrigin(config.host, 0))
    app.config.publicOrigin = listeningOrigin(config.host, port);
  console.log(`Charcha is running at http://${config.host}:${port}/`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(`Configuration error: ${error.message}`);
  else console.error(`Charcha could not start: ${(error as Error).message}`);
  process.exit(1);
});
