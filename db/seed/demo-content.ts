/** The demo forum's words: discussions written by hand, and the pieces comments are made of. */
import { pick, type Rng } from './random.ts';

export interface DemoPostSpec {
  title: string;
  url?: string;
  body?: string;
  /** A fixed number of comments for the big threads; the others get 0–20. */
  comments?: number;
}

const md = (...lines: string[]): string => lines.join('\n');

export const DEMO_POSTS: readonly DemoPostSpec[] = [
  {
    title: 'Service workers: network-first or stale-while-revalidate for HTML pages?',
    comments: 164,
    body: md(
      'For static assets the answer is easy: hash the file name and serve it cache-first forever.',
      'For HTML I keep going back and forth.',
      '',
      '- **Network-first** shows fresh pages, but on a slow connection you stare at a blank screen.',
      '- **Stale-while-revalidate** is instant, but people read yesterday’s page and reply to comments that were deleted.',
      '- **Network-first with a timeout** seems like the compromise, if you pick the timeout well.',
      '',
      'What do you use for pages that change every few minutes, like a discussion thread?',
    ),
  },
  {
    title: 'SQLite is enough for most web apps',
    url: 'https://example.com/blog/sqlite-is-enough',
    comments: 137,
  },
  {
    title: 'Ask Charcha: how do you resolve conflicts when offline edits sync later?',
    comments: 118,
    body: md(
      'Say someone edits a comment on the train, and meanwhile the comment was deleted on the server.',
      'When the phone comes back online, what should happen?',
      '',
      '1. Last write wins, and the deleted comment comes back.',
      '2. Server wins, and the edit is silently dropped.',
      '3. Keep both and ask the user.',
      '',
      'Option 3 sounds right but nobody enjoys a merge dialog on a phone. How do your apps handle it?',
    ),
  },
  {
    title: 'Why threaded comments should stop nesting at some depth',
    comments: 104,
    body: md(
      'Deep threads look fine on a wide monitor and fall apart on a phone: by level ten each reply is',
      'a column of three words. Most forums cap the depth somewhere between 5 and 10 and attach deeper',
      'replies to the last allowed level.',
      '',
      'Is there a better answer than a hard cap? Collapsing, "continue this thread" links, flat mode?',
    ),
  },
  {
    title: 'Welcome to Charcha — introduce yourself',
    body: md(
      'Charcha is a small forum that keeps working when your connection does not.',
      'Read a few threads, switch your browser to offline, and keep reading.',
      '',
      'Tell us what you work on and what brought you here.',
    ),
  },
  {
    title: 'The cost of a cache that never expires',
    url: 'https://example.org/notes/cache-that-never-expires',
  },
  {
    title: 'Background Sync is still Chromium-only. What do you use instead?',
    body: md(
      'I wanted to queue form posts while offline and send them when the connection returns.',
      'The Background Sync API does exactly that, but only in Chromium.',
      '',
      'My fallback is to retry from the page on the `online` event and on every page load.',
      'Is there anything smarter that works in every browser?',
    ),
  },
  {
    title: 'WAL mode explained in five minutes',
    url: 'https://example.com/sqlite/wal-in-five-minutes',
  },
  {
    title: 'Lie-fi: when the network says yes but means no',
    body: md(
      'The worst connection is not "offline". It is the café Wi-Fi that accepts the TCP handshake and',
      'then sends one packet every twenty seconds. `navigator.onLine` happily reports `true`.',
      '',
      'A network-first strategy without a timeout turns lie-fi into a spinner. With a timeout of about',
      'three seconds you fall back to the saved copy and the reader does not even notice.',
    ),
  },
  {
    title: 'A checklist for testing a site with DevTools offline mode',
    body: md(
      'What I check before calling a site "offline-ready":',
      '',
      '- [ ] Load a few pages, tick **Offline** in the Network panel, reload each one',
      '- [ ] Open a page you never visited: do you get a helpful offline page?',
      '- [ ] Submit a form while offline: is the text kept somewhere?',
      '- [ ] Log out: are your private pages gone from the cache?',
      '- [ ] Deploy a new version: do saved pages survive the update?',
      '',
      'What else belongs on this list?',
    ),
  },
  {
    title: 'Storing drafts in IndexedDB without leaking them after logout',
  },
  {
    title: 'Cache Storage quotas across browsers, measured',
    url: 'https://example.org/measurements/cache-storage-quotas',
    body: 'Short version: you get more space than you think, until the disk is nearly full and then you get evicted without warning.',
  },
  {
    title: 'How we cut our front page query from 40 ms to 2 ms',
    body: md(
      'The front page ranked every post on every request. The fix was boring: an index that matches',
      'the query, and ranking only the newest few hundred candidates.',
      '',
      '```sql',
      'CREATE INDEX posts_by_created ON posts(created_at DESC) WHERE deleted_at IS NULL;',
      '',
      'SELECT id, title, score, comment_count, created_at',
      'FROM posts',
      'WHERE deleted_at IS NULL',
      'ORDER BY created_at DESC',
      'LIMIT 500;',
      '```',
      '',
      'The ranking formula then runs in JavaScript over 500 rows, which takes well under a millisecond.',
      'Run `EXPLAIN QUERY PLAN` before and after; the difference is a full table scan.',
    ),
  },
  {
    title: 'Progressive enhancement is not a fallback, it is the foundation',
    url: 'https://example.com/essays/progressive-enhancement-foundation',
  },
  {
    title: 'What happened to AppCache, and what it taught us',
    url: 'https://example.org/history/appcache',
    body: 'AppCache was declarative, which sounded great until you needed to do anything it did not anticipate. Service workers went the other way: a programmable proxy, with all the rope that implies.',
  },
  {
    title: 'Ranking discussions: gravity, decay and the classic formula',
    body: md(
      'The formula most link aggregators started from:',
      '',
      '```js',
      'function rank(points, ageHours, gravity = 1.8) {',
      '  return (points - 1) / Math.pow(ageHours + 2, gravity);',
      '}',
      '```',
      '',
      'Raise the gravity and the front page turns over faster. Lower it and old favourites stick around.',
      'Has anyone tried weighting comments as well as votes?',
    ),
  },
  {
    title: 'Offline-first is a data problem, not a caching problem',
  },
  {
    title: 'Soft deletes in threaded comments: keep the row, drop the text',
    body: md(
      'If you hard-delete a comment, every reply to it loses its parent. We keep the row, erase the',
      'text, and show *[deleted]* in its place. The replies stay where they were.',
    ),
  },
  {
    title: 'Is Markdown the right format for forum comments?',
  },
  {
    title: 'Tip: navigation preload makes network-first nearly free',
    url: 'https://example.com/tips/navigation-preload',
    body: md(
      'Without navigation preload the browser waits for the service worker to boot before it starts',
      'the request. With it, the request starts in parallel:',
      '',
      '```js',
      "self.addEventListener('activate', (event) => {",
      '  event.waitUntil(self.registration.navigationPreload?.enable());',
      '});',
      '```',
      '',
      'Then use `event.preloadResponse` in your fetch handler.',
    ),
  },
  {
    title: 'Prepared statements in better-sqlite3 are fast. Here are my numbers',
    body: md(
      'Inserting a million rows on a small two-core VM:',
      '',
      '| approach | time |',
      '| --- | --- |',
      '| one statement per insert, autocommit | 94 s |',
      '| prepared statement, one transaction per 10k rows | 6 s |',
      '',
      'The transaction is what matters. Preparing once is a nice bonus.',
    ),
  },
  {
    title: 'Show Charcha: a tiny outbox for forms submitted offline',
    body: md(
      'When a post fails because you are offline, the page keeps your text in an outbox and sends it',
      'when the connection comes back. No text is ever lost, and every form still works without',
      'JavaScript.',
      '',
      'Feedback welcome, especially on the wording of the "queued" message.',
    ),
  },
  {
    title: 'Designing an "offline, saved copy" banner that people actually notice',
  },
  {
    title: 'Reading list: local-first software',
    url: 'https://example.com/reading/local-first-software',
  },
  {
    title: 'How do you version a service worker without a build step?',
    body: 'The browser only updates the worker when its bytes change. If the worker itself did not change but the assets did, nothing happens. Do you embed a hash, a date, or something else?',
  },
  {
    title: 'Backups for SQLite: .backup, VACUUM INTO, or streaming replication?',
    body: md(
      'Options I know about:',
      '',
      '1. `sqlite3 app.db ".backup backup.db"`, online and consistent',
      "2. `VACUUM INTO 'backup.db'`, also compacts the copy",
      '3. A tool that streams the WAL to object storage',
      '',
      'For a small forum, is a nightly `VACUUM INTO` plus an off-site copy enough?',
    ),
  },
  {
    title: 'Ask Charcha: what is your favourite small database schema?',
  },
  {
    title: 'Rate limiting a forum without annoying real people',
    url: 'https://example.org/articles/friendly-rate-limits',
  },
  {
    title: 'The forum software of the early 2000s got a lot right',
    body: 'Plain pages, fast on dial-up, readable without scripts, bookmarkable threads. We lost some of that on the way to single-page apps.',
  },
  {
    title: 'Testing service workers with Playwright',
    url: 'https://example.com/testing/service-workers-playwright',
  },
  {
    title: 'Why I stopped using an ORM for small projects',
  },
  {
    title: 'Moderation tools a small community actually needs',
    body: md(
      'In my experience, in order of importance:',
      '',
      '- a way to remove a comment and leave a note',
      '- rate limits on new accounts',
      '- a report button that reaches a human',
      '',
      'Everything else can wait until the community is big enough to need it.',
    ),
  },
  {
    title: 'Karma is a bad metric and we all use it anyway',
  },
  {
    title: 'Clearing user data on logout: cookies, caches and storage',
    body: md(
      'Deleting the session cookie is not enough if a service worker saved pages that show your',
      'name. Options: the `Clear-Site-Data` header, or tag cached pages with the user and delete them',
      'on logout. See [the spec](https://example.org/specs/clear-site-data) for the header.',
    ),
  },
  {
    title: 'Full-text search with SQLite FTS5: a gentle introduction',
    url: 'https://example.com/sqlite/fts5-introduction',
    body: 'Covers external content tables, triggers to keep the index in sync, and ranking with `bm25()`.',
  },
  {
    title: 'Server-rendered pages load faster on cheap phones',
    url: 'https://example.org/performance/server-rendering-cheap-phones',
  },
  {
    title: 'Ask Charcha: which browsers do you still test on?',
  },
  {
    title: 'A week without JavaScript: which sites still worked',
    url: 'https://example.com/experiments/a-week-without-javascript',
  },
  {
    title: 'Accessible forms: labels, errors, and keeping what the user typed',
    body: md(
      'Three rules that fix most form complaints:',
      '',
      '1. Every input has a visible `<label>`.',
      '2. Errors say what to do, next to the field.',
      '3. A failed submit keeps everything the user typed.',
    ),
  },
  {
    title: 'Timestamps: store milliseconds, render relative times',
  },
];

