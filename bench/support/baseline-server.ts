// The yardstick every server figure is divided by: the cheapest response Fastify can give,
// in its own process, like the app, so that both share the machine the same way.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => 'hello world');
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;
console.log(`Baseline is running at http://127.0.0.1:${port}/`);
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
