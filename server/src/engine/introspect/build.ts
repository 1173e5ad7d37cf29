/**
 * Shared pieces of the catalog mappers: an index of tables under
 * construction, type-text splitting (`numeric(10,2)[]` -> name, args, array),
 * literal-default classification, FK action names, and the rule that turns
 * key constraints into the model's column flags or indexes. Pure.
 */
import type { Column, ColumnDefault, ColumnType, RefAction, Relationship, Schema, Table } from '../model/schema.js';
import { qualifiedKey } from '../model/schema.js';
import { normaliseType } from '../model/types.js';
import type { IntrospectWarning } from './rows.js';
import { IntrospectCodes } from './rows.js';

/** Tables by key while a mapper fills them in. */
export class TableIndex {
  readonly byKey = new Map<string, Table>();
  private readonly columns = new Map<string, Map<string, Column>>();
  constructor(readonly schema: Schema, readonly warnings: IntrospectWarning[]) {}

  add(schemaName: string, name: string, isView: boolean): Table {
    const key = qualifiedKey(schemaName, name);
    const t: Table = { key, schema: schemaName, name, columns: [], indexes: [], checks: [], settings: {} };
    if (isView) t.isView = true;
    this.byKey.set(key, t);
    this.columns.set(key, new Map());
    this.schema.tables.push(t);
    return t;
  }

  /** The table, or undefined with a warning (a catalog row for a table we did not list). */
  get(schemaName: string, name: string): Table | undefined {
    const t = this.byKey.get(qualifiedKey(schemaName, name));
    if (!t) this.warnings.push({ code: IntrospectCodes.unknownTable, message: `catalog row for unlisted table ${schemaName}.${name}`, table: qualifiedKey(schemaName, name) });
    return t;
  }

  addColumn(t: Table, c: Column): void {
    t.columns.push(c);
    this.columns.get(t.key)?.set(c.name, c);
  }

  column(t: Table, name: string): Column | undefined {
    return this.columns.get(t.key)?.get(name);
  }
}

/** A column with the model's neutral defaults. */
export function newColumn(name: string, type: ColumnType, nullable: boolean): Column {
  return { name, type, nullable, nullabilityExplicit: !nullable, primaryKey: false, unique: false, autoIncrement: false, checks: [], settings: {} };
}

/**
 * Splits type text as a catalog prints it: `character varying(20)[]` ->
 * name `character varying`, args `['20']`, array; `timestamp(3) with time zone`
 * -> name `timestamp with time zone`, args `['3']`; `enum('a','b')` -> args
 * `['a', 'b']` (quotes removed). Also drops MySQL's ` unsigned`/` zerofill` into `flags`.
 */
export function splitTypeText(text: string): { name: string; args: string[]; isArray: boolean; flags: string[] } {
  let s = text.trim();
  let isArray = false;
  while (s.endsWith('[]')) {
    isArray = true;
    s = s.slice(0, -2).trimEnd();
  }
  const args: string[] = [];
  const open = s.indexOf('(');
  let name = s;
  if (open >= 0) {
    const close = matchingParen(s, open);
    args.push(...splitArgs(s.slice(open + 1, close)));
    name = (s.slice(0, open) + ' ' + s.slice(close + 1)).trim();
  }
  const flags: string[] = [];
  const words = name.split(/\s+/).filter((w) => w.length > 0);
  while (words.length > 1 && /^(unsigned|signed|zerofill)$/i.test(words[words.length - 1])) flags.unshift(words.pop()!.toLowerCase());
  name = words.join(' ');
  if (name.length > 1 && name[0] === '"' && name[name.length - 1] === '"') name = name.slice(1, -1).replace(/""/g, '"');
  return { name, args, isArray, flags };
}

function matchingParen(s: string, open: number): number {
  let depth = 0;
  let quote = '';
  for (let i = open; i < s.length; i++) {
    const ch = s[i];
    if (quote) {
      if (ch === quote) quote = s[i + 1] === quote ? (i++, quote) : '';
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i;
  }
  return s.length;
}

/** Top-level comma split of type arguments; quoted arguments are unquoted. */
function splitArgs(inner: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote = '';
  let quoted = false;
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i];
    if (quote) {
      if (ch === quote) {
        if (inner[i + 1] === quote) {
          cur += ch;
          i++;
        } else quote = '';
      } else if (ch === '\\' && quote === "'" && i + 1 < inner.length) {
        cur += inner[++i];
      } else cur += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      quoted = true;
    } else if (ch === ',') {
      out.push(quoted ? cur : cur.trim());
      cur = '';
      quoted = false;
    } else cur += ch;
  }
  if (cur.trim() !== '' || quoted || out.length) out.push(quoted ? cur : cur.trim());
  return out;
}

