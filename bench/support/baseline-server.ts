// The yardstick every server figure is divided by: the cheapest response Fastify can give,
// in its own process, like the app, so that both share the machine the same way.
import Fastify from 'fastify';
import { listenAndAnnounce } from './announce.ts';

const app = Fastify({ logger: false });
app.get('/', async () => 'hello world');
await listenAndAnnounce(app, 'Baseline');
