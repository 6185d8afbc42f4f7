import * as limits from '../../../app/domain/limits.ts';

/** The raw material of the fuzzers: values that are well-formed, hostile, or just past a limit. */

export const HOSTILE_STRINGS = [
  "' OR 1=1 --",
  '"; DROP TABLE users; --',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFF\uD800',
  '\u202Eevil',
  '\uFEFF',
  '𝕳𝖊𝖑𝖑𝖔 🧵',
  '<script>alert(1)</script>',
  '<%= it %>',
  '<%~ process.exit() %>',
  '{{7*7}}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-literal injection, typed literally
  '${process.exit()}',
  '../../etc/passwd',
  '%00',
  '%ZZ',
  '%E0%A4%A',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '__proto__',
  'constructor',
  '[object Object]',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e400',
  '-1',
  '0',
  '1.5',
  '0x10',
  ' 7 ',
  '9007199254740993',
  '99999999999999999999999999',
  '\r\n\r\nX-Injected: 1',
  '*'.repeat(3000),
  '['.repeat(3000),
  '> '.repeat(2000),
  '`'.repeat(3000),
  '_a '.repeat(2000),
];

export const GOOD_VALUES: Record<string, readonly string[]> = {
  title: ['A fair question about caching', 'Offline first, really?', 'x'.repeat(limits.MAX_TITLE_LENGTH)],
  url: ['https://example.com/article', 'http://example.org/a?b=c#d', ''],
  text: ['Some **markdown** and a [link](https://example.com).', '', 'x'.repeat(limits.MAX_TEXT_LENGTH)],
  body: ['A thoughtful reply.', '`code` and _emphasis_', 'y'.repeat(limits.MAX_COMMENT_LENGTH)],
  direction: ['up', 'down', 'none'],
  // Mostly existing accounts: a well-formed unknown name costs a full scrypt hash (the timing decoy).
  username: ['{myName}', '{theirName}', '{myName}', '{theirName}', 'fuzzer'],
  password: ['correct horse battery', 'wrong password here'],
  next: ['/', '/new', '//evil.example', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)'],
};

/** Just past each named limit, and exactly at it: the places validation most often gets wrong. */
export const LIMIT_LENGTHS = [
  limits.MAX_TITLE_LENGTH,
  limits.MAX_TITLE_LENGTH + 1,
  limits.MAX_URL_LENGTH + 1,
  limits.MAX_TEXT_LENGTH + 1,
  limits.MAX_USERNAME_LENGTH + 1,
  limits.MAX_PASSWORD_LENGTH + 1,
];

export const MALFORMED_BODIES = [
  '{',
  '{"title":',
  '[',
  '',
  '"',
  'null',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  `${'['.repeat(5000)}${']'.repeat(5000)}`,
  '=&&&==&=',
  'title=%E0%A4%A&text=%ZZ&url=%',
  'body=%C0%AF%C0%AF&parentId=%FF',
  'direction=up&direction=down&direction=none',
  'username=a&username=b&password=x&password=y',
  'title=a;text=b;url=c',
];

/** Bytes that are not UTF-8 at all: lone continuation bytes, overlongs, truncated sequences. */
export const INVALID_UTF8 = [
  [0xff, 0xfe, 0xfd],
  [0xc0, 0xaf],
  [0xe0, 0x80, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0x80, 0x80],
  [0xe2, 0x82],
];

export const ID_SEGMENTS = [
  '0',
  '-1',
  '1.5',
  '1e3',
  '1e400',
  'Infinity',
  '-Infinity',
  'NaN',
  'abc',
  '%ZZ',
  '%E0%A4%A',
  '%00',
  '9007199254740991',
  '9007199254740993',
  '99999999999999999999999',
  '0x1',
  '%20',
  '..',
  '%2e%2e%2f',
  '1%2F2',
  '1;drop',
  '1'.repeat(150),
];

export const QUERIES = [
  '',
  '?page=1',
  '?page=2',
  '?page=0',
  '?page=-1',
  '?page=1000',
  '?page=1001',
  '?page=1e400',
  '?page=Infinity',
  '?page=-Infinity',
  '?page=NaN',
  '?page=abc',
  '?page=1&page=2',
  '?page[]=1',
  '?page=%ZZ',
  '?page=99999999999999999999',
  '?next=//evil.example',
  '?next=%0d%0aSet-Cookie:x=1',
  '?_csrf=x',
  '?__proto__[x]=1',
  `?q=${'q'.repeat(5000)}`,
];

export const FORM_TYPES = [
  'application/x-www-form-urlencoded',
  'application/x-www-form-urlencoded; charset=utf-8',
  'Application/X-WWW-Form-Urlencoded; charset=latin1',
];

export const WRONG_TYPES = [
  undefined,
  'text/plain',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/octet-stream',
  'application/x-www-form-urlencoded; charset=utf-16',
  'application/json; charset=utf-16',
  ';;;',
  'application/',
];
export const JSON_TYPES = ['application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON'];