/** A ColumnType from catalog type text (see splitTypeText). */
export function typeFromText(text: string, enumKey?: string): ColumnType {
  const { name, args, isArray } = splitTypeText(text);
  return normaliseType(text, name, args, isArray, enumKey);
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Classifies a default as the catalog prints it. `'abc'::text` and `'abc'`
 * are strings (quotes removed, `''` unescaped), `42`, `'-1'::integer`,
 * `(-1)` numbers, `true`/`false` booleans, `NULL` (with or without a cast)
 * null; anything else an expression kept as written.
 */
export function classifyDefault(text: string, numericType = false, backslashEscapes = false): ColumnDefault {
  let s = text.trim();
  while (s.length > 2 && s[0] === '(' && matchingParen(s, 0) === s.length - 1) s = s.slice(1, -1).trim();
  let cast = '';
  if (s[0] === "'") {
    const end = closingQuote(s, 0, backslashEscapes);
    if (end > 0) {
      const rest = s.slice(end + 1).trim();
      if (rest === '' || rest.startsWith('::')) {
        cast = rest.replace(/^::/, '').trim();
        const value = backslashEscapes ? unescapeBackslashes(s.slice(1, end)) : s.slice(1, end).replace(/''/g, "'");
        const castNumeric = /^(integer|bigint|smallint|numeric|real|double precision|int\d?|float\d?|decimal)\b/i.test(cast);
        if ((castNumeric || (numericType && cast === '')) && NUMBER.test(value)) return { kind: 'number', value };
        if (/^boolean$/i.test(cast) && /^(true|false)$/i.test(value)) return { kind: 'boolean', value: value.toLowerCase() };
        return { kind: 'string', value };
      }
    }
  }
  const bare = s.replace(/::[\w\s."]+(\[\])?$/, '').trim();
  if (/^null$/i.test(bare)) return { kind: 'null', value: 'null' };
  if (/^(true|false)$/i.test(bare)) return { kind: 'boolean', value: bare.toLowerCase() };
  if (NUMBER.test(bare)) return { kind: 'number', value: bare };
  return { kind: 'expression', value: s };
}

function closingQuote(s: string, open: number, backslashEscapes: boolean): number {
  for (let i = open + 1; i < s.length; i++) {
    if (backslashEscapes && s[i] === '\\') i++;
    else if (s[i] === "'") {
      if (s[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}

const ESCAPES: Record<string, string> = { '0': '\0', n: '\n', r: '\r', t: '\t', b: '\b', Z: '\x1a' };

/** MySQL string-literal body: `\x` escapes and doubled quotes. */
function unescapeBackslashes(body: string): string {
  if (body.indexOf('\\') < 0) return body.replace(/''/g, "'");
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '\\' && i + 1 < body.length) {
      const next = body[++i];
      out += ESCAPES[next] ?? next;
    } else if (ch === "'" && body[i + 1] === "'") {
      out += "'";
      i++;
    } else out += ch;
  }
  return out;
}

/** FK action from PostgreSQL's one-letter code or an SQL phrase (`SET NULL`, `NO ACTION`). */
export function refAction(v: string | undefined): RefAction | undefined {
  if (!v) return undefined;
  switch (v.trim().toLowerCase()) {
    case 'a':
    case 'no action':
      return 'no action';
    case 'r':
    case 'restrict':
      return 'restrict';
    case 'c':
    case 'cascade':
      return 'cascade';
    case 'n':
    case 'set null':
      return 'set null';
    case 'd':
    case 'set default':
      return 'set default';
    default:
      return undefined;
  }
}

/**
 * Records a PRIMARY KEY or UNIQUE constraint the way the DBML binder does:
 * one column -> the column's flag; several -> an index with `primaryKey` or
 * `unique`. PK columns become NOT NULL.
 */
export function applyKey(tables: TableIndex, t: Table, kind: 'pk' | 'unique', columns: string[], name?: string): void {
  const cols = columns.map((c) => tables.column(t, c));
  for (let i = 0; i < cols.length; i++) {
    if (!cols[i]) tables.warnings.push({ code: IntrospectCodes.unknownColumn, message: `key ${name ?? ''} names unknown column ${columns[i]} of ${t.key}`, table: t.key });
  }
  if (kind === 'pk') for (const c of cols) if (c) c.nullable = false;
  if (cols.length === 1 && cols[0]) {
    if (kind === 'pk') {
      cols[0].primaryKey = true;
      if (name) t.settings['primaryKeyName'] = name;
    } else if (!cols[0].unique) {
      cols[0].unique = true;
      if (name) cols[0].settings['uniqueName'] = name;
    } else {
      t.indexes.push({ name, parts: [{ column: columns[0] }], unique: true, primaryKey: false });
    }
    return;
  }
  t.indexes.push({ name, parts: columns.map((column) => ({ column })), unique: kind === 'unique', primaryKey: kind === 'pk' });
}

/**
 * Cardinality of a foreign key: 1-1 when its columns are exactly the
 * referencing table's primary key or a unique key, n-1 otherwise.
 */
export function finishRelationships(schema: Schema, tables: TableIndex): void {
  for (const r of schema.relationships) {
    const t = tables.byKey.get(r.from.tableKey);
    if (t && isKey(t, r.from.columns)) r.cardinality = '1-1';
  }
}

function isKey(t: Table, cols: string[]): boolean {
  const set = new Set(cols);
  const same = (parts: string[]) => parts.length === set.size && parts.every((p) => set.has(p));
  if (cols.length === 1) {
    const c = t.columns.find((x) => x.name === cols[0]);
    if (c && (c.primaryKey || c.unique)) return true;
  }
  const pk = t.columns.filter((c) => c.primaryKey).map((c) => c.name);
  if (pk.length && same(pk)) return true;
  return t.indexes.some((ix) => (ix.unique || ix.primaryKey) && !ix.where && ix.parts.every((p) => p.column) && same(ix.parts.map((p) => p.column!)));
}

/** A declared FK relationship (cardinality fixed later by finishRelationships). */
export function fkRelationship(name: string | undefined, fromSchema: string, fromTable: string, fromCols: string[], toSchema: string, toTable: string, toCols: string[], onDelete?: RefAction, onUpdate?: RefAction): Relationship {
  const r: Relationship = {
    from: { schema: fromSchema, table: fromTable, columns: fromCols, tableKey: qualifiedKey(fromSchema, fromTable) },
    to: { schema: toSchema, table: toTable, columns: toCols, tableKey: qualifiedKey(toSchema, toTable) },
    cardinality: 'n-1',
    source: 'declared',
  };
  if (name) r.name = name;
  if (onDelete) r.onDelete = onDelete;
  if (onUpdate) r.onUpdate = onUpdate;
  return r;
}
