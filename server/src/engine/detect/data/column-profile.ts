/**
 * The per-column accumulator of the data profiler: the hot path, fed one
 * value at a time. Memory is bounded whatever the row count: exact value
 * counts up to a cap (enums, top values, exact distinct counts), an exact
 * uniqueness set of 64-bit value hashes up to a cap (then a strictly-increasing
 * proof or the HyperLogLog estimate, and a Bloom filter for inclusion tests,
 * filled from the set when it overflows), a reservoir sample for PII, patterns
 * and outliers. No value string is kept past the caps.
 *
 * Never throws; never keeps a reference to the caller's row.
 */
import { BloomFilter, HashSet64, HyperLogLog, Reservoir } from './sketches.js';
import { classify, hashPair, Kind, KIND_COUNT, secondHash } from './values.js';

// Hot-path bindings captured once: module-namespace reads (getters once transpiled) cost per value.
const classifyValue = classify;
const hashValue = hashPair;
const hashSecond = secondHash;
const K_BOOLEAN: Kind = Kind.Boolean;
const K_INTEGER: Kind = Kind.Integer;
const K_FLOAT: Kind = Kind.Float;
const K_TIMESTAMPTZ: Kind = Kind.TimestampTz;
const K_JSON: Kind = Kind.Json;
const K_TEXT: Kind = Kind.Text;

