/**
 * DBML name spelling: when a name needs double quotes, and how to write one.
 */

const PLAIN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** True when the name can be written without quotes. */
export function isPlainIdentifier(name: string): boolean {
  return PLAIN.test(name);
}

/** `"order items"` with `"` and `\` escaped. */
export function quoteName(name: string): string {
  return `"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The name as DBML source: bare when plain, otherwise double-quoted. */
export function formatName(name: string): string {
  return isPlainIdentifier(name) ? name : quoteName(name);
}

/** A dotted name, each part quoted as needed: `core."order items"`. */
export function formatQualified(...parts: string[]): string {
  return parts.map(formatName).join('.');
}

/** Removes surrounding double quotes and unescapes, for names typed with quotes. */
export function unquoteName(text: string): string {
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) {
    return text.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  return text;
}
