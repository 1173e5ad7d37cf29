/**
 * DDL for the warehouses: Snowflake, BigQuery, Redshift and Databricks (Delta
 * tables). Each statement is written the way the warehouse expects it:
 * identifier quoting and case rules, the types of `convert.ts` (so the DDL
 * and the conversion report agree), identity columns where the warehouse has
 * them, primary and foreign keys as the informational (not enforced)
 * constraints each supports, comments (`COMMENT`, `OPTIONS(description=…)`,
 * `COMMENT ON`), and only the defaults it accepts. Nothing is invented: no
 * clustering keys, DISTKEY/SORTKEY or partitioning. What cannot be carried
 * over (indexes, checks, some keys and defaults) is left out of the DDL and
 * reported per column or table by `warehouseColumnIssues` /
 * `warehouseTableIssues`, which the conversion report uses too. Pure.
 */
import type { ColumnView, RelationView, TableView, ViewModel } from './view-model.js';
import type { ConversionIssue } from './convert.js';
import { convertType } from './convert.js';
import { SQL_KEYWORDS } from './names.js';

export type Warehouse = 'snowflake' | 'bigquery' | 'redshift' | 'databricks';

export const WAREHOUSES: readonly Warehouse[] = ['snowflake', 'bigquery', 'redshift', 'databricks'];

export function isWarehouse(d: string): d is Warehouse {
  return d === 'snowflake' || d === 'bigquery' || d === 'redshift' || d === 'databricks';
}

const NAMES: Record<Warehouse, string> = { snowflake: 'Snowflake', bigquery: 'BigQuery', redshift: 'Redshift', databricks: 'Databricks' };

function words(s: string): Set<string> {
  return new Set(s.trim().toLowerCase().split(/\s+/));
}

/** Snowflake's reserved and limited keywords (docs.snowflake.com/en/sql-reference/reserved-keywords). */
const SNOWFLAKE_RESERVED = words(`account all alter and any as asc between by case cast check column connect connection constraint create
  cross current current_date current_time current_timestamp current_user database delete desc distinct drop else exists false following
  for from full grant group gscluster having ilike in increment inner insert intersect into is issue join lateral left like localtime
  localtimestamp minus natural not null of on or order organization qualify regexp revoke right rlike row rows sample schema select set
  some start table tablesample then to trigger true try_cast union unique update using values view when whenever where window with`);

/** GoogleSQL's reserved keywords (cloud.google.com/bigquery/docs/reference/standard-sql/lexical#reserved_keywords). */
const BIGQUERY_RESERVED = words(`all and any array as asc assert_rows_modified at between by case cast collate contains create cross cube
  current default define desc distinct else end enum escape except exclude exists extract false fetch following for from full group
  grouping groups hash having if ignore in include inner intersect interval into is join lateral left like limit lookup merge natural new no
  not null nulls of on or order outer over partition pivot preceding proto qualify range recursive respect right rollup rows select set some
  struct tablesample then to treat true unbounded union unnest unpivot using when where window with within`);

/** Redshift's reserved words (docs.aws.amazon.com/redshift/latest/dg/r_pg_keywords.html). */
const REDSHIFT_RESERVED = words(`aes128 aes256 all allowoverwrite analyse analyze and any array as asc authorization az64 backup between
  binary blanksasnull both bytedict bzip2 case cast check collate column constraint create credentials cross current_date current_time
  current_timestamp current_user current_user_id default deferrable deflate defrag delta delta32k desc disable distinct do else
  emptyasnull enable encode encrypt encryption end except explicit false for foreign freeze from full globaldict256 globaldict64k grant
  group gzip having identity ignore ilike in initially inner intersect interval into is isnull join language leading left like limit
  localtime localtimestamp lun luns lzo lzop minus mostly16 mostly32 mostly8 natural new not notnull null nulls off offline offset oid old
  on only open or order outer overlaps parallel partition percent permissions pivot placing primary raw readratio recover references
  rejectlog resort respect restore right select session_user similar snapshot some sysdate system table tag tdes text255 text32k then
  timestamp to top trailing true truncatecolumns union unique unnest unpivot user using verbose wallet when where with without`);