const TOP_OPENERS = [
  '',
  '',
  '',
  'Great write-up.',
  'Interesting.',
  'I have been down this road.',
  'Counterpoint:',
  'Thanks for posting this.',
  'We did exactly this at work.',
  'Some context from our side.',
  'This matches my experience.',
];

const REPLY_OPENERS = [
  '',
  '',
  '',
  'Agreed.',
  'Not sure I agree.',
  'Good point.',
  'Fair enough.',
  'Same here.',
  'Hmm.',
  'Exactly this.',
  'I tried that.',
  'Small correction:',
  'Depends on the app, I think.',
  'Thanks, that helps.',
];

const SENTENCES = [
  'A timeout of about three seconds has worked well for us on slow mobile networks.',
  'The hard part is never the caching itself, it is deciding when a saved copy is too old to show.',
  'We ended up caching only pages the user actually visited, and that turned out to be plenty.',
  'SQLite in WAL mode handles far more concurrent readers than most people expect.',
  'Our whole app runs on a single SQLite file and the backups are a cron job.',
  'Once writes pile up you need to think about the single writer, but that is a good problem to have.',
  'The moment you cache HTML, you have to think about who the page was rendered for.',
  'Users do not care about the strategy, they care that the page shows up.',
  'Showing when a page was saved is the most underrated part of offline support.',
  'I would rather show a slightly stale thread than a dinosaur.',
  'Last write wins is fine for most forum content, honestly.',
  'Comments are append-only in practice, which makes sync much easier than documents.',
  'Edits are where it gets interesting, because someone may have replied in the meantime.',
  'We keep a revision number per thread and refuse edits based on an older one.',
  'A merge dialog on a phone is the last thing anyone wants to see.',
  'Deep nesting is a design smell; most good conversations are three or four levels deep.',
  'We cap at eight levels and nobody has complained yet.',
  'Collapsing old branches helped us more than limiting the depth.',
  'The important thing is that the reply still shows up somewhere sensible.',
  'Markdown is fine as long as the rendered HTML is sanitised on the server.',
  'Please keep images out of comments; they make every thread a tracking pixel.',
  'Service worker updates confused our users until we added a "new version, reload" prompt.',
  'Never cache the service worker script itself with a long max-age. Learned that the hard way.',
  'Navigation preload cut our median response by about a hundred milliseconds.',
  'Cache-first for hashed assets, network-first for pages. Everything else is a special case.',
  'Stale-while-revalidate is great for avatars and terrible for anything people reply to.',
  'The offline page should list what the reader can still open, not just apologise.',
  'Remember to bound the cache; phones with 16 GB of storage fill up fast.',
  'Evicting the least recently used pages first is simple and does the right thing.',
  'Background Sync would be perfect if it worked everywhere.',
  'Retrying from the page on the online event covers most of what Background Sync does.',
  'IndexedDB is clunky, but a small wrapper makes it bearable.',
  'Logging out should remove every cached page that shows the user’s name.',
  'Clear-Site-Data is nice but you cannot rely on it alone.',
  'Our CI runs the whole suite with the network cut, and it catches a regression every month or so.',
  'Playwright can toggle offline mode per context, which makes these tests straightforward.',
  'DevTools offline mode and a real dead network do not behave exactly the same.',
  'Lie-fi is the real enemy; true offline is easy by comparison.',
  'Prepared statements and one transaction per batch are all the tuning most apps need.',
  'An index that matches the ORDER BY is worth more than any cache.',
  'Denormalised counters are fine as long as they are updated in the same transaction.',
  'Karma mostly measures how long someone has been around.',
  'Server-rendered pages are still the fastest thing on a cheap phone.',
  'Every form on our site still works with JavaScript turned off, and that saved us during an outage.',
  'Progressive enhancement means the basic version is a real product, not a fallback.',
  'I would love to see the numbers for older Android devices.',
  'Has anyone measured this on a real 3G connection rather than a throttled one?',
  'The spec is surprisingly readable, worth an evening.',
  'We tried the same thing and rolled it back after a week.',
  'That sounds like a lot of complexity for a forum.',
  'The simple version got us ninety percent of the way there.',
  'I keep coming back to this thread whenever I design a new sync layer.',
  'This is why I like boring technology.',
  'Rate limits should be generous for reading and strict for writing.',
  'New accounts posting links is where most of our spam came from.',
  'Full-text search in SQLite is good enough that we never set up a separate search server.',
  'Backups you have never restored are not backups.',
  'VACUUM INTO is the easiest consistent backup I know of.',
  'Relative times are nice, but put the exact time in a tooltip or a time element.',
  'Store UTC milliseconds and let the page decide how to show them.',
  'Accessibility fixes tend to make the page better for everyone.',
  'Keeping what the user typed after an error is the single biggest usability win.',
  'Old forums had real URLs for everything, and I miss that.',
  'Honestly the best offline feature is a page that loads fast in the first place.',
];

