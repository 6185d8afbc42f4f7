import type { Page } from '@playwright/test';
import type { DomDocument } from './dom-types.ts';

declare class DOMParser {
  parseFromString(text: string, type: string): DomDocument;
}
declare function fetch(url: string): Promise<{ ok: boolean; status: number; text(): Promise<string> }>;

/**
 * Reads a feed the way a feed reader does: parses the XML, requires every element
 * to be an Atom element we write, then parses each `type="html"` content as HTML
 * (readers render it) and looks for anything that could run there.
 * Chromium itself shows Atom as plain text, so opening the URL alone proves little.
 */
export async function feedProblems(page: Page, path: string): Promise<string[]> {
  const problems = await page.evaluate(async (url) => {
    const found: string[] = [];
    const response = await fetch(url);
    if (!response.ok) return [`HTTP ${response.status}`];
    const xml = new DOMParser().parseFromString(await response.text(), 'application/xml');
    if (xml.getElementsByTagName('parsererror').length > 0) return ['the feed is not well-formed XML'];
    const atom = 'http://www.w3.org/2005/Atom';
    const known = new Set([
      'feed',
      'title',
      'subtitle',
      'id',
      'link',
      'updated',
      'entry',
      'author',
      'name',
      'summary',
      'content',
    ]);
    for (const el of Array.from(xml.getElementsByTagName('*'))) {
      if (el.namespaceURI !== atom || !known.has(el.localName)) found.push(`foreign element <${el.tagName}>`);
      for (const attribute of Array.from(el.attributes)) {
        if (/^on/i.test(attribute.name)) found.push(`handler on <${el.localName}>`);
        if (attribute.name === 'href' && !/^https?:\/\//.test(attribute.value))
          found.push(`link to ${attribute.value}`);
      }
    }
    const scriptUrl = /^[\s\p{Cc}]*(javascript|vbscript|data)\s*:/iu;
    for (const content of Array.from(xml.getElementsByTagNameNS(atom, 'content'))) {
      if (content.getAttribute('type') !== 'html') continue;
      const html = new DOMParser().parseFromString(content.textContent ?? '', 'text/html');
      for (const el of Array.from(html.body.getElementsByTagName('*'))) {
        if (/^(script|iframe|object|embed|svg|math|style|base|meta|link|form|img)$/i.test(el.localName))
          found.push(`content has <${el.localName}>`);
        for (const attribute of Array.from(el.attributes)) {
          if (/^on|^style$/i.test(attribute.name))
            found.push(`content has ${attribute.name}= on <${el.localName}>`);
          if (scriptUrl.test(attribute.value)) found.push(`content has a script URL on <${el.localName}>`);
        }
      }
    }
    return found;
  }, path);
  return problems.map((p) => `${path}: ${p}`);
}
