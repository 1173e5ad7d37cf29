/**
 * Dialect type conversion: the type a column gets in another SQL dialect (the
 * four we parse and the warehouses Snowflake, BigQuery, Redshift, Databricks)
 * and every conversion that loses information (lossy) or changes meaning
 * slightly (approximate): precision, unsigned integers, enums, arrays, JSON,
 * identity, collations, time zones, lengths, types the target lacks. Pure.
 * The warehouses' DDL writes exactly these types (`warehouse.ts`); the whole
 * report, with keys, defaults and indexes, is `report.ts`.
 */
import type { Column } from '../model/schema.js';
import { normaliseType } from '../model/types.js';

export type ConvertDialect = 'postgres' | 'mysql' | 'sqlite' | 'mssql' | 'snowflake' | 'bigquery' | 'redshift' | 'databricks';

export const CONVERT_DIALECTS: readonly ConvertDialect[] = ['postgres', 'mysql', 'sqlite', 'mssql', 'snowflake', 'bigquery', 'redshift', 'databricks'];

export interface ConversionIssue {
  /** `lossy`: values or constraints can be lost; `approximate`: kept, with a different type or behaviour */
  kind: 'lossy' | 'approximate';
  /**
   * stable short code: PRECISION, UNSIGNED, ENUM, ARRAY, JSON, IDENTITY, COLLATION, TIMEZONE, TYPE, LENGTH;
   * and for the warehouses' DDL: DEFAULT, GENERATED, KEY, UNIQUE, FOREIGN_KEY, NAME (columns), INDEX, CHECK (tables)
   */
  code: string;
  message: string;
}

export interface ColumnConversion {
  table: string;
  column: string;
  from: string;
  to: string;
  issues: ConversionIssue[];
}

/** Issues that belong to a table rather than one column (indexes, checks, multi-column keys). */
export interface TableConversion {
  table: string;
  issues: ConversionIssue[];
}

export interface ConvertReport {
  toDialect: ConvertDialect;
  columns: ColumnConversion[];
  /** tables with table-level issues (only those) */
  tables: TableConversion[];
  /** counts of columns with at least one issue of each kind (a column with both counts as lossy) */
  lossy: number;
  approximate: number;
}

const MAX_DECIMAL: Record<ConvertDialect, number> = { postgres: 1000, mysql: 65, sqlite: 15, mssql: 38, snowflake: 38, bigquery: 76, redshift: 38, databricks: 38 };
/** Dialects whose DECIMAL without arguments has scale 0 (so the DDL spells a precision out). */
const WIDE_DEFAULT_DECIMAL = new Set<ConvertDialect>(['snowflake', 'redshift', 'databricks']);
const HAS_ENUM = new Set<ConvertDialect>(['postgres', 'mysql']);
const HAS_UNSIGNED = new Set<ConvertDialect>(['mysql']);
const HAS_TYPED_ARRAY = new Set<ConvertDialect>(['postgres', 'bigquery', 'databricks']);
const REDSHIFT_MAX_VARCHAR = 65535;

/** What the conversion reads of a column (a model `Column` or a codegen `ColumnView`). */
export type Col = Pick<Column, 'type' | 'autoIncrement' | 'primaryKey'> & { settings?: Record<string, string> };

