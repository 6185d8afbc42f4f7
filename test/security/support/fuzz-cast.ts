import type { App } from '../../../app/app.ts';
import { Client, createUser } from '../../helpers/app.ts';
import type { Ids } from './fuzz-payloads.ts';

export const FUZZ_PASSWORD = 'correct horse battery';

/**
 * Who the fuzzer plays and what it aims at: a member (whose rows are "mine"), another member
 * ("theirs"), a logged-out visitor, their discussions and comments, and deleted ones of each.
 */
export async function castForFuzzing(app: App): Promise<{ member: Client; visitor: Client; ids: Ids }> {
  // Accounts with the seeder's cheap hash: the member logs back in after every fuzzed logout.
  await createUser(app, 'member_fz', FUZZ_PASSWORD);
  await createUser(app, 'other_fz', FUZZ_PASSWORD);
  const member = new Client(app);
  const other = new Client(app);
  const visitor = new Client(app);
  await member.logIn('member_fz', FUZZ_PASSWORD);
  await other.logIn('other_fz', FUZZ_PASSWORD);
  const ids: Ids = {
    myPosts: [],
    theirPosts: [],
    deletedPosts: [],
    myComments: [],
    theirComments: [],
    deletedComments: [],
  };
  for (let i = 0; i < 4; i++) ids.myPosts.push(await member.startDiscussion(`Member thread ${i}`));
  for (let i = 0; i < 3; i++) ids.theirPosts.push(await other.startDiscussion(`Other thread ${i}`));
  for (const discussionId of [...ids.myPosts, ...ids.theirPosts]) {
    ids.myComments.push(await member.comment(discussionId, 'member comment'));
    ids.theirComments.push(await other.comment(discussionId, 'other comment'));
  }
  const doomedPost = await other.startDiscussion('Deleted thread');
  const doomedComment = await other.comment(doomedPost, 'deleted comment');
  await other.post(`/discuss/${doomedPost}/delete`, {});
  const doomedLive = await other.comment(ids.theirPosts[0] ?? 0, 'deleted comment in a live thread');
  await other.post(`/comments/${doomedLive}/delete`, {});
  ids.deletedPosts.push(doomedPost);
  ids.deletedComments.push(doomedComment, doomedLive);
  return { member, visitor, ids };
}
