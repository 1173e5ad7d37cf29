/**
 * A seeded DBML mutator for the fuzz test: a small deterministic PRNG and
 * edits that break documents the way typing, pasting and bad merges do
 * (deleted, inserted, duplicated and swapped spans, stray DBML tokens,
 * truncation, unicode, CRLF). Pure: no IO; the same seed gives the same
 * documents on every machine.
 */

/** mulberry32: tiny, fast, and good enough to spread mutations around. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** A length skewed towards small values (most edits are small; a few are big). */
  length(max: number): number {
    const r = this.next();
    const n = r < 0.6 ? this.int(1, 8) : r < 0.9 ? this.int(1, 64) : this.int(1, 600);
    return Math.min(n, Math.max(max, 0));
  }
}

/** One independent PRNG per (seed, index), so any single document reproduces alone. */
export function rngFor(seed: number, index: number): Rng {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return new Rng((h ^ (h >>> 16)) >>> 0);
}

/** Punctuation, operators, comment and string openers, keywords and fragments of DBML. */
export const DBML_TOKENS: readonly string[] = [
  '{', '}', '[', ']', '(', ')', "'", "'''", '"', '`', ':', '.', '>', '<', '-', '<>', '~', '//', '/*', '*/',
  ',', '#', '\\', '\n', ' ', '\t', '\r\n', '\r', ';', '=', '*', '@', '$', '?', '!', '%',
  'Table', 'table', 'TABLE', 'Ref', 'ref', 'Enum', 'enum', 'TableGroup', 'TablePartial', 'Project', 'Note', 'note',
  'Records', 'records', 'indexes', 'Indexes', 'as', 'pk', 'PK', 'null', 'not null', 'unique', 'increment', 'primary key',
  'default:', 'note:', 'ref:', 'delete:', 'update:', 'cascade', 'set null', 'restrict', 'no action', 'headercolor:',
  'color:', 'type:', 'name:', 'btree', 'hash', 'database_type:', 'true', 'false', 'NULL',
  'int', 'integer', 'varchar(255)', 'decimal(10, 2)', 'timestamp', 'text', 'uuid', 'int[]',
  'id', 'users', 'posts', 'user_id', 'public', 'core.users', '"quoted name"', '"', "''", '``', '`now()`',
  '0', '1', '-1', '1.5', '1e10', '#fff', '#A0B1C2',
  'Ref: a.id > b.id', 'Ref: users.id < posts.user_id', 'Ref: x.(a, b) <> y.(c, d)',
  'Table t {\n  id int [pk]\n}\n', 'Enum e {\n  a\n  b\n}\n', 'Table users {', '~partial', 'id int [pk, ref: > users.id]',
  "'''\nmulti\n'''", "'unterminated", '/* unterminated', '// comment\n',
];

/** Unicode that tends to break offset arithmetic: astral chars, combining marks, BOM, RTL, lone surrogates. */
export const UNICODE: readonly string[] = [
  'é', 'e\u0301', 'ß', 'İ', 'ﬃ', '中文', '表', 'Ωμέγα', '🙂', '👩‍👩‍👧', '𝔘𝔫𝔦', '\u200b', '\u200d', '\ufeff', '\u202e',
  '\u00a0', '\u2028', '\u2029', '\u0000', '\u0085', '\ud83d', '\ude00', '\udc00\ud800', '\uffff', '\u000b', '\u000c',
];

export interface Mutant {
  text: string;
  /** offsets where edits happened (clamped to the final text) */
  points: number[];
  /** human-readable description of each edit, for failure reports */
  ops: string[];
}

/**
 * Applies 1-6 random edits to `text`. `donors` are other documents whose spans
 * may be spliced in (a paste from elsewhere).
 */