/** Databricks SQL's reserved words, ANSI mode (docs.databricks.com/en/sql/language-manual/sql-ref-reserved-words.html). */
const DATABRICKS_RESERVED = words(`all alter and any array as at authorization between both by case cast check collate column commit
  constraint create cross cube current current_date current_time current_timestamp current_user delete describe distinct drop else end
  escape except exists external extract false fetch filter for foreign from full function global grant group grouping having in inner
  insert intersect interval into is join leading left like local natural no not null of on only or order out outer overlaps partition
  position primary range references revoke right rollback rollup row rows select session_user set some start table tablesample then time
  to trailing true truncate union unique unknown update user using values when where window with`);

function plainIdent(name: string, dollar: boolean): boolean {
  if (!name.length) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
    const digit = c >= 48 && c <= 57;
    if (letter || (i > 0 && (digit || (dollar && c === 36)))) continue;
    return false;
  }
  return true;
}

/**
 * `name` as an identifier in the warehouse, quoted only when it must be (a
 * keyword of the warehouse or of SQL at large, or no plain identifier).
 * Snowflake folds unquoted names to upper case while a quoted name keeps its
 * case exactly: a name that must be quoted is written in upper case, so every
 * name resolves the same way (`"FROM"`, `"MY COL"`); with `preserveCase`
 * every name that is not all upper case is quoted as written instead.
 * Quoting changes nothing else in BigQuery, Databricks (backticks) and
 * Redshift (which folds even quoted names to lower case).
 */