/** A hash for the i-th distinct value (row hashes combine them). */
function mixId(i: number): number {
  let h = Math.imul(i + 0x9e3779b9, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export interface ProfileLimits {
  /** exact value counts are kept up to this many distinct values */
  distinctCap: number;
  /** exact uniqueness is proven with a set of value hashes up to this many values */
  keySetCap: number;
  /** reservoir sample size */
  sampleSize: number;
  random: () => number;
}

export class ColumnProfile {
  /** non-null values seen */
  nonNull = 0;
  /** explicit nulls (empty cells, `null`, `\N`); absent keys are counted by the table */
  nulls = 0;
  readonly kinds = new Float64Array(KIND_COUNT);
  invalidDates = 0;
  maxIntDigits = 0;
  maxScale = 0;
  minLength = Infinity;
  maxLength = 0;
  numMin = Infinity;
  numMax = -Infinity;
  strMin: string | undefined;
  strMax: string | undefined;
  /** value -> index in `countOf`, while the column has few distinct values; undefined once over the cap */
  counts: Map<string, number> | undefined = new Map();
  /** occurrences per distinct value (same order as `counts`) */
  private countOf: number[] = [];
  /** hashes of every value while no duplicate was seen and under the cap */
  keyHashes: HashSet64 | undefined;
  /** no duplicate seen so far (exact while keySet is complete, or while strictly increasing) */
  noDuplicate = true;
  /** keyHashes overflowed its cap; uniqueness is then proven by `increasing` or estimated */
  keyCapped = false;
  /** every value so far was a number greater than the previous one */
  increasing = true;
  private last = -Infinity;
  readonly hll = new HyperLogLog(12);
  /** membership past the key set's cap (only for columns still unique then) */
  bloom: BloomFilter | undefined;
  readonly sample: Reservoir<string>;
  /** nested values kept as JSON (nested: 'json') */
  jsonValues = 0;
  /** first line where a value of each kind was seen (for mixed-type reports) */
  readonly firstLineOfKind = new Float64Array(KIND_COUNT).fill(-1);
  readonly nameHash: number;

  constructor(
    readonly name: string,
    private readonly limits: ProfileLimits,
  ) {
    this.sample = new Reservoir<string>(limits.sampleSize, limits.random);
    this.nameHash = hashPair(name) | 1;
  }

  addNull(): void {
    this.nulls++;
  }

  /**
   * Adds one non-null value given as text; `forced` skips classification
   * (values typed by the reader: JSON booleans, nested JSON). Returns the
   * value's hash (the table combines them into a row hash).
   */
  addText(s: string, line: number, forced?: Kind): number {
    this.nonNull++;
    let kind: Kind;
    if (forced === undefined) {
      const c = classifyValue(s);
      kind = c.kind;
      if (kind === K_TEXT) {
        if (c.invalidDate) this.invalidDates++;
      } else if (kind <= K_FLOAT && kind >= K_INTEGER) {
        if (c.intDigits > this.maxIntDigits) this.maxIntDigits = c.intDigits;
        if (c.scale > this.maxScale) this.maxScale = c.scale;
        const v = +s;
        if (v < this.numMin) this.numMin = v;
        if (v > this.numMax) this.numMax = v;
        if (this.increasing) {
          if (v > this.last) this.last = v;
          else this.increasing = false;
        }
      }
    } else kind = forced;
    if (kind < K_INTEGER || kind > K_FLOAT) this.increasing = false;
    if (this.kinds[kind]++ === 0) this.firstLineOfKind[kind] = line;
    const len = s.length;
    if (len > this.maxLength) this.maxLength = len;
    if (len < this.minLength) this.minLength = len;
    if (kind < K_INTEGER || kind > K_FLOAT) {
      // numbers have numeric bounds; a string order of them would mislead
      if (this.strMin === undefined || s < this.strMin) this.strMin = s;
      if (this.strMax === undefined || s > this.strMax) this.strMax = s;
    }
    const counts = this.counts;
    if (counts !== undefined) {
      // few distinct values so far: the value's index in the counts stands in for its hash
      const id = counts.get(s);
      if (id !== undefined) {
        this.countOf[id]++;
        this.noDuplicate = false;
        return this.sampled(s, mixId(id));
      }
      if (counts.size < this.limits.distinctCap) {
        const n = counts.size;
        counts.set(s, n);
        this.countOf.push(1);
        return this.sampled(s, mixId(n));
      }
      this.overflowCounts(counts);
    }
    const h = hashValue(s);
    const h2 = hashSecond();
    const keys = this.keyHashes;
    if (keys !== undefined) {
      const added = keys.add(h, h2);
      if (added === false) {
        this.noDuplicate = false;
        this.keyHashes = undefined;
      } else if (added === 'full') this.overflowKeys(keys, h);
    } else if (this.bloom !== undefined) this.bloom.add(h);
    this.hll.add(h);
    return this.sampled(s, h);
  }

  private sampled(s: string, h: number): number {
    const sample = this.sample;
    if (sample.wants()) sample.offer(s);
    else sample.skip();
    return h;
  }

  /**
   * The counts overflowed: from now on values are hashed. The distinct values
   * seen so far seed the HyperLogLog and, while the column is still unique,
   * the key set (they occurred once each).
   */
  private overflowCounts(counts: Map<string, number>): void {
    this.counts = undefined;
    this.countOf = [];
    this.keyHashes = this.noDuplicate ? new HashSet64(this.limits.keySetCap, 2048) : undefined;
    for (const v of counts.keys()) {
      const h = hashValue(v);
      this.hll.add(h);
      const keys = this.keyHashes;
      if (keys !== undefined) {
        if (keys.add(h, hashSecond()) === 'full') this.overflowKeys(keys, h);
      } else if (this.bloom !== undefined) this.bloom.add(h);
    }
  }

  /** The key set reached its cap while the column was unique: membership moves to a Bloom filter. */
  private overflowKeys(keys: HashSet64, h: number): void {
    this.keyCapped = true;
    const bloom = new BloomFilter(22);
    keys.forEachFirst((x) => bloom.add(x));
    bloom.add(h);
    this.bloom = bloom;
    this.keyHashes = undefined;
  }

  /** Exact (value, count) pairs while the column has few distinct values. */
  valueCounts(): [string, number][] | undefined {
    if (this.counts === undefined) return undefined;
    const out: [string, number][] = [];
    for (const [v, i] of this.counts) out.push([v, this.countOf[i]]);
    return out;
  }

  /** Adds a value as the reader typed it. Returns its hash, or 0 for null. */
  addValue(v: unknown, line: number): number {
    if (v === null || v === undefined) {
      this.nulls++;
      return 0;
    }
    switch (typeof v) {
      case 'string':
        // the strings exports write for "no value"
        if (v.length === 0 || (v.length <= 4 && (v === 'null' || v === 'NULL' || v === '\\N' || v === 'N/A'))) {
          this.nulls++;
          return 0;
        }
        return this.addText(v, line);
      case 'number':
        if (!Number.isFinite(v)) {
          this.nulls++;
          return 0;
        }
        return this.addText(String(v), line);
      case 'bigint':
        return this.addText(String(v), line);
      case 'boolean':
        return this.addText(v ? 'true' : 'false', line, K_BOOLEAN);
      default:
        if (v instanceof Date) return Number.isNaN(v.getTime()) ? (this.nulls++, 0) : this.addText(v.toISOString(), line, K_TIMESTAMPTZ);
        this.jsonValues++;
        return this.addText(safeJson(v), line, K_JSON);
    }
  }

  /** Exact distinct count when known. */
  get exactDistinct(): number | undefined {
    if (this.counts !== undefined) return this.counts.size;
    if (this.noDuplicate && !this.keyCapped) return this.nonNull;
    if (this.noDuplicate && this.increasing) return this.nonNull;
    return undefined;
  }

  /** Distinct non-null values: exact when known, else the HyperLogLog estimate (capped by the count). */
  get distinct(): number {
    return this.exactDistinct ?? Math.min(this.hll.estimate(), this.nonNull);
  }

  /**
   * Whether every non-null value is different: 'exact' when proven, 'estimated'
   * when only the distinct estimate says so, false when a duplicate was seen
   * or the estimate is clearly below the count.
   */
  get uniqueness(): 'exact' | 'estimated' | false {
    if (!this.noDuplicate) return false;
    if (!this.keyCapped || this.increasing) return 'exact';
    return this.hll.estimate() >= this.nonNull * 0.97 ? 'estimated' : false;
  }

  /**
   * Whether a value (with its `hashPair` hashes) occurs in this column:
   * exactly while the counts or the key set are complete, else through the
   * Bloom filter; a column that had duplicates past the counts' cap answers
   * false (only keys are targets of inclusion).
   */
  contains(value: string, h1: number, h2: number): boolean {
    if (this.counts !== undefined) return this.counts.has(value);
    if (this.keyHashes !== undefined) return this.keyHashes.has(h1, h2);
    return this.bloom !== undefined && this.bloom.has(h1);
  }

  /** true when `contains` answers exactly */
  get exactMembership(): boolean {
    return this.counts !== undefined || this.keyHashes !== undefined;
  }
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? 'null';
  } catch {
    return String(v);
  }
}
