import type { Page } from '@playwright/test';
import { MAX_TITLE_LENGTH } from '../../app/domain/limits.ts';
import { HttpClient } from '../../test/stress/support/http-client.ts';
import { expect, PASSWORD, test, uniqueName } from '../support/fixtures.ts';
import { injectedElements } from './probes.ts';
import { packed, sessionOf } from './seed.ts';
import { watchedContext } from './visiting.ts';
import { BREAKOUT_PAYLOADS, TEMPLATE_PAYLOADS } from './xss-payloads.ts';

// A form refused with a 400 shows back what was typed. The rest of the XSS corpus is in xss.spec.ts.

// No trace: a failure lists every path and what was injected there, and recording hundreds of page
// visits made this suite much slower (bench/README.md, "Other timings").
test.use({ trace: 'off' });

let session: Awaited<ReturnType<typeof sessionOf>>;

test.beforeAll(async ({ server }) => {
  const api = new HttpClient(server.url);
  await api.signUp(uniqueName('refused_author'), PASSWORD);
  session = sessionOf(api, server.url);
});

/**
 * The payloads aimed at attribute values, text areas and the template engine, packed as the
 * edit forms' groups are: a refused form shows them back in a value attribute or a text area.
 */
const FORM_GROUPS = packed([...BREAKOUT_PAYLOADS, ...TEMPLATE_PAYLOADS], MAX_TITLE_LENGTH, ' ');

const FORMS = [
  { name: 'sign-up refused, with the page script', loggedIn: false, javaScript: true },
  { name: 'discussion refused, server page without script', loggedIn: true, javaScript: false },
  // Refused drafts stay in the outbox and are all shown again on every later visit.
  { name: 'discussion refused, outbox draft with the page script', loggedIn: true, javaScript: true },
];

test('no payload runs when a refused form shows back what was typed', async ({ browser, baseURL }) => {
  test.setTimeout(300_000);
  for (const form of FORMS) {
    const visitor = {
      baseURL,
      storageState: form.loggedIn ? session : undefined,
      javaScript: form.javaScript,
    };
    const { context, findings } = await watchedContext(browser, visitor);
    const page = await context.newPage();
    for (const group of FORM_GROUPS) {
      if (form.loggedIn) await refusedDiscussion(page, group.join(' '), group.join('\n\n'));
      else await refusedSignUp(page, group.join(' '));
      // Without a script the server's 400 page shows the message; with it, the outbox shows it in place.
      await expect(page.getByText(/ must be | may use | cannot be /).first()).toBeVisible();
      findings.problems.push(...(await injectedElements(page)).map((p) => `${form.name}: ${p}`));
    }
    await context.close();
    expect(findings.problems).toEqual([]);
  }
});

/**
 * A bad link is refused with a 400 that keeps the title and text as typed: the server's page without
 * a script, or the outbox's refused draft (written into the page by script) with one.
 */
async function refusedDiscussion(page: Page, title: string, text: string) {
  await page.goto('/submit');
  await page.locator('#title').fill(title);
  await page.locator('#url').evaluate((input) => input.setAttribute('type', 'text'));
  await page.locator('#url').fill('not a link');
  await page.locator('#text').fill(text);
  await page.getByRole('button', { name: 'Post discussion' }).click();
}

/** The sign-up form comes back with the refused username in its value attribute. */
async function refusedSignUp(page: Page, payload: string) {
  await page.goto('/signup');
  const username = page.getByLabel('Username');
  await username.evaluate((input) => {
    input.removeAttribute('pattern');
    input.removeAttribute('maxlength');
  });
  await username.fill(payload);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Create account' }).click();
}
