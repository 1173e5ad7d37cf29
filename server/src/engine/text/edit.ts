/**
 * The one region where two versions of a text differ: their common prefix and
 * suffix, found in chunks. What the incremental parsers and the line index use
 * to redo only the edited part of a large document.
 */

export interface TextChange {
  /** first offset that differs (same in both texts) */
  start: number;
  /** end of the changed region in the old text */
  oldEnd: number;
  /** end of the changed region in the new text */
  newEnd: number;
}

/** Chunk sizes compared as strings before characters: large first (a flat compare is a memcmp), then smaller. */
const CHUNKS = [65536, 2048, 64];

/** The changed region between `before` and `after` (empty when equal). */
export function diffTexts(before: string, after: string): TextChange {
  const n = Math.min(before.length, after.length);
  let p = 0;
  for (const chunk of CHUNKS) {
    while (p + chunk <= n && before.slice(p, p + chunk) === after.slice(p, p + chunk)) p += chunk;
  }
  while (p < n && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  const m = n - p;
  let s = 0;
  for (const chunk of CHUNKS) {
    while (s + chunk <= m && before.slice(before.length - s - chunk, before.length - s) === after.slice(after.length - s - chunk, after.length - s)) s += chunk;
  }
  while (s < m && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  return { start: p, oldEnd: before.length - s, newEnd: after.length - s };
}