function family(c: Col): string {
  const t = c.type;
  if (t.family !== 'array' && t.family !== 'other') return t.family;
  const again = normaliseType(t.raw, t.name.replace(/\[\]$/, '').split(/[\s(]/)[0], t.args);
  return again.family === 'other' ? t.family : again.family;
}

const BASE_BITS: Record<string, number> = { tinyint: 8, smallint: 16, mediumint: 24, int: 32, integer: 32, bigint: 64 };

/**
 * The integer's width in bits, an unsigned one widened to the next signed width.
 * Read from the raw name first, so a type whose width was already widened is not widened twice.
 */
function intBits(c: Col): number {
  const t = c.type;
  const m = /^\s*(tinyint|smallint|mediumint|bigint|integer|int)\b/i.exec(t.raw);
  const base = m ? BASE_BITS[m[1].toLowerCase()] : (t.bits ?? 32);
  if (!/unsigned/i.test(t.raw)) return m ? base : (t.bits ?? 32);
  return base >= 64 ? 64 : base >= 32 ? 64 : base >= 16 ? 32 : 16;
}

function isUnsigned(c: Col): boolean {
  return /unsigned/i.test(c.type.raw);
}

function hasTimeZone(raw: string): boolean {
  return /tz|time zone|offset/i.test(raw) && !/without time zone/i.test(raw);
}

/** The decimal type in `to`: arguments clamped to what the dialect allows (BigQuery: NUMERIC or BIGNUMERIC by digits). */
function decimalType(c: Col, to: ConvertDialect): string {
  const t = c.type;
  if (to === 'sqlite') return 'NUMERIC';
  if (to === 'bigquery') {
    if (t.precision === undefined) return 'NUMERIC';
    const s = Math.min(t.scale ?? 0, 38);
    const whole = Math.max(1, t.precision - (t.scale ?? 0));
    if (s <= 9 && whole <= 29) return `NUMERIC(${whole + s}, ${s})`;
    return `BIGNUMERIC(${Math.min(whole, 38) + s}, ${s})`;
  }
  if (t.precision === undefined) return WIDE_DEFAULT_DECIMAL.has(to) ? 'DECIMAL(38, 9)' : 'DECIMAL';
  const p = Math.min(t.precision, MAX_DECIMAL[to]);
  const maxScale = to === 'snowflake' || to === 'redshift' ? 37 : p;
  return `DECIMAL(${p}, ${Math.min(t.scale ?? 0, p, maxScale)})`;
}

/** The type a column gets in `to` (without NOT NULL, identity and defaults). */
export function convertType(c: Col, to: ConvertDialect): string {
  const t = c.type;
  const f = family(c);
  const bits = f === 'integer' ? intBits(c) : (t.bits ?? 32);
  const big = bits > 32;
  let s: string;
  switch (f) {
    case 'integer':
      if (to === 'bigquery') s = 'INT64';
      else if (to === 'sqlite') s = 'INTEGER';
      else if (to === 'snowflake') s = 'NUMBER(38, 0)';
      // identity columns: Databricks wants BIGINT, Redshift INT or BIGINT
      else if (to === 'databricks' && c.autoIncrement) s = 'BIGINT';
      else if (big) s = 'BIGINT';
      else if (bits <= 16 && !(to === 'redshift' && c.autoIncrement)) s = 'SMALLINT';
      else s = to === 'databricks' ? 'INT' : 'INTEGER';
      break;
    case 'decimal': s = decimalType(c, to); break;
    case 'float': s = to === 'bigquery' ? 'FLOAT64' : to === 'mssql' ? 'FLOAT' : to === 'sqlite' ? 'REAL' : to === 'snowflake' ? 'FLOAT' : to === 'databricks' ? 'DOUBLE' : 'DOUBLE PRECISION'; break;
    case 'boolean': s = to === 'mssql' ? 'BIT' : to === 'sqlite' ? 'INTEGER' : to === 'bigquery' ? 'BOOL' : 'BOOLEAN'; break;
    case 'string': case 'text': case 'enum':
      if (f === 'enum' && HAS_ENUM.has(to)) { s = t.raw; break; }
      if (to === 'bigquery') s = t.length && f === 'string' ? `STRING(${t.length})` : 'STRING';
      else if (to === 'databricks') s = 'STRING';
      else if (to === 'sqlite') s = 'TEXT';
      else if (to === 'mssql') s = t.length && t.length <= 4000 ? `NVARCHAR(${t.length})` : 'NVARCHAR(MAX)';
      else if (to === 'redshift') s = `VARCHAR(${Math.min(t.length ?? REDSHIFT_MAX_VARCHAR, REDSHIFT_MAX_VARCHAR)})`;
      else s = t.length ? `VARCHAR(${t.length})` : to === 'mysql' ? 'TEXT' : 'VARCHAR';
      if (to === 'postgres' && !t.length) s = 'TEXT';
      break;
    case 'binary': s = to === 'postgres' ? 'BYTEA' : to === 'bigquery' ? 'BYTES' : to === 'mssql' ? 'VARBINARY(MAX)' : to === 'redshift' ? 'VARBYTE' : to === 'snowflake' || to === 'databricks' ? 'BINARY' : 'BLOB'; break;
    case 'date': s = to === 'sqlite' ? 'TEXT' : 'DATE'; break;
    case 'time': s = to === 'databricks' ? 'STRING' : to === 'sqlite' ? 'TEXT' : to === 'redshift' && hasTimeZone(t.raw) ? 'TIMETZ' : 'TIME'; break;
    case 'timestamp': {
      const tz = hasTimeZone(t.raw);
      s = to === 'mssql' ? (tz ? 'DATETIMEOFFSET' : 'DATETIME2') : to === 'mysql' ? 'DATETIME' : to === 'sqlite' ? 'TEXT' : to === 'snowflake' ? (tz ? 'TIMESTAMP_TZ' : 'TIMESTAMP_NTZ') : to === 'bigquery' ? (tz ? 'TIMESTAMP' : 'DATETIME') : to === 'databricks' ? (tz ? 'TIMESTAMP' : 'TIMESTAMP_NTZ') : tz ? 'TIMESTAMPTZ' : 'TIMESTAMP';
      break;
    }
    // Delta tables cannot store INTERVAL values
    case 'interval': s = to === 'postgres' || to === 'bigquery' ? 'INTERVAL' : to === 'databricks' ? 'STRING' : to === 'mssql' ? 'NVARCHAR(64)' : 'VARCHAR(64)'; break;
    case 'uuid': s = to === 'postgres' ? 'UUID' : to === 'mssql' ? 'UNIQUEIDENTIFIER' : to === 'bigquery' || to === 'databricks' ? 'STRING' : to === 'sqlite' ? 'TEXT' : 'CHAR(36)'; break;
    case 'json': s = to === 'postgres' ? 'JSONB' : to === 'mysql' || to === 'bigquery' ? 'JSON' : to === 'snowflake' ? 'VARIANT' : to === 'redshift' ? 'SUPER' : to === 'mssql' ? 'NVARCHAR(MAX)' : to === 'databricks' ? 'STRING' : 'TEXT'; break;
    case 'geometry':
      if (to === 'snowflake' || to === 'redshift') { s = /^geography/i.test(t.raw) ? 'GEOGRAPHY' : 'GEOMETRY'; break; }
      if (to === 'bigquery') { s = 'GEOGRAPHY'; break; }
      s = to === 'databricks' ? 'STRING' : to === 'mssql' ? 'NVARCHAR(MAX)' : 'TEXT';
      break;
    default: s = to === 'bigquery' || to === 'databricks' ? 'STRING' : to === 'mssql' ? 'NVARCHAR(MAX)' : to === 'redshift' ? `VARCHAR(${REDSHIFT_MAX_VARCHAR})` : 'TEXT';
  }
  if (t.isArray) {
    if (to === 'postgres') return `${s}[]`;
    // BigQuery takes no parameterised element types
    if (to === 'bigquery') return `ARRAY<${s.replace(/\(.*\)$/, '')}>`;
    if (to === 'databricks') return `ARRAY<${s}>`;
    if (to === 'snowflake') return 'ARRAY';
    if (to === 'redshift') return 'SUPER';
    return to === 'mysql' ? 'JSON' : to === 'mssql' ? 'NVARCHAR(MAX)' : 'TEXT';
  }
  return s;
}

/** The issues of converting one column's type to `to` (`single`: the column is the table's whole primary key). */
export function conversionIssues(c: Col, to: ConvertDialect, single: boolean): ConversionIssue[] {
  const out: ConversionIssue[] = [];
  const t = c.type;
  const f = family(c);
  const add = (kind: ConversionIssue['kind'], code: string, message: string) => out.push({ kind, code, message });
  const target = convertType(c, to);
  if (f === 'decimal' && t.precision !== undefined) {
    const scale = t.scale ?? 0;
    if (to === 'bigquery') {
      if (t.precision - scale > 38 || scale > 38) add('lossy', 'PRECISION', `${t.raw}: BigQuery's BIGNUMERIC keeps at most 38 digits before and 38 after the point (${target})`);
    } else if (t.precision > MAX_DECIMAL[to]) add('lossy', 'PRECISION', `precision ${t.precision} exceeds ${to}'s maximum ${MAX_DECIMAL[to]}`);
    else if ((to === 'snowflake' || to === 'redshift') && scale > 37) add('lossy', 'PRECISION', `scale ${scale} exceeds ${to}'s maximum 37`);
  }
  if (f === 'decimal' && t.precision === undefined) {
    if (WIDE_DEFAULT_DECIMAL.has(to) || to === 'bigquery') add('approximate', 'PRECISION', `${t.raw} without a precision becomes ${target}: at most 9 digits after the point`);
    if (to === 'mysql' || to === 'mssql') add('approximate', 'PRECISION', `DECIMAL without a precision has scale 0 in ${to}: fractions are rounded`);
  }
  if (f === 'decimal' && to === 'sqlite') add('approximate', 'PRECISION', 'SQLite stores NUMERIC as 8-byte floats or integers: exact decimals beyond 15 digits are lost');
  if (f === 'integer' && isUnsigned(c) && !HAS_UNSIGNED.has(to)) {
    if (intBits(c) >= 64 && /^\s*bigint/i.test(t.raw) && to !== 'snowflake') add('lossy', 'UNSIGNED', `${t.raw}: values above 2^63-1 do not fit a signed ${target}`);
    else add('approximate', 'UNSIGNED', `${t.raw}: widened to a signed type (${target}); the non-negative constraint is not kept`);
  }
  if (f === 'enum' && !HAS_ENUM.has(to)) add('approximate', 'ENUM', `enum becomes ${target}${to === 'sqlite' || to === 'mssql' ? ' with a CHECK of the values' : '; the allowed values are not enforced'}`);
  if (t.isArray && !HAS_TYPED_ARRAY.has(to)) add('approximate', 'ARRAY', `array becomes ${target}; element types are not enforced`);
  if (t.isArray && to === 'bigquery') add('approximate', 'ARRAY', 'BigQuery arrays cannot be NULL: a NULL array is stored as an empty one');
  if (f === 'json' && (to === 'sqlite' || to === 'mssql' || to === 'databricks')) add('approximate', 'JSON', `JSON stored as text (${target}); no validation or JSON operators on the type`);
  if (f === 'json' && (to === 'redshift' || to === 'snowflake')) add('approximate', 'JSON', `JSON becomes ${target} (semi-structured; different operators)`);
  if (c.autoIncrement) {
    if (to === 'bigquery') add('lossy', 'IDENTITY', 'BigQuery DDL has no auto-increment: fill the column when loading (identity columns are in preview only)');
    else if (to === 'sqlite' && !(c.primaryKey && single && f === 'integer')) add('lossy', 'IDENTITY', 'SQLite auto-increments only an INTEGER PRIMARY KEY');
    else if (to === 'databricks' && f === 'integer' && intBits(c) < 64) add('approximate', 'IDENTITY', 'Databricks identity columns are BIGINT; values are unique but not consecutive');
    else if (to === 'databricks') add('approximate', 'IDENTITY', 'identity values are unique but not guaranteed consecutive');
    else if (to === 'redshift' && f === 'integer' && intBits(c) <= 16) add('approximate', 'IDENTITY', 'Redshift identity columns are INTEGER or BIGINT: widened to INTEGER; values unique but not consecutive');
    else if (to === 'redshift' || to === 'snowflake') add('approximate', 'IDENTITY', 'identity values are unique but not guaranteed consecutive');
  }
  const collation = c.settings?.collate ?? c.settings?.collation;
  if (collation !== undefined) add('lossy', 'COLLATION', `collation ${collation} is not carried over (names differ per dialect)`);
  if (f === 'timestamp' && hasTimeZone(t.raw) && (to === 'mysql' || to === 'sqlite')) add('lossy', 'TIMEZONE', `${t.raw}: ${to} keeps no time zone offset`);
  if (f === 'time' && hasTimeZone(t.raw) && to !== 'postgres' && to !== 'redshift' && to !== 'databricks' && to !== 'sqlite') add('lossy', 'TIMEZONE', `${t.raw}: ${to}'s ${target} keeps no time zone offset`);
  if (f === 'time' && (to === 'databricks' || to === 'sqlite')) add('approximate', 'TYPE', `${to} has no TIME type: stored as text`);
  if ((f === 'uuid' || f === 'interval') && /CHAR|STRING|TEXT/.test(target)) add('approximate', 'TYPE', `${f} stored as ${target}`);
  if (f === 'geometry' && /GEOGRAPHY/.test(target) && !/^geography/i.test(t.raw)) add('approximate', 'TYPE', `${t.raw} (planar) becomes ${target} (coordinates on the sphere: longitude/latitude)`);
  else if (f === 'geometry' && /TEXT|STRING|CHAR/.test(target) && to !== 'postgres') add('approximate', 'TYPE', `${t.raw} has no equivalent in ${to}: stored as ${target} (WKT)`);
  if (f === 'network' || f === 'other') {
    if (to !== 'postgres' || f === 'other') add('approximate', 'TYPE', `${t.raw} has no equivalent in ${to}: stored as ${target}`);
  }
  if ((f === 'string' || f === 'text' || f === 'enum') && !(f === 'enum' && HAS_ENUM.has(to))) {
    if (t.length !== undefined && to === 'mssql' && t.length > 4000) add('approximate', 'LENGTH', `length ${t.length} becomes NVARCHAR(MAX)`);
    if (to === 'redshift' && f !== 'enum') {
      if ((t.length ?? Infinity) > REDSHIFT_MAX_VARCHAR) add('approximate', 'LENGTH', `${t.length === undefined ? 'unbounded text' : `length ${t.length}`} becomes VARCHAR(${REDSHIFT_MAX_VARCHAR}): longer values do not fit`);
      else add('approximate', 'LENGTH', `Redshift counts VARCHAR(${t.length}) in bytes, not characters: multi-byte text may not fit`);
    }
    if (to === 'databricks' && t.length !== undefined && f === 'string') add('approximate', 'LENGTH', `STRING has no maximum length: ${t.length} is not enforced`);
  }
  return out;
}
