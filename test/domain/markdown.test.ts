import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSafeLinkUrl, renderMarkdown } from '../../app/domain/markdown.ts';

test('raw HTML is shown as text, never rendered', () => {
  assert.equal(renderMarkdown('<script>alert(1)</script>'), '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n');
  const image = renderMarkdown('<img src=x onerror=alert(1)>');
  assert.doesNotMatch(image, /<img/);
  assert.match(image, /&lt;img src=x onerror=alert\(1\)&gt;/);
  assert.doesNotMatch(renderMarkdown('<a href="https://x.example" onclick="x()">x</a>'), /onclick="/);
});

test('links with javascript:, data:, vbscript: or file: URLs are dropped, whatever their spelling', () => {
  for (const url of [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'java&#x73;cript:alert(1)',
    '%6Aavascript:alert(1)',
    'data:text/html;base64,PHNjcmlwdD4=',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    '//evil.example/',
  ]) {
    const html = renderMarkdown(`[click me](${url})`);
    assert.doesNotMatch(html, /<a /, url);
    assert.doesNotMatch(renderMarkdown(`<${url}>`), /href=/, `autolink ${url}`);
  }
  assert.doesNotMatch(renderMarkdown('javascript:alert(1)'), /<a /, 'not linkified either');
});

test('safe links keep their target and get rel="nofollow ugc noopener"', () => {
  assert.equal(
    renderMarkdown('[docs](https://example.com/a?b=1)'),
    '<p><a href="https://example.com/a?b=1" rel="nofollow ugc noopener">docs</a></p>\n',
  );
  assert.match(
    renderMarkdown('see https://example.org/x'),
    /<a href="https:\/\/example.org\/x" rel="nofollow ugc noopener">/,
  );
  assert.match(renderMarkdown('[thread](/discuss/1)'), /<a href="\/discuss\/1" rel="nofollow ugc noopener">/);
  assert.match(
    renderMarkdown('<mailto:me@example.com>'),
    /href="mailto:me@example.com" rel="nofollow ugc noopener"/,
  );
});

test('a title cannot break out of its attribute', () => {
  const html = renderMarkdown('[a](https://e.example "t\\" onmouseover=\\"x")');
  assert.match(html, /title="t&quot; onmouseover=&quot;x"/);
  assert.doesNotMatch(html, / onmouseover="/);
});

test('fenced code blocks keep their language and escape their content, and a keyboard can scroll them', () => {
  assert.equal(
    renderMarkdown('```ts\nconst tag = "<b>" && 1;\n```'),
    '<pre tabindex="0"><code class="language-ts">const tag = &quot;&lt;b&gt;&quot; &amp;&amp; 1;\n</code></pre>\n',
  );
  assert.equal(renderMarkdown('    indented code'), '<pre tabindex="0"><code>indented code\n</code></pre>\n');
  assert.match(renderMarkdown('inline `<i>` code'), /<code>&lt;i&gt;<\/code>/);
});

test('images are not embedded, so a comment cannot track its readers', () => {
  assert.doesNotMatch(renderMarkdown('![pixel](https://tracker.example/p.png)'), /<img/);
});

test('an image is a link named by its alt text, with no stray "!"', () => {
  assert.equal(
    renderMarkdown('See ![the cat](https://example.com/cat.png).'),
    '<p>See <a href="https://example.com/cat.png" rel="nofollow ugc noopener" class="image-link">Image: the cat</a>.</p>\n',
  );
  assert.match(renderMarkdown('![](https://example.com/x.png)'), />Image<\/a>/);
  // Alt text is text, and an unsafe address stays literal text like an unsafe link.
  assert.match(renderMarkdown('![<b>x</b>](https://example.com/x.png)'), /Image: &lt;b&gt;x&lt;\/b&gt;/);
  assert.doesNotMatch(renderMarkdown('![x](javascript:alert(1))'), /<a /);
  // Inside a link, the image's words join that link rather than nesting a second one.
  assert.equal(
    renderMarkdown('[![badge](https://example.com/b.svg)](https://example.com/)'),
    '<p><a href="https://example.com/" rel="nofollow ugc noopener">Image: badge</a></p>\n',
  );
});

test("headings start below the page's own h1, one level per #", () => {
  assert.equal(renderMarkdown('# One\n## Two\n### Three'), '<h2>One</h2>\n<h3>Two</h3>\n<h4>Three</h4>\n');
  assert.match(renderMarkdown('##### Five\n###### Six'), /^<h6>Five<\/h6>\n<h6>Six<\/h6>/);
});

test('ordinary Markdown renders: emphasis, lists, quotes', () => {
  assert.equal(renderMarkdown('**bold** and _it_'), '<p><strong>bold</strong> and <em>it</em></p>\n');
  assert.match(renderMarkdown('- one\n- two'), /<ul>\n<li>one<\/li>\n<li>two<\/li>\n<\/ul>/);
  assert.match(renderMarkdown('> quoted'), /<blockquote>/);
});

test('a discussion link must be a full http(s) address', () => {
  assert.ok(isSafeLinkUrl('https://example.com/a'));
  assert.ok(isSafeLinkUrl('http://example.com'));
  for (const url of [
    'javascript:alert(1)',
    'data:text/html,x',
    'vbscript:x',
    'ftp://example.com',
    '/relative',
    'example.com',
    '',
  ])
    assert.equal(isSafeLinkUrl(url), false, url);
});
