/**
 * Small DOM builders for webviews. Data only ever goes in as text
 * (`textContent`) or as attribute values through `setAttribute`; nothing here
 * parses markup, so names, types and notes from a schema cannot inject any.
 */
export const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element with attributes (values are set as attribute text, never parsed as markup). */
export function svgEl<K extends keyof SVGElementTagNameMap>(tag: K, attrs?: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  if (attrs) for (const k in attrs) el.setAttribute(k, String(attrs[k]));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** An HTML element with attributes and optional text content. */
export function htmlEl<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Record<string, string>, text?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (attrs) for (const k in attrs) el.setAttribute(k, attrs[k]!);
  if (text !== undefined) el.textContent = text;
  return el;
}

/** Adopt a stylesheet without a `<style>` element (constructed sheets need no CSP nonce). */
export function adoptStyles(css: string): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
