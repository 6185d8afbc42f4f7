import MarkdownIt from 'markdown-it';

/** Only these schemes may appear in a user's link; everything else (javascript:, data:, vbscript:, file:) is dropped. */
const SAFE_URL = /^(https?:|mailto:|\/(?!\/)|#)/i;
const USER_LINK_REL = 'nofollow ugc noopener';

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

// Remote images would let a comment track its readers, and the CSP forbids them anyway.
md.disable('image');

md.validateLink = (url: string): boolean => SAFE_URL.test(url.trim());

const renderToken = md.renderer.renderToken.bind(md.renderer);
md.renderer.rules.link_open = (tokens, index, options) => {
  const token = tokens[index];
  if (token) token.attrSet('rel', USER_LINK_REL);
  return renderToken(tokens, index, options);
};

/** Renders user Markdown to HTML that is safe to insert into a page unescaped. */
export function renderMarkdown(source: string): string {
  return md.render(source);
}

/** Whether a submitted link is one we are willing to show as a discussion's URL. */
export function isSafeLinkUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:';
  } catch {
    return false;
  }
}
