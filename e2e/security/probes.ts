import type { BrowserContext, Page } from '@playwright/test';
import type { DomDocument, DomElement } from './dom-types.ts';

declare const document: DomDocument;
declare const window: { __cspViolations?: string[] };

/**
 * Installed before any page script runs: records every CSP violation the page reports.
 * (A violation means something tried to run or load that the policy forbids — an
 * injected inline script or handler is exactly that.)
 */
const RECORD_VIOLATIONS = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__cspViolations.push(event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline') + ' in ' + event.sourceFile);
  }, true);
`;

export interface Findings {
  problems: string[];
}

/** Watches every page of the context for dialogs, CSP reports in the console, and uncaught errors. */
export async function watch(context: BrowserContext, findings: Findings): Promise<void> {
  await context.addInitScript({ content: RECORD_VIOLATIONS });
  const attach = (page: Page) => {
    page.on('dialog', async (dialog) => {
      findings.problems.push(`${page.url()}: a ${dialog.type()} dialog opened: ${dialog.message()}`);
      await dialog.dismiss().catch(() => {});
    });
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to (execute|load|apply|frame)/i.test(message.text()))
        findings.problems.push(`${page.url()}: console: ${message.text().slice(0, 300)}`);
    });
    page.on('pageerror', (error) => findings.problems.push(`${page.url()}: page error: ${error.message}`));
  };
  context.pages().forEach(attach);
  context.on('page', attach);
}

/**
 * Looks through the rendered DOM for anything a payload could have injected: scripts
 * that are not our hashed bundle, inline event handlers, script URLs, frames, plugins,
 * SVG/MathML, style elements or attributes, <base> and refresh <meta>. Our own
 * templates produce none of these, so any hit is an injection.
 */
export async function injectedElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const snippet = (el: DomElement) => el.outerHTML.slice(0, 160);
    const scriptUrl = /^[\s\p{Cc}]*(javascript|vbscript|data)\s*:/iu;
    const urlAttributes = new Set([
      'href',
      'src',
      'action',
      'formaction',
      'data',
      'xlink:href',
      'background',
      'poster',
      'srcdoc',
      'codebase',
    ]);
    for (const script of Array.from(document.getElementsByTagName('script'))) {
      const src = script.getAttribute('src');
      if (!src || !/^\/assets\/app\.[0-9a-f]+\.js$/.test(src)) found.push(`script: ${snippet(script)}`);
    }
    for (const el of Array.from(document.getElementsByTagName('*'))) {
      for (const attribute of Array.from(el.attributes)) {
        const name = attribute.name.toLowerCase();
        if (name.startsWith('on')) found.push(`handler ${name}: ${snippet(el)}`);
        if (name === 'style') found.push(`style attribute: ${snippet(el)}`);
        if (
          urlAttributes.has(name) &&
          scriptUrl.test(attribute.value) &&
          !(el.tagName === 'IMG' && /^data:image\/(png|svg)/.test(attribute.value))
        )
          found.push(`script URL in ${name}: ${snippet(el)}`);
      }
    }
    const forbidden =
      'iframe, frame, frameset, object, embed, applet, portal, svg, math, style, base, link[rel="import"], meta[http-equiv], template, isindex, keygen';
    for (const el of Array.from(document.querySelectorAll(forbidden))) found.push(`element: ${snippet(el)}`);
    const violations = window.__cspViolations ?? [];
    for (const violation of violations) found.push(`CSP violation: ${violation}`);
    return found;
  });
}

/** Opens `path`, waits until it has settled, and returns what was injected (prefixed with the path). */
export async function visit(page: Page, path: string): Promise<string[]> {
  // Our one script is deferred, so it has run by DOMContentLoaded; an injected handler is found in the
  // DOM whether or not its event has fired yet, so waiting for images to fail would only cost time.
  const response = await page.goto(path, { waitUntil: 'domcontentloaded' });
  const status = response?.status() ?? 0;
  const problems = status >= 500 ? [`${path}: HTTP ${status}`] : [];
  await page.waitForTimeout(10);
  return [...problems, ...(await injectedElements(page)).map((p) => `${path}: ${p}`)];
}