export function mutate(text: string, rng: Rng, donors: readonly string[]): Mutant {
  let t = text;
  const points: number[] = [];
  const ops: string[] = [];
  const count = rng.chance(0.1) ? rng.int(6, 16) : rng.int(1, 5);
  const pos = () => {
    // half the time at a line start or end, which is where structure changes
    if (rng.chance(0.5) || t.length === 0) return rng.int(0, t.length);
    const p = rng.int(0, t.length);
    const nl = t.indexOf('\n', p);
    return rng.chance(0.5) ? (nl < 0 ? t.length : nl) : t.lastIndexOf('\n', p) + 1;
  };
  for (let k = 0; k < count; k++) {
    const kind = rng.int(0, 99);
    if (kind < 16) {
      const s = pos();
      const n = rng.length(t.length - s);
      ops.push(`delete ${s}+${n}`);
      t = t.slice(0, s) + t.slice(s + n);
      points.push(s);
    } else if (kind < 44) {
      const s = pos();
      let ins = '';
      const m = rng.int(1, 3);
      for (let j = 0; j < m; j++) ins += (rng.chance(0.3) ? ' ' : '') + rng.pick(DBML_TOKENS);
      ops.push(`insert ${s} ${JSON.stringify(ins)}`);
      t = t.slice(0, s) + ins + t.slice(s);
      points.push(s, s + ins.length);
    } else if (kind < 54) {
      const s = pos();
      const n = rng.length(t.length - s);
      const at = pos();
      const piece = t.slice(s, s + n);
      ops.push(`duplicate ${s}+${n} at ${at}`);
      t = t.slice(0, at) + piece + t.slice(at);
      points.push(at, at + piece.length);
    } else if (kind < 62) {
      let a = pos();
      let b = pos();
      if (a > b) [a, b] = [b, a];
      const na = Math.min(rng.length(b - a), b - a);
      const nb = rng.length(t.length - b);
      ops.push(`swap ${a}+${na} with ${b}+${nb}`);
      t = t.slice(0, a) + t.slice(b, b + nb) + t.slice(a + na, b) + t.slice(a, a + na) + t.slice(b + nb);
      points.push(a, b);
    } else if (kind < 67) {
      const s = rng.int(0, t.length);
      ops.push(`truncate ${s}`);
      t = t.slice(0, s);
      points.push(s);
    } else if (kind < 77) {
      const s = rng.int(0, t.length);
      const u = rng.pick(UNICODE);
      ops.push(`unicode ${s} ${JSON.stringify(u)}`);
      t = t.slice(0, s) + u + t.slice(s);
      points.push(s, s + u.length);
    } else if (kind < 82) {
      if (rng.chance(0.5)) {
        ops.push('crlf all');
        t = t.replace(/\r?\n/g, '\r\n');
      } else {
        const s = pos();
        const nl = rng.chance(0.5) ? '\r' : '\r\n';
        ops.push(`newline ${s} ${JSON.stringify(nl)}`);
        t = t.slice(0, s) + nl + t.slice(s);
      }
      points.push(rng.int(0, t.length));
    } else if (kind < 88) {
      // an identifier replaced by a keyword, or a keyword by an identifier
      const re = /[A-Za-z_][A-Za-z0-9_]*/g;
      const s = rng.int(0, t.length);
      re.lastIndex = s;
      const m = re.exec(t);
      if (m) {
        const w = rng.pick(['Table', 'Ref', 'Enum', 'Note', 'as', 'pk', 'indexes', 'x', '"', 'Project', 'TableGroup', 'Records']);
        ops.push(`replace word ${m.index} ${JSON.stringify(m[0])} -> ${JSON.stringify(w)}`);
        t = t.slice(0, m.index) + w + t.slice(m.index + m[0].length);
        points.push(m.index);
      }
    } else if (kind < 95 && donors.length) {
      const d = rng.pick(donors);
      const s = rng.int(0, d.length);
      const n = rng.length(d.length - s);
      const at = pos();
      const piece = d.slice(s, s + n);
      ops.push(`splice donor ${JSON.stringify(piece.slice(0, 40))} at ${at}`);
      t = t.slice(0, at) + piece + t.slice(at);
      points.push(at, at + piece.length);
    } else {
      // delete one bracket or quote: the classic unbalanced document
      const idx: number[] = [];
      for (let i = 0; i < t.length; i++) if ('{}[]()\'"`'.includes(t[i])) idx.push(i);
      if (idx.length) {
        const i = rng.pick(idx);
        ops.push(`drop ${JSON.stringify(t[i])} at ${i}`);
        t = t.slice(0, i) + t.slice(i + 1);
        points.push(i);
      }
    }
  }
  return { text: t, points: points.map((p) => Math.max(0, Math.min(p, t.length))), ops };
}

/**
 * A slice of a big document, 2-8 KB, usually starting and ending at line
 * boundaries (as a user would see a file), sometimes anywhere.
 */
export function window(text: string, rng: Rng, min = 2048, max = 8192): string {
  if (text.length <= max) return text;
  const size = rng.int(min, max);
  let start = rng.int(0, text.length - size);
  let end = start + size;
  if (rng.chance(0.8)) {
    start = text.lastIndexOf('\n', start) + 1;
    const nl = text.indexOf('\n', end);
    end = nl < 0 ? text.length : nl + 1;
  }
  return text.slice(start, end);
}
