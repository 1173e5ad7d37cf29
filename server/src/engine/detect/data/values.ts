/**
 * Scalar value classification for data-file inference: what kind of value a
 * cell holds (integer, decimal, date, UUID, ...), measured in one pass over
 * its characters with no regexes and no allocation, plus the hashing and
 * "shape" helpers the profiler and the quality report share.
 *
 * Never throws; a value that fits no scalar kind is `text`.
 */

/** The kinds a single value can have; the column type is resolved from their counts. */
export enum Kind {
  Boolean = 0,
  Integer = 1,
  Decimal = 2,
  Float = 3,
  Date = 4,
  Time = 5,
  Timestamp = 6,
  TimestampTz = 7,
  Uuid = 8,
  Json = 9,
  Text = 10,
}
export const KIND_COUNT = 11;
export const KIND_NAMES = ['boolean', 'integer', 'decimal', 'float', 'date', 'time', 'timestamp', 'timestamptz', 'uuid', 'json', 'text'] as const;
export type KindName = (typeof KIND_NAMES)[number];

/** Result of classifying one string value (reused object: read it before the next call). */
export interface Classified {
  kind: Kind;
  /** digits before the point (numbers) */
  intDigits: number;
  /** digits after the point (numbers) */
  scale: number;
  /** the value looked like a date/timestamp but is not a real one (2023-02-30) */
  invalidDate: boolean;
}

const out: Classified = { kind: Kind.Text, intDigits: 0, scale: 0, invalidDate: false };

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}
function d2(s: string, i: number): number {
  return (s.charCodeAt(i) - 48) * 10 + (s.charCodeAt(i + 1) - 48);
}
function allDigits(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isDigit(s.charCodeAt(i))) return false;
  return true;
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** `YYYY-MM-DD` at offset 0, validated (leap years included). 1 valid, 0 not a date, -1 date-shaped but invalid. */
function dateAt(s: string): number {
  if (s.length < 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return 0;
  if (!allDigits(s, 0, 4) || !allDigits(s, 5, 7) || !allDigits(s, 8, 10)) return 0;
  const y = d2(s, 0) * 100 + d2(s, 2);
  const m = d2(s, 5);
  const d = d2(s, 8);
  if (m < 1 || m > 12 || d < 1 || d > DAYS[m - 1]) return -1;
  if (m === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return -1;
  return 1;
}

/** `HH:MM[:SS[.f+]]` from offset i; returns the end offset, or -1, or -2 when shaped but out of range. */
function timeAt(s: string, i: number): number {
  const n = s.length;
  if (i + 5 > n || s.charCodeAt(i + 2) !== 58 || !allDigits(s, i, i + 2) || !allDigits(s, i + 3, i + 5)) return -1;
  let bad = d2(s, i) > 23 || d2(s, i + 3) > 59;
  let j = i + 5;
  if (j < n && s.charCodeAt(j) === 58) {
    if (j + 3 > n || !allDigits(s, j + 1, j + 3)) return -1;
    if (d2(s, j + 1) > 60) bad = true;
    j += 3;
    if (j < n && s.charCodeAt(j) === 46) {
      j++;
      const f = j;
      while (j < n && isDigit(s.charCodeAt(j))) j++;
      if (j === f) return -1;
    }
  }
  return bad ? -2 : j;
}

function classifyDateLike(s: string): boolean {
  const dv = dateAt(s);
  if (dv === 0) return false;
  const n = s.length;
  if (n === 10) {
    if (dv < 0) setText(true);
    else out.kind = Kind.Date;
    return true;
  }
  const sep = s.charCodeAt(10);
  if (sep !== 84 && sep !== 32 && sep !== 116) return false;
  const e = timeAt(s, 11);
  if (e === -1) return false;
  if (dv < 0 || e === -2) {
    setText(true);
    return true;
  }
  if (e === n) {
    out.kind = Kind.Timestamp;
    return true;
  }
  let j = e;
  if (s.charCodeAt(j) === 32) j++;
  const z = s.charCodeAt(j);
  if ((z === 90 || z === 122) && j + 1 === n) {
    out.kind = Kind.TimestampTz;
    return true;
  }
  if (z === 43 || z === 45) {
    // +HH, +HHMM, +HH:MM
    const rest = n - j - 1;
    if ((rest === 2 && allDigits(s, j + 1, n)) || (rest === 4 && allDigits(s, j + 1, n)) || (rest === 5 && s.charCodeAt(j + 3) === 58 && allDigits(s, j + 1, j + 3) && allDigits(s, j + 4, n))) {
      out.kind = Kind.TimestampTz;
      return true;
    }
  }
  return false;
}

function setText(invalidDate = false): void {
  out.kind = Kind.Text;
  out.invalidDate = invalidDate;
}

function classifyNumber(s: string): boolean {
  const n = s.length;
  let i = 0;
  let c = s.charCodeAt(0);
  if (c === 45 || c === 43) {
    i = 1;
    if (n === 1) return false;
  }
  const intStart = i;
  while (i < n && isDigit(s.charCodeAt(i))) i++;
  const intDigits = i - intStart;
  // a leading zero (`007`, zip codes) keeps the value textual: a number would lose it
  if (intDigits > 1 && s.charCodeAt(intStart) === 48) return false;
  if (i === n) {
    if (intDigits === 0) return false;
    out.kind = Kind.Integer;
    out.intDigits = intDigits;
    return true;
  }
  let scale = 0;
  c = s.charCodeAt(i);
  if (c === 46) {
    i++;
    const f = i;
    while (i < n && isDigit(s.charCodeAt(i))) i++;
    scale = i - f;
    if (scale === 0 && intDigits === 0) return false;
    if (i === n) {
      out.kind = scale === 0 ? Kind.Integer : Kind.Decimal;
      out.intDigits = intDigits;
      out.scale = scale;
      return true;
    }
    c = s.charCodeAt(i);
  }
  if ((c === 101 || c === 69) && intDigits + scale > 0) {
    i++;
    c = s.charCodeAt(i);
    if (c === 45 || c === 43) i++;
    const f = i;
    while (i < n && isDigit(s.charCodeAt(i))) i++;
    if (i === n && i > f) {
      out.kind = Kind.Float;
      out.intDigits = intDigits;
      out.scale = scale;
      return true;
    }
  }
  return false;
}

function isUuid(s: string): boolean {
  if (s.length !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const c = s.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 45) return false;
    } else if (!isHex(c)) return false;
  }
  return true;
}