export function warehouseQuote(name: string, wh: Warehouse, preserveCase = false): string {
  const lower = name.toLowerCase();
  switch (wh) {
    case 'snowflake': {
      const keyword = SNOWFLAKE_RESERVED.has(lower) || SQL_KEYWORDS.has(lower);
      if (plainIdent(name, true) && !keyword && !(preserveCase && name !== name.toUpperCase())) return name;
      // quoted in upper case: the name Snowflake would fold it to, so the catalog stays uniformly upper case
      return `"${(preserveCase ? name : name.toUpperCase()).replace(/"/g, '""')}"`;
    }
    case 'redshift':
      if (plainIdent(name, true) && !REDSHIFT_RESERVED.has(lower) && !SQL_KEYWORDS.has(lower)) return name;
      return `"${name.replace(/"/g, '""')}"`;
    case 'bigquery':
      if (plainIdent(name, false) && !BIGQUERY_RESERVED.has(lower) && !SQL_KEYWORDS.has(lower)) return name;
      return '`' + name.replace(/\\/g, '\\\\').replace(/`/g, '\\`') + '`';
    case 'databricks':
      if (plainIdent(name, false) && !DATABRICKS_RESERVED.has(lower) && !SQL_KEYWORDS.has(lower)) return name;
      return '`' + name.replace(/`/g, '``') + '`';
  }
}

/**
 * A string literal in the warehouse. BigQuery and Databricks take backslash
 * escapes; Snowflake and Redshift treat a backslash as an escape too, so it is
 * doubled; a quote is doubled where that is the standard form.
 */
export function warehouseString(s: string, wh: Warehouse): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += wh === 'bigquery' || wh === 'databricks' ? "\\'" : "''";
    else if (ch === '\n' && (wh === 'bigquery' || wh === 'databricks')) out += '\\n';
    else if (ch === '\r' && (wh === 'bigquery' || wh === 'databricks')) out += '\\r';
    else out += ch;
  }
  return `'${out}'`;
}

/** BigQuery dataset names: letters, digits and underscores only. */
function datasetName(s: string): string {
  const d = s.replace(/[^A-Za-z0-9_]/g, '_');
  return d.length ? d : 'dataset';
}

/** Options a warehouse target takes (the manifest's `options`). */
export interface WarehouseOptions {
  /** BigQuery: the dataset of the source's default schema (other schemas become datasets of their own name) */
  dataset?: string;
  /** Snowflake: quote every name that is not all upper case, keeping its case */
  preserveCase?: boolean;
}

/** The BigQuery dataset a table goes to. */
export function bigqueryDataset(t: TableView, opts: WarehouseOptions): string {
  return datasetName(t.inDefaultSchema && opts.dataset ? opts.dataset : t.schema);
}

/** Unity Catalog names cannot hold periods, spaces, slashes or control characters. */
const UC_INVALID = /[ ./\x00-\x1f\x7f]/g;

/** A table, schema or constraint name as the warehouse can take it (Databricks: Unity Catalog's rules; BigQuery constraints: letters, digits, _). */
export function warehouseObjectName(name: string, wh: Warehouse, constraint = false): string {
  if (wh === 'databricks') return name.replace(UC_INVALID, '_');
  if (wh === 'bigquery' && constraint) return name.replace(/[^A-Za-z0-9_]/g, '_');
  return name;
}

/** The table's name: schema-qualified outside the default schema (BigQuery: always `dataset.table`). */
export function warehouseTableName(t: TableView, wh: Warehouse, opts: WarehouseOptions = {}): string {
  const q = (n: string) => warehouseQuote(warehouseObjectName(n, wh), wh, opts.preserveCase);
  if (wh === 'bigquery') return `${q(bigqueryDataset(t, opts))}.${q(t.name)}`;
  return t.inDefaultSchema ? q(t.sqlName) : `${q(t.schema)}.${q(t.name)}`;
}

/** `CREATE SCHEMA IF NOT EXISTS` for every schema (BigQuery: dataset) the tables need besides the default. */
export function warehouseSchemas(vm: Pick<ViewModel, 'tables' | 'extraSchemas'>, wh: Warehouse, opts: WarehouseOptions = {}): string[] {
  const names = wh === 'bigquery' ? [...new Set(vm.tables.map((t) => bigqueryDataset(t, opts)))] : vm.extraSchemas;
  return names.map((n) => `CREATE SCHEMA IF NOT EXISTS ${warehouseQuote(warehouseObjectName(n, wh), wh, opts.preserveCase)}`);
}

/** The column's own type in the warehouse. */
export function warehouseType(c: ColumnView, wh: Warehouse): string {
  return convertType(c, wh);
}

/**
 * The column's type in the table's DDL (the conversion report's `to`): an
 * integer foreign key is typed like the key it references, which an identity
 * column may have widened (Databricks identities are BIGINT).
 */
export function warehouseColumnType(t: TableView, c: ColumnView, wh: Warehouse): string {
  const own = warehouseType(c, wh);
  if (c.family !== 'integer' || !c.isForeignKey) return own;
  for (const r of t.outgoing) {
    const i = r.fromColumns.indexOf(c);
    const ref = i >= 0 ? r.toColumns[i] : undefined;
    if (ref && ref.family === 'integer' && ref !== c) return warehouseType(ref, wh);
  }
  return own;
}

const CURRENT_TIMESTAMP = /^(now\(\)|current_timestamp(\(\d*\))?|localtimestamp(\(\d*\))?|getdate\(\)|sysdate|sysdatetime\(\)|transaction_timestamp\(\)|statement_timestamp\(\))$/i;
const CURRENT_DATE = /^(current_date(\(\))?|curdate\(\))$/i;
const NUMBER = /^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$/;
const STRINGY = new Set(['string', 'text', 'enum', 'uuid']);

/**
 * The column's `DEFAULT …` in the warehouse: `sql` when it carries over,
 * `dropped` (what was lost) when the column had a default the DDL leaves out.
 */
export function warehouseDefault(c: ColumnView, wh: Warehouse): { sql?: string; dropped?: string } {
  const d = c.default;
  if (!d || c.autoIncrement || c.generated !== undefined) return {};
  const type = warehouseType(c, wh);
  const scalar = !c.type.isArray && !/^(VARIANT|SUPER|JSON|ARRAY|GEOGRAPHY|GEOMETRY|VARBYTE|BYTES|BINARY)/.test(type);
  const dropped = { dropped: `default ${d.kind === 'string' || d.kind === 'enum' ? `'${d.value}'` : d.value} is not carried over` };
  if (!scalar) return d.kind === 'null' ? {} : dropped;
  switch (d.kind) {
    case 'null': return {};
    case 'boolean': case 'number': {
      if (c.family === 'boolean') {
        const v = d.kind === 'boolean' ? /^(true|1|'1'|b'1')$/i.test(d.value) : NUMBER.test(d.value) && Number(d.value) !== 0;
        return { sql: `DEFAULT ${v ? 'TRUE' : 'FALSE'}` };
      }
      if (d.kind === 'number' && NUMBER.test(d.value) && (c.family === 'integer' || c.family === 'decimal' || c.family === 'float')) return { sql: `DEFAULT ${d.value}` };
      return dropped;
    }
    case 'string': case 'enum':
      if (!STRINGY.has(c.family)) return dropped;
      if (c.enum && !c.enum.values.some((v) => v.name === d.value)) return dropped;
      return { sql: `DEFAULT ${warehouseString(d.value, wh)}` };
    case 'expression': {
      const v = d.value.trim();
      if (c.family === 'timestamp' && CURRENT_TIMESTAMP.test(v)) {
        if (wh === 'redshift') return { sql: 'DEFAULT GETDATE()' };
        if (wh === 'bigquery') return { sql: type === 'DATETIME' ? 'DEFAULT CURRENT_DATETIME()' : 'DEFAULT CURRENT_TIMESTAMP()' };
        return { sql: 'DEFAULT CURRENT_TIMESTAMP()' };
      }
      if (c.family === 'date' && (CURRENT_DATE.test(v) || CURRENT_TIMESTAMP.test(v))) return { sql: wh === 'redshift' ? 'DEFAULT CURRENT_DATE' : 'DEFAULT CURRENT_DATE()' };
      return dropped;
    }
    default: return dropped;
  }
}

/** BigQuery key columns must have one of these types (cloud.google.com/bigquery/docs/information-schema-table-constraints). */
const BIGQUERY_KEY_TYPES = /^(BIGNUMERIC|BOOL|DATE|DATETIME|INT64|NUMERIC|STRING|TIMESTAMP)\b/;

function bigqueryKeyable(cols: readonly ColumnView[]): boolean {
  return cols.every((c) => !c.type.isArray && BIGQUERY_KEY_TYPES.test(warehouseType(c, 'bigquery')));
}

/** Whether the table's primary key is declared (BigQuery: at most 16 columns of key types). */
export function warehousePrimaryKey(t: TableView, wh: Warehouse): boolean {
  if (!t.primaryKey.length) return false;
  return wh !== 'bigquery' || (t.primaryKey.length <= 16 && bigqueryKeyable(t.primaryKey));
}

function sameColumns(a: readonly ColumnView[], b: readonly ColumnView[]): boolean {
  return a.length === b.length && a.every((c) => b.includes(c));
}

/** Why a foreign key cannot be declared in the warehouse, or undefined when it can. */
function foreignKeyBlocked(r: RelationView, wh: Warehouse, opts: WarehouseOptions): string | undefined {
  const toPk = r.to.primaryKey.length > 0 && sameColumns(r.to.primaryKey, r.toColumns) && warehousePrimaryKey(r.to, wh);
  switch (wh) {
    case 'snowflake': case 'redshift':
      return r.toUnique ? undefined : 'the referenced columns are no primary or unique key';
    case 'databricks':
      return toPk ? undefined : 'Databricks foreign keys must reference the primary key';
    case 'bigquery':
      if (r.from === r.to) return 'a BigQuery foreign key cannot reference its own table';
      if (!toPk) return 'BigQuery foreign keys must reference the primary key';
      if (bigqueryDataset(r.from, opts) !== bigqueryDataset(r.to, opts)) return 'BigQuery keys must stay within one dataset';
      if (!bigqueryKeyable(r.fromColumns)) return 'BigQuery key columns must be INT64, NUMERIC, BIGNUMERIC, STRING, BOOL, DATE, DATETIME or TIMESTAMP';
      return undefined;
  }
}

/** The foreign keys of a table the warehouse can declare (informational). */
export function warehouseForeignKeys(t: TableView, wh: Warehouse, opts: WarehouseOptions = {}): RelationView[] {
  return t.outgoing.filter((r) => foreignKeyBlocked(r, wh, opts) === undefined);
}

/** `ALTER TABLE … ADD CONSTRAINT … FOREIGN KEY …` (after every table exists; BigQuery: `NOT ENFORCED`). */
export function warehouseAddForeignKey(r: RelationView, wh: Warehouse, opts: WarehouseOptions = {}): string {
  const q = (n: string) => warehouseQuote(n, wh, opts.preserveCase);
  const cols = (cs: readonly ColumnView[]) => cs.map((c) => q(c.name)).join(', ');
  return `ALTER TABLE ${warehouseTableName(r.from, wh, opts)} ADD CONSTRAINT ${q(warehouseObjectName(r.name, wh, true))} FOREIGN KEY (${cols(r.fromColumns)}) REFERENCES ${warehouseTableName(r.to, wh, opts)} (${cols(r.toColumns)})${wh === 'bigquery' ? ' NOT ENFORCED' : ''}`;
}

/**
 * One column's definition in its table, its parts in the order each
 * warehouse documents: Snowflake `NOT NULL` then `DEFAULT` or `AUTOINCREMENT`
 * then `COMMENT`; Redshift attributes (`IDENTITY`, `DEFAULT`) before `NOT
 * NULL`; BigQuery `DEFAULT`, `NOT NULL`, `OPTIONS(…)`; Databricks any order.
 */
export function warehouseColumnDef(t: TableView, c: ColumnView, wh: Warehouse, opts: WarehouseOptions = {}): string {
  const type = warehouseColumnType(t, c, wh);
  const identity = c.autoIncrement && c.family === 'integer';
  const def = warehouseDefault(c, wh).sql;
  // BigQuery arrays are never NULL (a NULL array is stored empty) and take no NOT NULL
  const notNull = !c.nullable && !(wh === 'bigquery' && c.type.isArray) ? ' NOT NULL' : '';
  const note = c.docLines.join('\n').trim();
  const name = `${warehouseQuote(c.name, wh, opts.preserveCase)} ${type}`;
  switch (wh) {
    case 'snowflake': return `${name}${notNull}${identity ? ' AUTOINCREMENT' : def ? ` ${def}` : ''}${note ? ` COMMENT ${warehouseString(note, wh)}` : ''}`;
    case 'redshift': return `${name}${identity ? ' IDENTITY(1, 1)' : ''}${def ? ` ${def}` : ''}${notNull}`;
    case 'bigquery': return `${name}${def ? ` ${def}` : ''}${notNull}${note ? ` OPTIONS(description = ${warehouseString(note, wh)})` : ''}`;
    case 'databricks': return `${name}${identity ? ' GENERATED BY DEFAULT AS IDENTITY' : ''}${notNull}${def ? ` ${def}` : ''}${note ? ` COMMENT ${warehouseString(note, wh)}` : ''}`;
  }
}

/** Column names Delta tables accept only with column mapping on. */
const DELTA_SPECIAL = /[ ,;{}()\n\t=]/;

/** `CREATE TABLE …` for the table (without the trailing `;`). */
export function warehouseCreateTable(t: TableView, wh: Warehouse, opts: WarehouseOptions = {}): string {
  const q = (n: string) => warehouseQuote(n, wh, opts.preserveCase);
  const cols = (cs: readonly ColumnView[]) => cs.map((c) => q(c.name)).join(', ');
  const items = t.columns.map((c) => `  ${warehouseColumnDef(t, c, wh, opts)}`);
  if (warehousePrimaryKey(t, wh)) {
    if (wh === 'bigquery') items.push(`  PRIMARY KEY (${cols(t.primaryKey)}) NOT ENFORCED`);
    else if (wh === 'databricks') items.push(`  CONSTRAINT ${q(warehouseObjectName(shortName(`${t.sqlName}_pk`), wh, true))} PRIMARY KEY (${cols(t.primaryKey)})`);
    else items.push(`  PRIMARY KEY (${cols(t.primaryKey)})`);
  }
  if (wh === 'snowflake' || wh === 'redshift') {
    for (const c of t.columns) if (c.unique) items.push(`  UNIQUE (${q(c.name)})`);
    for (const u of t.uniques) items.push(`  UNIQUE (${cols(u)})`);
  }
  let s = `CREATE TABLE ${warehouseTableName(t, wh, opts)} (\n${items.join(',\n')}\n)`;
  const note = t.docLines.join('\n').trim();
  if (wh === 'snowflake' && note) s += ` COMMENT = ${warehouseString(note, wh)}`;
  if (wh === 'bigquery' && note) s += `\nOPTIONS(description = ${warehouseString(note, wh)})`;
  if (wh === 'databricks') {
    s += '\nUSING DELTA';
    if (note) s += `\nCOMMENT ${warehouseString(note, wh)}`;
    const props: string[] = [];
    if (t.columns.some((c) => warehouseDefault(c, wh).sql)) props.push("'delta.feature.allowColumnDefaults' = 'supported'");
    if (t.columns.some((c) => DELTA_SPECIAL.test(c.name))) props.push("'delta.columnMapping.mode' = 'name'");
    if (props.length) s += `\nTBLPROPERTIES (${props.join(', ')})`;
  }
  return s;
}

/** Statements that follow the table: Redshift's `COMMENT ON TABLE / COLUMN` (the others comment inline). */
export function warehouseTableComments(t: TableView, wh: Warehouse, opts: WarehouseOptions = {}): string[] {
  if (wh !== 'redshift') return [];
  const name = warehouseTableName(t, wh, opts);
  const out: string[] = [];
  const note = t.docLines.join('\n').trim();
  if (note) out.push(`COMMENT ON TABLE ${name} IS ${warehouseString(note, wh)}`);
  for (const c of t.columns) {
    const n = c.docLines.join('\n').trim();
    if (n) out.push(`COMMENT ON COLUMN ${name}.${warehouseQuote(c.name, wh, opts.preserveCase)} IS ${warehouseString(n, wh)}`);
  }
  return out;
}

/** Table-level conversions the DDL cannot carry: indexes, checks, multi-column unique keys, the primary key where it cannot be declared. */
export function warehouseTableIssues(t: TableView, wh: Warehouse): ConversionIssue[] {
  const name = NAMES[wh];
  const out: ConversionIssue[] = [];
  for (const ix of t.indexes) {
    const what = [...ix.columns.map((c) => c.name), ...ix.expressions].join(', ');
    out.push({ kind: 'approximate', code: 'INDEX', message: `${ix.unique ? 'unique ' : ''}index ${ix.name} (${what}) is not created: ${name} has no secondary indexes${ix.unique ? '; uniqueness is not enforced' : ''}` });
  }
  for (const ch of t.checks) out.push({ kind: 'lossy', code: 'CHECK', message: `CHECK (${ch}) is not carried over` });
  for (const u of t.uniques) {
    const cols = u.map((c) => c.name).join(', ');
    if (wh === 'snowflake' || wh === 'redshift') out.push({ kind: 'approximate', code: 'UNIQUE', message: `UNIQUE (${cols}) is declared but not enforced` });
    else out.push({ kind: 'lossy', code: 'UNIQUE', message: `UNIQUE (${cols}) is dropped: ${name} has no unique constraints` });
  }
  if (wh === 'databricks') {
    // Unity Catalog: no spaces, periods, slashes or control characters in names, and names are stored in lower case
    for (const n of t.inDefaultSchema ? [t.sqlName] : [t.schema, t.name]) {
      const stored = warehouseObjectName(n, wh).toLowerCase();
      if (stored !== n) out.push({ kind: 'approximate', code: 'NAME', message: `${n} is stored as ${stored}: Unity Catalog names hold no spaces, periods, slashes or control characters and are kept in lower case` });
    }
  }
  if (t.primaryKey.length > 1) {
    out.push(warehousePrimaryKey(t, wh)
      ? { kind: 'approximate', code: 'KEY', message: `PRIMARY KEY (${t.primaryKey.map((c) => c.name).join(', ')}) is informational: not enforced` }
      : { kind: 'lossy', code: 'KEY', message: `PRIMARY KEY (${t.primaryKey.map((c) => c.name).join(', ')}) is dropped: BigQuery keys are at most 16 columns of INT64, NUMERIC, BIGNUMERIC, STRING, BOOL, DATE, DATETIME or TIMESTAMP` });
  }
  return out;
}

/** Column-level conversions beyond the type: defaults, generated expressions, keys, names. */
export function warehouseColumnIssues(t: TableView, c: ColumnView, wh: Warehouse, opts: WarehouseOptions = {}): ConversionIssue[] {
  const name = NAMES[wh];
  const out: ConversionIssue[] = [];
  const dropped = warehouseDefault(c, wh).dropped;
  if (dropped) out.push({ kind: 'lossy', code: 'DEFAULT', message: `${dropped}: ${name} does not accept it here` });
  if (c.autoIncrement && c.family !== 'integer' && wh !== 'bigquery') out.push({ kind: 'lossy', code: 'IDENTITY', message: `identity on a ${warehouseType(c, wh)} column is not carried over: ${name} identities are integers` });
  const typed = warehouseColumnType(t, c, wh);
  if (typed !== warehouseType(c, wh)) out.push({ kind: 'approximate', code: 'TYPE', message: `typed ${typed} like the key it references (${warehouseType(c, wh)} on its own)` });
  for (const ch of c.checks) out.push({ kind: 'lossy', code: 'CHECK', message: `CHECK (${ch}) is not carried over` });
  if (c.generated !== undefined) out.push({ kind: 'lossy', code: 'GENERATED', message: `generated column (${c.generated}) becomes a plain column` });
  if (c.primaryKey && t.primaryKey.length === 1) {
    out.push(warehousePrimaryKey(t, wh)
      ? { kind: 'approximate', code: 'KEY', message: 'primary key is informational: not enforced' }
      : { kind: 'lossy', code: 'KEY', message: `primary key is dropped: BigQuery keys must be INT64, NUMERIC, BIGNUMERIC, STRING, BOOL, DATE, DATETIME or TIMESTAMP` });
  }
  if (c.unique) {
    out.push(wh === 'snowflake' || wh === 'redshift'
      ? { kind: 'approximate', code: 'UNIQUE', message: 'UNIQUE is declared but not enforced' }
      : { kind: 'lossy', code: 'UNIQUE', message: `UNIQUE is dropped: ${name} has no unique constraints` });
  }
  for (const r of t.outgoing) {
    if (r.fromColumns[0] !== c) continue;
    const target = `${r.to.name} (${r.toColumns.map((x) => x.name).join(', ')})`;
    const blocked = foreignKeyBlocked(r, wh, opts);
    if (blocked) out.push({ kind: 'lossy', code: 'FOREIGN_KEY', message: `foreign key to ${target} is dropped: ${blocked}` });
    else out.push({ kind: 'approximate', code: 'FOREIGN_KEY', message: `foreign key to ${target} is informational: not enforced${r.onDelete || r.onUpdate ? `; ${[r.onDelete ? `ON DELETE ${r.onDelete.toUpperCase()}` : '', r.onUpdate ? `ON UPDATE ${r.onUpdate.toUpperCase()}` : ''].filter(Boolean).join(' and ')} dropped` : ''}` });
  }
  if (wh === 'redshift' && c.name !== c.name.toLowerCase()) out.push({ kind: 'approximate', code: 'NAME', message: `Redshift folds names to lower case: ${c.name} becomes ${c.name.toLowerCase()}` });
  return out;
}

/** Names longer than identifiers may be are cut, with a hash of the whole. */
function shortName(name: string, max = 60): string {
  if (name.length <= max) return name;
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (Math.imul(h, 31) + name.charCodeAt(i)) >>> 0;
  return `${name.slice(0, max - 9)}_${h.toString(36).padStart(7, '0').slice(0, 8)}`;
}

/** SQL comment lines for the DDL: what of the table was left out (indexes, checks, keys), one line each. */
export function warehouseLeftOut(t: TableView, wh: Warehouse, opts: WarehouseOptions = {}): string[] {
  const lines = warehouseTableIssues(t, wh).filter((i) => i.kind === 'lossy' || i.code === 'INDEX').map((i) => `-- ${t.name}: ${i.message}`);
  for (const c of t.columns) for (const i of warehouseColumnIssues(t, c, wh, opts)) if (i.kind === 'lossy') lines.push(`-- ${t.name}.${c.name}: ${i.message}`);
  return lines.map((l) => l.replace(/\r?\n/g, ' '));
}
