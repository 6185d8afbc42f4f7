import type { TestContext } from 'node:test';
import { build, logInAs } from './app.ts';

/** A fresh app with asha and bilal logged in, each in their own client: the usual cast of a route test. */
export async function ashaAndBilal(t: TestContext) {
  const { app } = await build(t);
  const asha = await logInAs(app, 'asha');
  const bilal = await logInAs(app, 'bilal');
  return { app, asha, bilal };
}

/** As ashaAndBilal, plus a discussion by asha (`title`, body "text") holding one comment of hers. */
export async function discussionWithComment(t: TestContext, title: string, comment: string) {
  const { app, asha, bilal } = await ashaAndBilal(t);
  const discussionId = await asha.startDiscussion(title, 'text');
  const commentId = await asha.comment(discussionId, comment);
  return { app, asha, bilal, discussionId, commentId };
}

/** A fresh app with asha logged in. */
export async function ashaAlone(t: TestContext) {
  const { app } = await build(t);
  const asha = await logInAs(app, 'asha');
  return { app, asha };
}
