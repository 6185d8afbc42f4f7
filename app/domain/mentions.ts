import { MAX_USERNAME_LENGTH, MIN_USERNAME_LENGTH } from './limits.ts';

/**
 * Past this many names a comment is a roll call, not a conversation: the names after it notify
 * nobody, so one comment cannot page the whole forum.
 */
export const MAX_MENTIONS = 10;

/**
 * Code shows text as written: an `@name` inside it is quoted, not addressed to anyone. Found by
 * patterns rather than by parsing the Markdown, since this runs inside the comment's write
 * transaction. An indented block must follow a blank line, as an indented line cannot
 * interrupt a paragraph.
 */
const FENCED_CODE =
  /^ {0,3}(`{3,}|~{3,})[^\n]*(?:\n[\s\S]*?)?(?:\n {0,3}\1[`~]*[ \t]*(?=\n|(?![\s\S]))|(?![\s\S]))/gm;
const INDENTED_CODE = /(^|\n[ \t]*\n)(?:(?: {4}|\t)[^\n]*(?:\n|$))+/g;
const CODE_SPAN = /(`+)[\s\S]*?\1/g;

/**
 * `@` and a name as sign-up allows it (app/routes/auth.ts). Not after a letter, digit, `.`, `/`
 * or another `@` (an e-mail address, a URL's path), and not followed by more name characters (a
 * word too long to be a name is not a shorter name).
 */
const MENTION = new RegExp(
  `(?<![\\w@./\\\\-])@([A-Za-z0-9_-]{${MIN_USERNAME_LENGTH},${MAX_USERNAME_LENGTH}})(?![\\w-])`,
  'g',
);

/**
 * The usernames a comment's Markdown addresses with `@name`, in the order first written, each
 * once (names compare without case, as usernames do), at most MAX_MENTIONS. Whether the names
 * exist is for the database to say.
 */
export function mentionedUsernames(markdown: string): string[] {
  const prose = markdown.replace(FENCED_CODE, '').replace(INDENTED_CODE, '$1').replace(CODE_SPAN, '');
  const seen = new Map<string, string>();
  for (const match of prose.matchAll(MENTION)) {
    const name = match[1] as string;
    const key = name.toLowerCase();
    if (!seen.has(key)) seen.set(key, name);
    if (seen.size === MAX_MENTIONS) break;
  }
  return [...seen.values()];
}
