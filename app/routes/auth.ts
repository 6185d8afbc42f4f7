import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { SessionState } from '../domain/json-shapes.ts';
import {
  MAX_PASSWORD_LENGTH,
  MAX_USERNAME_LENGTH,
  MIN_PASSWORD_LENGTH,
  MIN_USERNAME_LENGTH,
} from '../domain/limits.ts';
import { hashPassword, verifyPassword } from '../domain/passwords.ts';
import { describeValidation } from '../domain/validation.ts';
import { refuseForm, safeRedirectTarget, wantsJson } from '../http.ts';

const Credentials = Type.Object({
  username: Type.String({
    minLength: MIN_USERNAME_LENGTH,
    maxLength: MAX_USERNAME_LENGTH,
    pattern: '^[A-Za-z0-9_-]+$',
  }),
  password: Type.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH }),
  // Where to go afterwards is a wish, not part of the credentials: whatever it holds, a right
  // password logs in, and safeRedirectTarget decides what of it is kept.
  next: Type.Optional(Type.Unknown()),
});
const NextQuery = Type.Object({ next: Type.Optional(Type.Unknown()) });

/** Lets a wrong username cost as much time as a wrong password, so timing does not reveal who has an account. */
const decoyHash = hashPassword('not-a-real-password');

/** The form carries on only a `next` the redirect would follow (empty when there is none). */
const keptTarget = (next: unknown) => safeRedirectTarget(next, '');

/**
 * A new account lands where it was going, at #welcome: every page's layout has the confirmation,
 * shown only as the fragment's target. A target with its own fragment keeps it instead.
 */
const welcomed = (target: string) => (target.includes('#') ? target : `${target}#welcome`);

function formValues(body: unknown): { username: string; next: string } {
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  return {
    username: typeof fields.username === 'string' ? fields.username : '',
    next: keptTarget(fields.next),
  };
}

const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/login', { schema: { querystring: NextQuery } }, async (request, reply) =>
    reply.page('login', { title: 'Log in', values: { username: '', next: keptTarget(request.query.next) } }),
  );

  app.post(
    '/login',
    { schema: { body: Credentials }, attachValidation: true, config: { rateLimit: app.rateLimits.login } },
    async (request, reply) => {
      const values = formValues(request.body);
      const form = { template: 'login', page: { title: 'Log in', values } };
      const refuse = (message: string, statusCode: number) =>
        refuseForm(request, reply, message, { ...form, statusCode });
      if (request.validationError) return refuse('Wrong username or password.', 401);
      const user = app.repositories.users.findByUsername(request.body.username);
      const valid = await verifyPassword(request.body.password, user?.passwordHash ?? (await decoyHash));
      if (!user || !valid) return refuse('Wrong username or password.', 401);
      reply.startSession(user.id);
      if (wantsJson(request)) return reply.send({ username: user.username });
      return reply.redirect(safeRedirectTarget(request.body.next, '/'), 303);
    },
  );

  app.get('/signup', { schema: { querystring: NextQuery } }, async (request, reply) =>
    reply.page('signup', {
      title: 'Sign up',
      values: { username: '', next: keptTarget(request.query.next) },
    }),
  );

  app.post(
    '/signup',
    { schema: { body: Credentials }, attachValidation: true, config: { rateLimit: app.rateLimits.signup } },
    async (request, reply) => {
      const values = formValues(request.body);
      const form = { template: 'signup', page: { title: 'Sign up', values } };
      const refuse = (message: string, statusCode: number) =>
        refuseForm(request, reply, message, { ...form, statusCode });
      if (request.validationError) return refuse(describeValidation(request.validationError.validation), 400);
      const { username, password } = request.body;
      const userId = app.repositories.users.create(username, await hashPassword(password), Date.now());
      if (userId === null) return refuse(`The username "${username}" is taken. Please choose another.`, 409);
      reply.startSession(userId);
      if (wantsJson(request)) return reply.code(201).send({ username });
      return reply.redirect(welcomed(safeRedirectTarget(request.body.next, '/')), 303);
    },
  );

  // Lets the page script (the offline outbox) learn who is logged in and get a fresh CSRF token before replaying.
  app.get('/session', { schema: { response: { 200: SessionState } } }, async (request, reply) =>
    reply.header('cache-control', 'no-store').send({
      username: request.user?.username ?? null,
      csrfToken: reply.csrfToken(),
    }),
  );

  app.post('/logout', async (request, reply) => {
    // The page names this device's push endpoint: a shared computer stops getting this person's replies.
    const endpoint = (request.body as { endpoint?: unknown } | undefined)?.endpoint;
    if (request.user && typeof endpoint === 'string')
      app.repositories.pushSubscriptions.remove(request.user.id, endpoint);
    reply.endSession();
    if (wantsJson(request)) return reply.send({ ok: true });
    return reply.redirect('/', 303);
  });
};

export default authRoutes;