function isBoolean(s: string): boolean {
  const n = s.length;
  if (n === 4) return s === 'true' || s === 'TRUE' || s === 'True';
  if (n === 5) return s === 'false' || s === 'FALSE' || s === 'False';
  return false;
}

function looksJson(s: string): boolean {
  const a = s.charCodeAt(0);
  const b = s.charCodeAt(s.length - 1);
  if (!((a === 123 && b === 125) || (a === 91 && b === 93))) return false;
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}

/**
 * Classifies a non-null string value. The returned object is shared: copy
 * what you need before the next call.
 */
export function classify(s: string): Classified {
  out.intDigits = 0;
  out.scale = 0;
  out.invalidDate = false;
  out.kind = Kind.Text;
  const n = s.length;
  if (n === 0) return out;
  const c = s.charCodeAt(0);
  if (isDigit(c) || c === 45 || c === 43 || c === 46) {
    if (n >= 10 && isDigit(c) && classifyDateLike(s)) return out;
    if (n >= 5 && isDigit(c) && s.charCodeAt(2) === 58) {
      const e = timeAt(s, 0);
      if (e === n) {
        out.kind = Kind.Time;
        return out;
      }
      if (e === -2) return out;
    }
    if (classifyNumber(s)) return out;
    out.kind = Kind.Text;
    out.intDigits = 0;
    out.scale = 0;
    if (n === 36 && isUuid(s)) out.kind = Kind.Uuid;
    return out;
  }
  if (n === 36 && isUuid(s)) out.kind = Kind.Uuid;
  else if (isBoolean(s)) out.kind = Kind.Boolean;
  else if (n >= 2 && looksJson(s)) out.kind = Kind.Json;
  return out;
}

let h2Last = 0;

/**
 * Two independent 32-bit hashes of a string in one pass (FNV-1a and a
 * multiplicative hash, each finished with fmix32): returns the first; the
 * second is read with `secondHash()` right after. Together they identify a
 * value well enough for exact-in-practice uniqueness checks (64 bits).
 */
export function hashPair(s: string): number {
  let h = 0x811c9dc5;
  let g = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h = Math.imul(h ^ c, 0x01000193);
    g = Math.imul(g ^ c, 0x5bd1e995) ^ (g >>> 13);
  }
  h2Last = fmix32(g ^ s.length);
  return fmix32(h);
}

/** The second hash of the last `hashPair` call. */
export function secondHash(): number {
  return h2Last;
}

/** murmur3's 32-bit finaliser: spreads every input bit over the output. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The shape of a value for the quality report: letters become `A`/`a`, digits
 * `9`, runs longer than three are collapsed (`Aaa-999` for `Bob-12345`),
 * anything else kept. Values longer than 40 characters are cut.
 */
export function shapeOf(s: string): string {
  let outS = '';
  let last = '';
  let run = 0;
  const n = Math.min(s.length, 40);
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const ch = c >= 65 && c <= 90 ? 'A' : c >= 97 && c <= 122 ? 'a' : c >= 48 && c <= 57 ? '9' : s[i];
    if (ch === last) {
      run++;
      if (run > 3) continue;
    } else {
      last = ch;
      run = 1;
    }
    outS += ch;
  }
  return s.length > 40 ? outS + '…' : outS;
}
