import { MIN_TITLE_LENGTH } from './limits.ts';
import { isSafeLinkUrl } from './markdown.ts';
import { visibleLength } from './visible-text.ts';

/** Field names as a person reads them in an error message. */
const FIELD_LABELS: Record<string, string> = {
  title: 'Title',
  url: 'Link',
  text: 'Text',
  body: 'Comment',
  username: 'Username',
  password: 'Password',
  direction: 'Vote',
  parentId: 'Reply target',
  page: 'Page number',
};

interface AjvIssue {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** Turns the first schema violation into one sentence a person can act on. */
export function describeValidation(issues: readonly AjvIssue[] | undefined): string {
  const issue = issues?.[0];
  if (!issue) return 'The form is not valid.';
  const field = String(issue.params.missingProperty ?? issue.instancePath.split('/').pop() ?? '');
  const label = FIELD_LABELS[field] ?? (field || 'The form');
  switch (issue.keyword) {
    case 'required':
      return `${label} is required.`;
    case 'minLength':
      return issue.params.limit === 1
        ? `${label} cannot be empty.`
        : `${label} must be at least ${issue.params.limit} characters.`;
    case 'maxLength':
      return `${label} must be at most ${issue.params.limit} characters.`;
    case 'pattern':
      return field === 'username'
        ? 'Username may use letters, digits, "_" and "-" only.'
        : `${label} has characters that are not allowed.`;
    case 'type':
      return `${label} must be a single ${String(issue.params.type)}.`;
    default:
      return `${label} is not valid.`;
  }
}

export interface DiscussionInput {
  title: string;
  url: string;
  text: string;
}

/** The rules no schema can express; returns the message to show, or null when the discussion is acceptable. */
export function checkDiscussion(input: DiscussionInput): string | null {
  const titleLength = visibleLength(input.title);
  if (titleLength === 0) return 'Title cannot be empty.';
  if (titleLength < MIN_TITLE_LENGTH)
    return `Title must have at least ${MIN_TITLE_LENGTH} visible characters.`;
  if (input.url.trim() === '' && input.text.trim() === '') return 'Add a link, some text, or both.';
  if (input.url.trim() !== '' && !isSafeLinkUrl(input.url.trim()))
    return 'Link must be a full http:// or https:// address.';
  return null;
}
