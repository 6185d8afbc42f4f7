/** The inbox's rules (GET /notifications): how it counts, groups and words notifications. */

/** Why someone was told of a comment, strongest first: each person hears of a comment once, for the first that applies. */
export const NOTIFICATION_REASONS = ['reply', 'mention', 'discussion', 'following'] as const;
export type NotificationReason = (typeof NOTIFICATION_REASONS)[number];

/** Past this the header says "99+": the exact number would not change what anyone does. */
export const MAX_UNREAD_SHOWN = 99;

/** A notification as the inbox lists it: of one comment, for one reason. */
export interface InboxItem {
  reason: NotificationReason;
  discussionId: number;
  discussionTitle: string;
  commentId: number;
  /** Who wrote the comment. */
  actor: string;
  /** The start of the comment's Markdown source, as plain text. */
  excerpt: string;
  createdAt: number;
  unread: boolean;
}

export interface InboxGroup {
  discussionId: number;
  discussionTitle: string;
  items: InboxItem[];
  unread: number;
}

/** "replied to your comment": what each reason says after the writer's name. */
export const REASON_WORDING: Record<NotificationReason, string> = {
  reply: 'replied to your comment',
  mention: 'mentioned you',
  discussion: 'commented on your discussion',
  following: 'commented',
};

/** The header's count: the number, or "99+" past MAX_UNREAD_SHOWN. */
export function unreadLabel(count: number): string {
  return count > MAX_UNREAD_SHOWN ? `${MAX_UNREAD_SHOWN}+` : String(count);
}

/**
 * One group per discussion, the discussion with the newest notification first, each group's
 * notifications newest first, as they came (newest first).
 */
export function groupByDiscussion(items: readonly InboxItem[]): InboxGroup[] {
  const groups = new Map<number, InboxGroup>();
  for (const item of items) {
    let group = groups.get(item.discussionId);
    if (group === undefined) {
      group = {
        discussionId: item.discussionId,
        discussionTitle: item.discussionTitle,
        items: [],
        unread: 0,
      };
      groups.set(item.discussionId, group);
    }
    group.items.push(item);
    if (item.unread) group.unread++;
  }
  return [...groups.values()];
}

/** "3 new replies in", or "2 replies in" once read: what a group's heading says before the title. */
export function groupHeading(group: Pick<InboxGroup, 'items' | 'unread'>): string {
  const count = group.unread > 0 ? group.unread : group.items.length;
  const noun = count === 1 ? 'reply' : 'replies';
  return group.unread > 0 ? `${count} new ${noun} in` : `${count} ${noun} in`;
}

/** Longest excerpt, in characters a reader sees: enough to recognise the comment, short enough for one line. */
export const EXCERPT_LENGTH = 140;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The comment's start as one line of plain text, cut between characters, at a word where it can be. */
export function excerptOf(markdown: string): string {
  const text = markdown.replace(/\s+/g, ' ').trim();
  const characters = Array.from(graphemes.segment(text), ({ segment }) => segment);
  if (characters.length <= EXCERPT_LENGTH) return text;
  const cut = characters.slice(0, EXCERPT_LENGTH).join('');
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > cut.length / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}
