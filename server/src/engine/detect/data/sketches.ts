/**
 * Bounded-memory sketches for data profiling: a HyperLogLog distinct-count
 * estimator, a Bloom filter for value inclusion between columns, and a
 * reservoir sample (Algorithm L: one random draw per accepted item, not per
 * item seen). All take precomputed 32-bit hashes so a value is hashed once.
 */

/** HyperLogLog with 2^p registers (p = 12: 4 KB, about 1.6% standard error). */
export class HyperLogLog {
  private readonly registers: Uint8Array;
  private readonly p: number;
  constructor(p = 12) {
    this.p = p;
    this.registers = new Uint8Array(1 << p);
  }
  add(hash: number): void {
    const idx = hash >>> (32 - this.p);
    const w = (hash << this.p) >>> 0;
    // rank: position of the first 1 bit in the remaining 32 - p bits
    const rank = w === 0 ? 32 - this.p + 1 : Math.clz32(w) + 1;
    if (rank > this.registers[idx]) this.registers[idx] = rank;
  }
  estimate(): number {
    const m = this.registers.length;
    let sum = 0;
    let zeros = 0;
    for (let i = 0; i < m; i++) {
      sum += 1 / (1 << this.registers[i]);
      if (this.registers[i] === 0) zeros++;
    }
    const alpha = 0.7213 / (1 + 1.079 / m);
    const e = (alpha * m * m) / sum;
    if (e <= 2.5 * m && zeros > 0) return Math.round(m * Math.log(m / zeros));
    return Math.round(e);
  }
}

/** A Bloom filter of 2^bits bits with k = 3 probes derived from one hash (double hashing). */
export class BloomFilter {
  private readonly words: Uint32Array;
  private readonly mask: number;
  private count = 0;
  constructor(bits = 20) {
    this.words = new Uint32Array(1 << (bits - 5));
    this.mask = (1 << bits) - 1;
  }
  add(hash: number): void {
    const h2 = (Math.imul(hash ^ (hash >>> 15), 0x2c1b3c6d) | 1) >>> 0;
    for (let i = 0; i < 3; i++) {
      const bit = (hash + Math.imul(i, h2)) & this.mask;
      this.words[bit >>> 5] |= 1 << (bit & 31);
    }
    this.count++;
  }
  has(hash: number): boolean {
    const h2 = (Math.imul(hash ^ (hash >>> 15), 0x2c1b3c6d) | 1) >>> 0;
    for (let i = 0; i < 3; i++) {
      const bit = (hash + Math.imul(i, h2)) & this.mask;
      if ((this.words[bit >>> 5] & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }
  /** probability that an absent value tests present, from the number of insertions */
  falsePositiveRate(distinct: number): number {
    const m = this.mask + 1;
    return Math.pow(1 - Math.exp((-3 * distinct) / m), 3);
  }
  get insertions(): number {
    return this.count;
  }
}

/** A small deterministic PRNG (mulberry32) so results are reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Reservoir sample of at most `size` items, uniform over everything offered (Algorithm L). */
export class Reservoir<T> {
  readonly items: T[] = [];
  private seen = 0;
  private next: number;
  private w: number;
  constructor(
    private readonly size: number,
    private readonly random: () => number,
  ) {
    this.w = Math.exp(Math.log(this.random()) / size);
    this.next = size + Math.floor(Math.log(this.random()) / Math.log(1 - this.w));
  }
  /** true when the next offer would be kept: lets callers skip building the item */
  wants(): boolean {
    return this.seen < this.size || this.seen === this.next;
  }
  offer(item: T): void {
    if (this.seen < this.size) this.items.push(item);
    else if (this.seen === this.next) {
      this.items[Math.floor(this.random() * this.size)] = item;
      this.w *= Math.exp(Math.log(this.random()) / this.size);
      this.next += 1 + Math.floor(Math.log(this.random()) / Math.log(1 - this.w));
    }
    this.seen++;
  }
  /** call instead of offer when `wants()` was false */
  skip(): void {
    this.seen++;
  }
}

/**
 * A set of 64-bit hashes (two 32-bit halves) in one open-addressing typed
 * array: exact-in-practice membership without keeping the strings (no GC
 * pressure). Grows by doubling up to `maxSize` entries; `add` then answers
 * 'full' and the set stops changing.
 */
export class HashSet64 {
  private table: Int32Array;
  private mask: number;
  size = 0;
  constructor(
    private readonly maxSize: number,
    initialSlots = 1024,
  ) {
    this.table = new Int32Array(initialSlots * 2);
    this.mask = initialSlots - 1;
  }
  /** true: added; false: already present; 'full': at the cap, not added */
  add(h1: number, h2: number): boolean | 'full' {
    const a = h1 | 1;
    const b = h2 | 0;
    const t = this.table;
    let i = a & this.mask;
    for (;;) {
      const x = t[i * 2];
      if (x === 0) break;
      if (x === a && t[i * 2 + 1] === b) return false;
      i = (i + 1) & this.mask;
    }
    if (this.size >= this.maxSize) return 'full';
    t[i * 2] = a;
    t[i * 2 + 1] = b;
    this.size++;
    if (this.size * 2 > this.mask + 1) this.grow();
    return true;
  }
  has(h1: number, h2: number): boolean {
    const a = h1 | 1;
    const b = h2 | 0;
    const t = this.table;
    let i = a & this.mask;
    for (;;) {
      const x = t[i * 2];
      if (x === 0) return false;
      if (x === a && t[i * 2 + 1] === b) return true;
      i = (i + 1) & this.mask;
    }
  }
  /** calls `fn` with the first half of every hash */
  forEachFirst(fn: (h1: number) => void): void {
    const t = this.table;
    for (let i = 0; i < t.length; i += 2) if (t[i] !== 0) fn(t[i] >>> 0);
  }
  private grow(): void {
    const old = this.table;
    const slots = (this.mask + 1) * 2;
    this.table = new Int32Array(slots * 2);
    this.mask = slots - 1;
    const t = this.table;
    for (let j = 0; j < old.length; j += 2) {
      const a = old[j];
      if (a === 0) continue;
      let i = a & this.mask;
      while (t[i * 2] !== 0) i = (i + 1) & this.mask;
      t[i * 2] = a;
      t[i * 2 + 1] = old[j + 1];
    }
  }
}
