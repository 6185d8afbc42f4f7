// Browser types used inside page.evaluate callbacks: the e2e project compiles without the DOM lib.
export interface DomAttribute {
  name: string;
  value: string;
}
export interface DomElement {
  tagName: string;
  localName: string;
  namespaceURI: string | null;
  outerHTML: string;
  textContent: string | null;
  attributes: ArrayLike<DomAttribute>;
  getAttribute(name: string): string | null;
  getElementsByTagName(name: string): ArrayLike<DomElement>;
  getElementsByTagNameNS(namespace: string, name: string): ArrayLike<DomElement>;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}
export interface DomDocument extends DomElement {
  body: DomElement;
}
