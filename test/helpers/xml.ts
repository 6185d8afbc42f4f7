/**
 * A small XML well-formedness check (one root, balanced tags, quoted attributes, only the
 * predefined or numeric entities, no stray "<" or "&"), so feeds are proven parseable without
 * adding an XML parser dependency. Returns the root element's name.
 */
export function checkWellFormedXml(xml: string): string {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const token =
    /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/g;
  const stack: string[] = [];
  let root: string | undefined;
  let last = 0;
  const checkText = (text: string, where: number) => {
    if (text.includes('<')) throw new Error(`stray "<" near offset ${where}`);
    const bad = text.match(/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[\da-fA-F]+);)/);
    if (bad) throw new Error(`unescaped "&" near offset ${where}`);
  };
  for (let match = token.exec(body); match; match = token.exec(body)) {
    const text = body.slice(last, match.index);
    if (stack.length === 0 && text.trim() !== '') throw new Error(`text outside the root: ${text.trim()}`);
    checkText(text, last);
    last = match.index + match[0].length;
    const [, closing, name, attributes = '', selfClosing] = match;
    if (name === undefined) continue;
    checkText(attributes, match.index);
    if (closing) {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open}>`);
    } else {
      if (stack.length === 0) {
        if (root !== undefined) throw new Error(`a second root element <${name}>`);
        root = name;
      }
      if (!selfClosing) stack.push(name);
    }
  }
  checkText(body.slice(last), last);
  if (body.slice(last).trim() !== '') throw new Error('text after the root element');
  if (stack.length > 0) throw new Error(`unclosed <${stack.join('>, <')}>`);
  if (root === undefined) throw new Error('no root element');
  return root;
}
