/** The texts bulk discussions and comments are made of: few, so that a large database stays cheap to fill. */

export const BULK_TITLE_STARTS = [
  'Notes on',
  'Ask Charcha: tips for',
  'A short guide to',
  'What I learned about',
  'Benchmarking',
  'Rethinking',
  'The case against',
  'The case for',
  'Debugging',
  'Ten years of',
  'Show Charcha: a tool for',
  'Questions about',
];

export const BULK_TITLE_TOPICS = [
  'service worker caching',
  'offline forms',
  'SQLite in production',
  'WAL checkpoints',
  'threaded comments',
  'server-side rendering',
  'progressive enhancement',
  'cache invalidation',
  'IndexedDB migrations',
  'ranking algorithms',
  'rate limiting',
  'full-text search',
  'background sync',
  'accessible forms',
  'small forums',
  'lie-fi and timeouts',
];

export const BULK_POST_BODIES = [
  '',
  '',
  'I have been experimenting with this for a while. Curious how others approach it.',
  'Some notes from a weekend project:\n\n- keep it simple\n- measure first\n- write the test before the fix',
  'The core of it:\n\n```js\nconst cached = await caches.match(request);\nreturn cached ?? fetch(request);\n```\n\nAm I missing an edge case?',
  'Longer write-up on [my blog](https://example.com/blog/bulk-notes). Short version: it depends on your write load.',
];

export const BULK_COMMENT_BODIES = [
  'Agreed, this matches what we saw.',
  'Not sure about this one. Do you have numbers?',
  'We tried the same thing and it worked **much** better than expected.',
  'Small correction: `journal_mode` has to be set on every new database, not every connection.',
  'Depends on the app. For a forum, last write wins is fine.',
  'Thanks for sharing. Bookmarking this.',
  '> measure first\n\nThis is the whole lesson, really.',
  'Our approach:\n\n1. cache what was visited\n2. bound it\n3. show the saved time',
  'See [this thread](https://example.org/threads/related) for an older discussion of the same idea.',
  'The timeout is the important part. Three seconds is about right on mobile.',
  'I would love to see this tested on a real slow connection.',
  'Honestly the simplest version is usually good enough.',
];