const CLOSERS = [
  '',
  '',
  '',
  '',
  'YMMV.',
  'Curious what others think.',
  'Would love to hear if anyone has numbers.',
  'Happy to share more details if useful.',
  'Just my two cents.',
];

const MARKDOWN_EXTRAS = [
  'What we ended up with:\n\n- cache pages the user visited\n- bound the cache by count and age\n- show the saved time',
  'The relevant bit of our worker:\n\n```js\nconst response = await Promise.race([fetch(request), timeout(3000)]);\n```',
  'There is a good summary here: [offline cookbook notes](https://example.org/offline-cookbook).',
  '> Make the boring version work first.\n\nStill the best advice I have had.',
  'Try `PRAGMA journal_mode = WAL;` before anything else.',
  'Our numbers, roughly:\n\n1. cold load: 900 ms\n2. warm load: 250 ms\n3. offline load: 60 ms',
  'See [this write-up](https://example.com/notes/sync-conflicts) for a longer version of the argument.',
  'The query we use:\n\n```sql\nSELECT id, parent_id, depth FROM comments WHERE post_id = ? ORDER BY id;\n```',
];

function sentence(rng: Rng, openers: readonly string[]): string {
  const parts = [pick(rng, openers), pick(rng, SENTENCES)];
  if (rng() < 0.45) parts.push(pick(rng, SENTENCES));
  parts.push(pick(rng, CLOSERS));
  return parts.filter((part) => part !== '').join(' ');
}

export function demoCommentText(rng: Rng, isReply: boolean): string {
  let text = sentence(rng, isReply ? REPLY_OPENERS : TOP_OPENERS);
  if (rng() < 0.2) text += `\n\n${pick(rng, SENTENCES)}`;
  if (rng() < 0.12) text += `\n\n${pick(rng, MARKDOWN_EXTRAS)}`;
  return text;
}
