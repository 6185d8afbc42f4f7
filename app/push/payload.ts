import { excerptOf } from '../domain/inbox.ts';

/** What the worker shows (sw/worker/push.ts): all of it readable on the site by the recipient. */
export interface PushPayload {
  title: string;
  body: string;
  /** Same-origin path to the comment, on the page of the discussion that shows it. */
  url: string;
  /** One per discussion: the device shows one notification per discussion, however often it is told. */
  tag: string;
  /** The discussion's title, for the worker's "3 new replies in …" when it coalesces. */
  discussion: string;
  /** The first comment the push tells of. */
  commentId: number;
  /** How many comments of the discussion it tells of (db/repositories/push-deliveries.ts). */
  count: number;
}

/** Push services accept 4 KB of ciphertext; the encryption adds some, and a title may be long. */
export const MAX_PAYLOAD_BYTES = 3000;
const MAX_TITLE_CHARS = 120;

const clip = (text: string, length: number) => {
  const characters = [...text];
  return characters.length <= length ? text : `${characters.slice(0, length - 1).join('')}…`;
};

export function pushPayload(source: {
  commentId: number;
  comments: number;
  discussionId: number;
  discussionTitle: string;
  actor: string;
  bodyMd: string;
  url: string;
}): string {
  const discussion = clip(source.discussionTitle, MAX_TITLE_CHARS);
  const payload: PushPayload = {
    title:
      source.comments > 1
        ? `${source.comments} new replies in ${discussion}`
        : `${source.actor} in ${discussion}`,
    body: excerptOf(source.bodyMd),
    url: source.url,
    tag: `discussion-${source.discussionId}`,
    discussion,
    commentId: source.commentId,
    count: source.comments,
  };
  const json = JSON.stringify(payload);
  // The title and excerpt are clipped by characters; this bounds bytes whatever the script.
  return Buffer.byteLength(json) <= MAX_PAYLOAD_BYTES ? json : JSON.stringify({ ...payload, body: '' });
}
