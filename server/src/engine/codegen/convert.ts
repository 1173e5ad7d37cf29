/**
 * Dialect conversion report: for every column, the type it gets in another
 * SQL dialect (the four we parse and the warehouses Snowflake, BigQuery,
 * Redshift, Databricks) and every conversion that loses information (lossy)
 * or changes meaning slightly (approximate): precision, unsigned integers,
 * enums, arrays, JSON, identity, collations, time zones, types the target
 * lacks. Pure; the DDL itself is the `sql-*` targets' job.
 */
import type { Column, Schema } from '../model/schema.js';
import { normaliseType } from '../model/types.js';

export type ConvertDialect = 'postgres' | 'mysql' | 'sqlite' | 'mssql' | 'snowflake' | 'bigquery' | 'redshift' | 'databricks';

export const CONVERT_DIALECTS: readonly ConvertDialect[] = ['postgres', 'mysql', 'sqlite', 'mssql', 'snowflake', 'bigquery', 'redshift', 'databricks'];

export interface ConversionIssue {
  /** `lossy`: values or constraints can be lost; `approximate`: kept, with a different type or behaviour */
  kind: 'lossy' | 'approximate';
  /** stable short code: PRECISION, UNSIGNED, ENUM, ARRAY, JSON, IDENTITY, COLLATION, TIMEZONE, TYPE, LENGTH */
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

export interface ConvertReport {
  toDialect: ConvertDialect;
  columns: ColumnConversion[];
  /** counts of columns with at least one issue of each kind */
  lossy: number;
  approximate: number;
}

const MAX_DECIMAL: Record<ConvertDialect, number> = { postgres: 1000, mysql: 65, sqlite: 15, mssql: 38, snowflake: 38, bigquery: 76, redshift: 38, databricks: 38 };
const HAS_ENUM = new Set<ConvertDialect>(['postgres', 'mysql']);
const HAS_UNSIGNED = new Set<ConvertDialect>(['mysql']);
const HAS_TYPED_ARRAY = new Set<ConvertDialect>(['postgres', 'bigquery', 'databricks']);

type Col = Pick<Column, 'type' | 'autoIncrement' | 'primaryKey' | 'settings'>;

function family(c: Col): string {
  const t = c.type;
  if (t.family !== 'array' && t.family !== 'other') return t.family;
  const again = normaliseType(t.raw, t.name.replace(/\[\]$/, '').split(/[\s(]/)[0], t.args);
  return again.family === 'other' ? t.family : again.family;
}

/** The type a column gets in `to` (without NOT NULL and defaults). */
export function convertType(c: Col, to: ConvertDialect): string {
  const t = c.type;
  const f = family(c);
  const big = (t.bits ?? 32) > 32 || (/unsigned/i.test(t.raw) && (t.bits ?? 32) >= 32);
  const dec = t.precision !== undefined ? `(${Math.min(t.precision, MAX_DECIMAL[to])}, ${t.scale ?? 0})` : '';
  let s: string;
  switch (f) {
    case 'integer': s = to === 'bigquery' ? 'INT64' : to === 'sqlite' ? 'INTEGER' : to === 'snowflake' ? 'NUMBER(38, 0)' : big ? 'BIGINT' : t.bits === 16 ? 'SMALLINT' : to === 'databricks' ? 'INT' : 'INTEGER'; break;
    case 'decimal': s = to === 'bigquery' ? ((t.precision ?? 0) > 38 || (t.scale ?? 0) > 9 ? `BIGNUMERIC${dec}` : `NUMERIC${dec}`) : to === 'sqlite' ? 'NUMERIC' : `DECIMAL${dec}`; break;
    case 'float': s = to === 'bigquery' ? 'FLOAT64' : to === 'mssql' ? 'FLOAT' : to === 'sqlite' ? 'REAL' : to === 'snowflake' ? 'FLOAT' : 'DOUBLE PRECISION'; break;
    case 'boolean': s = to === 'mssql' ? 'BIT' : to === 'sqlite' ? 'INTEGER' : to === 'bigquery' ? 'BOOL' : 'BOOLEAN'; break;
    case 'string': case 'text': case 'enum':
      if (f === 'enum' && HAS_ENUM.has(to)) { s = t.raw; break; }
      s = to === 'bigquery' || to === 'databricks' ? 'STRING' : to === 'sqlite' ? 'TEXT' : to === 'mssql' ? (t.length && t.length <= 4000 ? `NVARCHAR(${t.length})` : 'NVARCHAR(MAX)') : t.length ? `VARCHAR(${t.length})` : to === 'redshift' ? 'VARCHAR(65535)' : to === 'mysql' ? 'TEXT' : 'VARCHAR';
      if (to === 'postgres' && !t.length) s = 'TEXT';
      break;
    case 'binary': s = to === 'postgres' ? 'BYTEA' : to === 'bigquery' ? 'BYTES' : to === 'mssql' ? 'VARBINARY(MAX)' : to === 'redshift' ? 'VARBYTE' : to === 'snowflake' || to === 'databricks' ? 'BINARY' : 'BLOB'; break;
    case 'date': s = to === 'sqlite' ? 'TEXT' : 'DATE'; break;
    case 'time': s = to === 'databricks' ? 'STRING' : to === 'sqlite' ? 'TEXT' : 'TIME'; break;
    case 'timestamp': {
      const tz = /tz|time zone|offset/i.test(t.raw) && !/without time zone/i.test(t.raw);
      s = to === 'mssql' ? (tz ? 'DATETIMEOFFSET' : 'DATETIME2') : to === 'mysql' ? 'DATETIME' : to === 'sqlite' ? 'TEXT' : to === 'snowflake' ? (tz ? 'TIMESTAMP_TZ' : 'TIMESTAMP_NTZ') : to === 'bigquery' ? (tz ? 'TIMESTAMP' : 'DATETIME') : to === 'databricks' ? (tz ? 'TIMESTAMP' : 'TIMESTAMP_NTZ') : tz ? 'TIMESTAMPTZ' : 'TIMESTAMP';
      break;
    }
    case 'interval': s = to === 'postgres' || to === 'bigquery' || to === 'databricks' ? 'INTERVAL' : to === 'mssql' ? 'NVARCHAR(64)' : 'VARCHAR(64)'; break;
    case 'uuid': s = to === 'postgres' ? 'UUID' : to === 'mssql' ? 'UNIQUEIDENTIFIER' : to === 'bigquery' || to === 'databricks' ? 'STRING' : to === 'sqlite' ? 'TEXT' : 'CHAR(36)'; break;
    case 'json': s = to === 'postgres' ? 'JSONB' : to === 'mysql' || to === 'bigquery' ? 'JSON' : to === 'snowflake' ? 'VARIANT' : to === 'redshift' ? 'SUPER' : to === 'mssql' ? 'NVARCHAR(MAX)' : to === 'databricks' ? 'STRING' : 'TEXT'; break;
    default: s = to === 'bigquery' || to === 'databricks' ? 'STRING' : to === 'mssql' ? 'NVARCHAR(MAX)' : to === 'redshift' ? 'VARCHAR(65535)' : 'TEXT';
  }
  if (t.isArray) {
    if (to === 'postgres') return `${s}[]`;
    if (to === 'bigquery') return `ARRAY<${s}>`;
    if (to === 'databricks') return `ARRAY<${s}>`;
    if (to === 'snowflake') return 'ARRAY';
    if (to === 'redshift') return 'SUPER';
    return to === 'mysql' ? 'JSON' : to === 'mssql' ? 'NVARCHAR(MAX)' : 'TEXT';
  }
  return s;
}

/** The issues of converting one column to `to`. */
export function conversionIssues(c: Col, to: ConvertDialect, single: boolean): ConversionIssue[] {
  const out: ConversionIssue[] = [];
  const t = c.type;
  const f = family(c);
  const add = (kind: ConversionIssue['kind'], code: string, message: string) => out.push({ kind, code, message });
  if (f === 'decimal' && t.precision !== undefined && t.precision > MAX_DECIMAL[to]) add('lossy', 'PRECISION', `precision ${t.precision} exceeds ${to}'s maximum ${MAX_DECIMAL[to]}`);
  if (f === 'decimal' && to === 'sqlite') add('approximate', 'PRECISION', 'SQLite stores NUMERIC as 8-byte floats or integers: exact decimals beyond 15 digits are lost');
  if (f === 'integer' && /unsigned/i.test(t.raw) && !HAS_UNSIGNED.has(to)) {
    if ((t.bits ?? 32) >= 64) add('lossy', 'UNSIGNED', `${t.raw}: values above 2^63-1 do not fit a signed BIGINT`);
    else add('approximate', 'UNSIGNED', `${t.raw}: widened to a signed type; the non-negative constraint is not kept`);
  }
  if (f === 'enum' && !HAS_ENUM.has(to)) add('approximate', 'ENUM', `enum becomes ${convertType(c, to)}${to === 'sqlite' || to === 'mssql' ? ' with a CHECK of the values' : '; the allowed values are not enforced'}`);
  if (t.isArray && !HAS_TYPED_ARRAY.has(to)) add('approximate', 'ARRAY', `array becomes ${convertType(c, to)}; element types are not enforced`);
  if (f === 'json' && (to === 'sqlite' || to === 'mssql' || to === 'databricks')) add('approximate', 'JSON', `JSON stored as text (${convertType(c, to)}); no validation or JSON operators on the type`);
  if (f === 'json' && (to === 'redshift' || to === 'snowflake')) add('approximate', 'JSON', `JSON becomes ${convertType(c, to)} (semi-structured; different operators)`);
  if (c.autoIncrement) {
    if (to === 'bigquery') add('lossy', 'IDENTITY', 'BigQuery has no identity or auto-increment columns');
    else if (to === 'sqlite' && !(c.primaryKey && single && f === 'integer')) add('lossy', 'IDENTITY', 'SQLite auto-increments only an INTEGER PRIMARY KEY');
    else if (to === 'databricks' && f === 'integer' && (t.bits ?? 32) < 64) add('approximate', 'IDENTITY', 'Databricks identity columns are BIGINT');
    else if (to === 'redshift' || to === 'snowflake') add('approximate', 'IDENTITY', 'identity values are unique but not guaranteed consecutive');
  }
  const collation = c.settings.collate ?? c.settings.collation;
  if (collation !== undefined) add('lossy', 'COLLATION', `collation ${collation} is not carried over (names differ per dialect)`);
  if (f === 'timestamp' && /tz|time zone|offset/i.test(t.raw) && !/without time zone/i.test(t.raw) && (to === 'mysql' || to === 'sqlite')) add('lossy', 'TIMEZONE', `${t.raw}: ${to} keeps no time zone offset`);
  if (f === 'time' && (to === 'databricks' || to === 'sqlite')) add('approximate', 'TYPE', `${to} has no TIME type: stored as text`);
  if ((f === 'uuid' || f === 'interval') && convertType(c, to).match(/CHAR|STRING|TEXT/)) add('approximate', 'TYPE', `${f} stored as ${convertType(c, to)}`);
  if (f === 'geometry' || f === 'network' || f === 'other') {
    if (!/^(postgres)$/.test(to) || f === 'other') add('approximate', 'TYPE', `${t.raw} has no equivalent in ${to}: stored as ${convertType(c, to)}`);
  }
  if ((f === 'string' || f === 'text') && t.length !== undefined && to === 'mssql' && t.length > 4000) add('approximate', 'LENGTH', `length ${t.length} becomes NVARCHAR(MAX)`);
  return out;
}

/** Every column of the schema's tables (views left out) converted to `to`, with the issues. */
export function convertReport(schema: Schema, to: ConvertDialect): ConvertReport {
  const columns: ColumnConversion[] = [];
  let lossy = 0;
  let approximate = 0;
  for (const table of schema.tables) {
    if (table.isView) continue;
    const pk = table.columns.filter((c) => c.primaryKey).length + table.indexes.filter((i) => i.primaryKey).reduce((n, i) => n + i.parts.length, 0);
    for (const c of table.columns) {
      const issues = conversionIssues(c, to, pk === 1);
      if (issues.some((i) => i.kind === 'lossy')) lossy++;
      else if (issues.length) approximate++;
      columns.push({ table: table.key, column: c.name, from: c.type.raw, to: convertType(c, to), issues });
    }
  }
  return { toDialect: to, columns, lossy, approximate };
}
