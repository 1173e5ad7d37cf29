/**
 * Splits DBML text into top-level blocks (a Table, a Ref, an Enum, ...) with a
 * cheap character scan that understands strings, quoted names, backticks and
 * comments. Blocks are the unit of incremental parsing: a block whose text is
 * unchanged reuses its earlier parse.
 *
 * A block starts at the first token of a line at bracket depth 0. To contain
 * the damage of a missing `}`, a line that starts in column 0 with a
 * top-level keyword also starts a new block even at depth > 0.
 */

export interface BlockSlice {
  start: number;
  end: number;
}

const TOP_KEYWORDS = new Set(['table', 'tablegroup', 'enum', 'project', 'ref', 'tablepartial', 'records']);

/** What `splitBlocksFrom` looks at after a line's first token: line breaks, comment starts, brackets, quotes. */
const SKIP = /[\n\r/{}[\]()'"`]/g;

function isIdentChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c >= 128;
}

/** Does a top-level keyword followed by a name, `:` or `{` start at `i`? */
function topKeywordAt(text: string, i: number): boolean {
  let j = i;
  while (j < text.length && isIdentChar(text.charCodeAt(j))) j++;
  if (j === i || j - i > 12) return false;
  if (!TOP_KEYWORDS.has(text.slice(i, j).toLowerCase())) return false;
  // must be followed by space + name/quote, or ':' or '{'
  let k = j;
  while (k < text.length && (text[k] === ' ' || text[k] === '\t')) k++;
  const c = text[k];
  if (c === ':' || c === '{') return true;
  return k > j && (c === '"' || (c !== undefined && isIdentChar(c.charCodeAt(0))));
}

/**
 * The offset after a one-line quoted run starting at `i` (`'…'` or `"…"`, with
 * backslash escapes). An unterminated quote stops at the end of its line.
 */
function skipQuoted(text: string, i: number, quote: number): number {
  let j = i + 1;
  while (j < text.length) {
    const d = text.charCodeAt(j);
    if (d === 92) j += 2;
    else if (d === quote || d === 10 || d === 13) break;
    else j++;
  }
  return text.charCodeAt(j) === quote ? j + 1 : j;
}

export function splitBlocks(text: string): BlockSlice[] {
  const { starts } = splitBlocksFrom(text, 0);
  const n = text.length;
  const blocks: BlockSlice[] = [];
  for (let k = 0; k < starts.length; k++) blocks.push({ start: starts[k], end: k + 1 < starts.length ? starts[k + 1] : n });
  return blocks;
}

/**
 * The block starts of `text` from offset `from` (0, or a block start of an
 * earlier split of the same text), in order. From 0 the first start is 0:
 * leading comments and blank lines belong to the first block. `stop` is asked
 * about each start after the first; when it says yes, that start is the last
 * one returned and `stopped` is true (the incremental parser stops where the
 * new split meets the old one again).
 */
export function splitBlocksFrom(text: string, from: number, stop?: (start: number) => boolean): { starts: number[]; stopped: boolean } {
  const starts: number[] = [];
  const n = text.length;
  let depth = 0;
  let lineStart = true; // no token seen yet on this line
  let i = from;
  const record = (at: number): boolean => {
    if (starts.length === 0 && from === 0) at = 0;
    starts.push(at);
    return starts.length > 1 && stop !== undefined && stop(at);
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lineStart = true;
      i++;
      // an indented line inside a block (nearly every line of a schema): its first token is not in
      // column 0, so it starts nothing, and nothing matters before the next bracket, quote, comment or line
      if (depth > 0) {
        const d = text.charCodeAt(i);
        if (d === 32 || d === 9) {
          lineStart = false;
          SKIP.lastIndex = i + 1;
          i = SKIP.test(text) ? SKIP.lastIndex - 1 : n;
        }
      }
      continue;
    }
    if (c === 32 || c === 9 || c === 12 || c === 11 || c === 0xfeff || c === 0xa0) {
      i++;
      continue;
    }
    // comments never start blocks
    if (c === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
      while (i < n && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
      continue;
    }
    if (c === 47 && text.charCodeAt(i + 1) === 42 /* * */) {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? n : close + 2;
      continue;
    }
    if (lineStart) {
      lineStart = false;
      const atCol0 = i === 0 || text.charCodeAt(i - 1) === 10 || text.charCodeAt(i - 1) === 13;
      if (depth === 0 && c !== 123 && c !== 91 && c !== 40 && c !== 125 && c !== 93 && c !== 41) {
        if (record(i)) return { starts, stopped: true };
      } else if (depth > 0 && atCol0 && topKeywordAt(text, i)) {
        depth = 0;
        if (record(i)) return { starts, stopped: true };
      }
    }
    switch (c) {
      case 123: // {
      case 91: // [
      case 40: // (
        depth++;
        i++;
        break;
      case 125: // }
      case 93: // ]
      case 41: // )
        if (depth > 0) depth--;
        i++;
        break;
      case 39: {
        // ' or '''
        if (text.startsWith("'''", i)) {
          let j = i + 3;
          while (j < n && !text.startsWith("'''", j)) j += text.charCodeAt(j) === 92 ? 2 : 1;
          i = Math.min(n, j + 3);
        } else {
          i = skipQuoted(text, i, 39);
        }
        break;
      }
      case 34: // "
        i = skipQuoted(text, i, 34);
        break;
      case 96: {
        // `
        const close = text.indexOf('`', i + 1);
        i = close < 0 ? n : close + 1;
        break;
      }
      default:
        // an ordinary character of a token, not the line's first: nothing matters up to the next line
        // break, comment, bracket or quote (found by the regular expression engine's native code, which
        // is as fast on a server's first parse as on its hundredth)
        SKIP.lastIndex = i + 1;
        i = SKIP.test(text) ? SKIP.lastIndex - 1 : n;
    }
  }
  // text without any token (comments, blank lines) is still one block
  if (starts.length === 0 && from === 0 && n > 0) starts.push(0);
  return { starts, stopped: false };
}
