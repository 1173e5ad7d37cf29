/**
 * Comparable signatures of model pieces for the diff: column types, defaults,
 * primary keys, unique sets, indexes, checks, plus the name similarity used
 * by rename detection. Signatures are strings so comparisons are cheap.
 */
import type { Column, ColumnDefault, ColumnType, Index, Table } from '../model/schema.js';
import type { TypeChangeKind } from './types.js';

/** A type's identity: two types with the same signature need no ALTER. */
export function typeSignature(t: ColumnType, fold: (s: string) => string): string {
  switch (t.family) {
    case 'integer':
      return `int:${t.bits ?? 32}`;
    case 'decimal':
      return `dec:${t.precision ?? ''}:${t.scale ?? (t.precision !== undefined ? 0 : '')}`;
    case 'float':
      return `float:${/^(real|float4)$/.test(t.name) || (t.precision !== undefined && t.precision <= 24) ? 32 : 64}`;
    case 'boolean':
      return 'bool';
    case 'string':
      return `${/^(char|character|bpchar|nchar)$/.test(t.name) ? 'char' : 'varchar'}:${t.length ?? ''}`;
    case 'text':
      return 'text';
    case 'timestamp':
      return /tz|with time zone|offset/.test(t.name) || /with time zone/i.test(t.raw) ? 'timestamptz' : 'timestamp';
    case 'date':
      return 'date';
    case 'uuid':
      return 'uuid';
    case 'enum':
      return `enum:${fold(t.enumKey ?? t.name)}`;
    default:
      return `${t.family}:${t.name}:${t.args.join(',')}${t.isArray ? '[]' : ''}`;
  }
}

/** How a change of type behaves on existing rows. */
export function classifyTypeChange(a: ColumnType, b: ColumnType): TypeChangeKind {
  if (a.family === b.family) {
    switch (a.family) {
      case 'integer':
        return (b.bits ?? 32) > (a.bits ?? 32) ? 'widen-rewrite' : 'narrow';
      case 'string': {
        const charChange = /^(char|character|bpchar|nchar)$/.test(a.name) !== /^(char|character|bpchar|nchar)$/.test(b.name);
        if (b.length === undefined || (a.length !== undefined && b.length >= a.length)) return charChange ? 'widen-rewrite' : 'widen';
        return 'narrow';
      }
      case 'decimal': {
        const ap = a.precision ?? 1000;
        const bp = b.precision ?? 1000;
        const as = a.scale ?? 0;
        const bs = b.scale ?? 0;
        if (bs === as && bp >= ap) return 'widen';
        if (bs >= as && bp - bs >= ap - as) return 'widen-rewrite';
        return 'narrow';
      }
      case 'float':
        return typeSignature(b, id) === 'float:64' ? 'widen-rewrite' : 'narrow';
      case 'timestamp':
        return 'widen-rewrite';
      case 'enum':
        return 'convert';
      default:
        return 'convert';
    }
  }
  if (a.family === 'string' && b.family === 'text') return 'widen';
  if (b.family === 'text') return 'widen-rewrite';
  if (a.family === 'integer' && (b.family === 'decimal' || b.family === 'float')) return 'widen-rewrite';
  if (a.family === 'date' && b.family === 'timestamp') return 'widen-rewrite';
  return 'convert';
}

function id(s: string): string {
  return s;
}

/** A default's identity (`none` when absent or NULL). */
export function defaultSignature(d: ColumnDefault | undefined, t: ColumnType): string {
  if (!d || d.kind === 'null') return 'none';
  if (d.kind === 'boolean' || t.family === 'boolean') {
    const v = d.value.toLowerCase();
    if (v === 'true' || v === '1') return 'bool:true';
    if (v === 'false' || v === '0') return 'bool:false';
  }
  if (d.kind === 'number' || (d.kind === 'string' && (t.family === 'integer' || t.family === 'decimal' || t.family === 'float') && d.value.trim() !== '' && Number.isFinite(Number(d.value)))) {
    return `number:${Number(d.value)}`;
  }
  if (d.kind === 'expression') return `expr:${d.value.toLowerCase().replace(/\(\)/g, '').replace(/\s+/g, '')}`;
  return `string:${d.value}`;
}

/** The collation a column asks for, if any. */
export function collationOf(c: Column): string | undefined {
  return c.settings['collate'] ?? c.settings['collation'];
}

/** The primary key's columns in key order: a pk index, or the columns flagged primary. */
export function primaryKeyOf(t: Table): { columns: string[]; name?: string } {
  const ix = t.indexes.find((i) => i.primaryKey);
  if (ix) return { columns: ix.parts.map((p) => p.column ?? p.expression ?? ''), name: ix.name };
  return { columns: t.columns.filter((c) => c.primaryKey).map((c) => c.name) };
}

/** True for an index that is a unique constraint rather than a named index: unique, unnamed, plain columns, no predicate. */
export function isUniqueConstraintIndex(ix: Index): boolean {
  return ix.unique && !ix.primaryKey && !ix.name && !ix.where && ix.parts.length > 0 && ix.parts.every((p) => p.column !== undefined);
}

/** Unique column sets (excluding the primary key): unique columns and unnamed unique indexes. */
export function uniqueSetsOf(t: Table): string[][] {
  const out: string[][] = [];
  for (const c of t.columns) if (c.unique && !c.primaryKey) out.push([c.name]);
  for (const ix of t.indexes) if (isUniqueConstraintIndex(ix)) out.push(ix.parts.map((p) => p.column!));
  return out;
}

/** Named or non-constraint indexes (not the primary key, not unique constraints). */
export function plainIndexesOf(t: Table): Index[] {
  return t.indexes.filter((ix) => !ix.primaryKey && !isUniqueConstraintIndex(ix));
}

/** Whitespace-collapsed, lowercased expression text for comparing checks and index expressions. */
export function normExpr(e: string): string {
  return e.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** An index's definition with its column names passed through `col`. */
export function indexSignature(ix: Index, col: (name: string) => string): string {
  const parts = ix.parts.map((p) => (p.column !== undefined ? `c:${col(p.column)}` : `e:${normExpr(p.expression ?? '')}`)).join('\u0001');
  return `${ix.unique ? 'u' : 'i'}|${(ix.type ?? 'btree').toLowerCase()}|${parts}|${ix.where ? normExpr(ix.where) : ''}`;
}

/** Dice coefficient over character bigrams of lowercased names (1 for equal names). */
export function nameSimilarity(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === y) return 1;
  if (x.length < 2 || y.length < 2) return 0;
  const grams = new Map<string, number>();
  for (let i = 0; i < x.length - 1; i++) {
    const g = x.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  let common = 0;
  for (let i = 0; i < y.length - 1; i++) {
    const g = y.slice(i, i + 2);
    const n = grams.get(g);
    if (n) {
      common++;
      grams.set(g, n - 1);
    }
  }
  return (2 * common) / (x.length - 1 + y.length - 1);
}
