import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { App } from '../../app/app.ts';
import { THREADS_PER_PAGE } from '../../app/domain/comment-pages.ts';
import { build, Client, createUser } from '../helpers/app.ts';

/**
 * Search results and a profile link a comment to where it is read: in a discussion of more
 * threads than one page holds, a later comment is on ?page=N, not on the first page.
 */

async function hugeDiscussion(app: App) {
  const authorId = await createUser(app, 'prolific');
  const discussionId = app.repositories.discussions.create(
    { authorId, title: 'A discussion of many threads', url: null, bodyMd: '', bodyHtml: '' },
    Date.now(),
  );
  const comment = (bodyMd: string) =>
    app.repositories.comments.create(
      { discussionId, parentId: null, authorId, depth: 0, bodyMd, bodyHtml: `<p>${bodyMd}</p>` },
      Date.now(),
    );
  const early = comment('an early aardvark');
  for (let i = 1; i < THREADS_PER_PAGE; i++) comment(`filler ${i}`);
  const late = comment('a late zebra');
  return { discussionId, early, late };
}

/** The page a link leads to shows the comment it names. */
async function assertShows(app: App, url: string) {
  const [path = '', anchor = ''] = url.split('#');
  const page = await new Client(app).get(path);
  assert.equal(page.statusCode, 200, url);
  assert.match(page.body, new RegExp(`id="${anchor}"`), `${url} shows the comment`);
}

test('a search result and a profile link a comment on a later page to that page', async (t) => {
  const { app } = await build(t);
  const { discussionId, early, late } = await hugeDiscussion(app);
  const client = new Client(app);
  const resultUrl = async (word: string) =>
    (await client.get(`/search?q=${word}`)).body.match(/<a class="search-result-title" href="([^"]+)">/)?.[1];

  assert.equal(await resultUrl('zebra'), `/discuss/${discussionId}?page=2#c${late}`);
  assert.equal(await resultUrl('aardvark'), `/discuss/${discussionId}#c${early}`);
  await assertShows(app, `/discuss/${discussionId}?page=2#c${late}`);
  await assertShows(app, `/discuss/${discussionId}#c${early}`);

  const profile = (await client.get('/u/prolific')).body;
  assert.ok(
    profile.includes(`href="/discuss/${discussionId}?page=2#c${late}"`),
    'the late comment on the profile',
  );
  // The profile lists the newest comments: the one written before the late one is on the first page.
  assert.ok(
    profile.includes(`href="/discuss/${discussionId}#c${late - 1}"`),
    'a first-page comment on the profile',
  );
});
