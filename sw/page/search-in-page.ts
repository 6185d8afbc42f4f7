/**
 * Searching without leaving the page. With the Navigation API, a navigation to /search (the
 * header's box, the Previous and More links of results, Back and Forward between them) fetches
 * the results page and shows its content in place of this page's, under the same URL. Offline,
 * the worker answers that fetch from the discussions saved here, as it answers a navigation
 * (sw/worker/search-request.ts). What this skips is the browser's work on a new document: tearing
 * this one down, committing the next, its head, stylesheet and script, which was most of an
 * offline search's time (bench/README.md, Search offline). Without the API, without JavaScript,
 * or for an address typed in, /search is an ordinary navigation to the same page.
 */

const SEARCH_PATH = '/search';
/** Results pages kept for Back and Forward; an older one is fetched again when gone back to. */
const KEPT_SEARCHES = 20;

/** What a history entry shows between the header and the footer, with the title and the box's text. */
interface Content {
  /** The page's <main>, after the offline banner when the page is a saved copy. */
  nodes: Element[];
  title: string;
  /** What the box said when the page came: not what is typed in it since. */
  query: string;
  /** "Log in" comes back to the page it was clicked on. */
  loginHref: string | null;
}

const searchBox = () => document.querySelector<HTMLInputElement>('#site-search-q');
const loginLink = () => document.querySelector<HTMLAnchorElement>('.account a[href^="/login?"]');
/** Entries that differ only in their fragment (#c12) show the same content. */
const pageKey = (url: string) => url.split('#', 1)[0] ?? url;
const isSearch = (url: URL) => url.origin === location.origin && url.pathname === SEARCH_PATH;

function contentNow(): Content | null {
  const main = document.querySelector('main');
  if (!main) return null;
  const banner = main.previousElementSibling;
  return {
    nodes: banner?.classList.contains('offline-banner') ? [banner, main] : [main],
    title: document.title,
    query: searchBox()?.defaultValue ?? '',
    loginHref: loginLink()?.getAttribute('href') ?? null,
  };
}

function show(next: Content, current: Content): void {
  // Going back while results were still coming shows what is on screen already.
  if (next.nodes.at(-1) !== current.nodes.at(-1)) {
    current.nodes[0]?.before(...next.nodes);
    for (const node of current.nodes) node.remove();
  }
  document.title = next.title;
  const box = searchBox();
  if (box) {
    box.defaultValue = next.query;
    box.value = next.query;
  }
  if (next.loginHref !== null) loginLink()?.setAttribute('href', next.loginHref);
}

/** The results page at `url`, as the server (or, offline, the worker) renders it. */
async function fetchContent(url: URL, signal: AbortSignal): Promise<Content> {
  const response = await fetch(url, { headers: { accept: 'text/html' }, signal });
  // A redirect went somewhere else than search: that is a page of its own, for a navigation.
  const isPage = response.headers.get('content-type')?.startsWith('text/html') && !response.redirected;
  const page = isPage ? new DOMParser().parseFromString(await response.text(), 'text/html') : null;
  const main = page?.querySelector('main');
  if (!page || !main) throw new Error(`${url.pathname} did not answer with a page`);
  return {
    nodes: [document.adoptNode(main)],
    title: page.title,
    query: url.searchParams.get('q') ?? '',
    loginHref: page.querySelector('.account a[href^="/login?"]')?.getAttribute('href') ?? null,
  };
}

/** Where a person who asked for results is taken: their heading, as a new page would be read from its start. */
function focusHeading(content: Content): void {
  const heading = content.nodes.at(-1)?.querySelector<HTMLElement>('h1');
  if (!heading) return;
  heading.tabIndex = -1;
  heading.focus({ preventScroll: true });
}

export function searchInPage(): void {
  if (!('navigation' in globalThis)) return;
  /** Content by page key: the page this document was loaded with, and the results shown since. */
  const kept = new Map<string, Content>();
  /**
   * Whose content is on screen. Not always the address's: that changes as a search starts, and
   * the content only when its results come (or never, when another search takes over).
   */
  let shownKey = pageKey(location.href);

  function keep(key: string, content: Content): void {
    kept.delete(key);
    kept.set(key, content);
    const searches = [...kept.keys()].filter((each) => isSearch(new URL(each)));
    for (const old of searches.slice(0, Math.max(0, searches.length - KEPT_SEARCHES))) kept.delete(old);
  }

  function showFor(key: string, next: Content, current: Content): void {
    show(next, current);
    shownKey = key;
    keep(key, next);
  }

  navigation.addEventListener('navigate', (event) => {
    const url = new URL(event.destination.url);
    if (!event.canIntercept || event.hashChange || event.downloadRequest !== null || event.formData) return;
    if (event.navigationType === 'reload') return;
    const key = pageKey(url.href);
    const back = event.navigationType === 'traverse' ? kept.get(key) : undefined;
    if (!back && !isSearch(url)) return;
    const leaving = contentNow();
    if (!leaving) return;
    keep(shownKey, leaving);
    if (back) {
      event.intercept({ handler: async () => showFor(key, back, contentNow() ?? leaving) });
      return;
    }
    event.intercept({
      focusReset: 'manual',
      async handler() {
        const main = leaving.nodes.at(-1);
        main?.setAttribute('aria-busy', 'true');
        try {
          const found = await fetchContent(url, event.signal);
          showFor(key, found, contentNow() ?? leaving);
          focusHeading(found);
        } catch (error) {
          // A newer navigation took over; otherwise the URL is the search's already: load it as a
          // page, which is what happens without JavaScript.
          if (!event.signal.aborted) location.reload();
          else throw error;
        } finally {
          main?.removeAttribute('aria-busy');
        }
      },
    });
  });
}
