/**
 * Reading catalog rows defensively. Drivers differ in what they return for the
 * same catalog column (numbers as strings, arrays as `{a,b}` text, booleans as
 * 0/1 or 't'/'f', bytes for text): these helpers turn any of them into the
 * expected shape or a neutral value, so the mappers never throw on odd rows.
 * Also the result and warning types every mapper returns.
 */
import type { Schema } from '../model/schema.js';

/** One catalog row: column label -> value as the driver returned it. */
export type CatalogRow = Record<string, unknown>;

/** Something in the catalog the mapper could not place; introspection goes on. */
export interface IntrospectWarning {
  /** stable code: INTRO001 unknown table, INTRO002 unknown column, INTRO003 query failed */
  code: string;
  message: string;
  /** table key the warning is about, when there is one */
  table?: string;
}

export const IntrospectCodes = {
  unknownTable: 'INTRO001',
  unknownColumn: 'INTRO002',
  queryFailed: 'INTRO003',
} as const;

export interface IntrospectResult {
  schema: Schema;
  warnings: IntrospectWarning[];
}

/** A string, or undefined for null/undefined; other values are stringified. */
export function str(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** A finite number, or undefined. */
export function num(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** A boolean from true/false, 1/0, 't'/'f', 'YES'/'NO'; `fallback` otherwise. */
export function bool(v: unknown, fallback = false): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return Number(v) !== 0;
  if (typeof v === 'string') {
    const s = v.toLowerCase();
    if (s === 't' || s === 'true' || s === 'yes' || s === 'y' || s === '1' || s === 'on') return true;
    if (s === 'f' || s === 'false' || s === 'no' || s === 'n' || s === '0' || s === 'off' || s === '') return false;
  }
  return fallback;
}

/** A list of strings from a JS array or a PostgreSQL array literal (`{a,"b c"}`). */
export function strArray(v: unknown): string[] {
  if (Array.isArray(v)) return v.map((x) => str(x) ?? '');
  if (typeof v !== 'string' || v.length < 2 || v[0] !== '{') return [];
  const out: string[] = [];
  let i = 1;
  const end = v.length - 1;
  while (i < end) {
    if (v[i] === '"') {
      let j = i + 1;
      let s = '';
      let from = j;
      while (j < end && v[j] !== '"') {
        if (v[j] === '\\') {
          s += v.slice(from, j);
          j++;
          from = j;
        }
        j++;
      }
      s += v.slice(from, j);
      out.push(s);
      i = j + 1;
    } else {
      let j = i;
      while (j < end && v[j] !== ',') j++;
      out.push(v.slice(i, j));
      i = j;
    }
    if (v[i] === ',') i++;
  }
  return out;
}

/** Groups rows by a string key, keeping row order within each group. */
export function groupBy(rows: readonly CatalogRow[], key: (r: CatalogRow) => string): Map<string, CatalogRow[]> {
  const m = new Map<string, CatalogRow[]>();
  for (const r of rows) {
    const k = key(r);
    let g = m.get(k);
    if (!g) m.set(k, (g = []));
    g.push(r);
  }
  return m;
}
