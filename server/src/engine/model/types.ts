/**
 * Type normalisation: a raw type name from any dialect -> the model's type
 * family, length/precision/scale and integer width. Used by every front end
 * and by features that compare types (ref compatibility, diff, codegen).
 */
import type { ColumnType, TypeFamily } from './schema.js';

const FAMILY: Record<string, TypeFamily> = {};
function fam(family: TypeFamily, names: string[]): void {
  for (const n of names) FAMILY[n] = family;
}
fam('integer', ['int', 'integer', 'int2', 'int4', 'int8', 'smallint', 'bigint', 'tinyint', 'mediumint', 'serial', 'serial2', 'serial4', 'serial8', 'bigserial', 'smallserial', 'int16', 'int32', 'int64', 'long', 'short', 'byte', 'unsigned', 'year']);
fam('decimal', ['decimal', 'numeric', 'dec', 'money', 'smallmoney', 'number', 'fixed']);
fam('float', ['float', 'float4', 'float8', 'real', 'double', 'double precision', 'binary_float', 'binary_double']);
fam('boolean', ['bool', 'boolean', 'bit']);
fam('string', ['varchar', 'char', 'character', 'character varying', 'nvarchar', 'nchar', 'varchar2', 'nvarchar2', 'string', 'bpchar', 'citext', 'name', 'varying']);
fam('text', ['text', 'tinytext', 'mediumtext', 'longtext', 'ntext', 'clob', 'nclob', 'longvarchar']);
fam('binary', ['bytea', 'blob', 'tinyblob', 'mediumblob', 'longblob', 'binary', 'varbinary', 'image', 'raw', 'bytes']);
fam('date', ['date']);
fam('time', ['time', 'timetz', 'time with time zone', 'time without time zone']);
fam('timestamp', ['timestamp', 'timestamptz', 'datetime', 'datetime2', 'smalldatetime', 'datetimeoffset', 'timestamp with time zone', 'timestamp without time zone']);
fam('interval', ['interval']);
fam('uuid', ['uuid', 'uniqueidentifier', 'guid']);
fam('json', ['json', 'jsonb', 'variant', 'object']);
fam('geometry', ['geometry', 'geography', 'point', 'line', 'lseg', 'box', 'path', 'polygon', 'circle']);
fam('network', ['inet', 'cidr', 'macaddr', 'macaddr8']);

const BITS: Record<string, number> = {
  tinyint: 8,
  smallint: 16,
  int2: 16,
  smallserial: 16,
  serial2: 16,
  int16: 16,
  mediumint: 24,
  int: 32,
  integer: 32,
  int4: 32,
  serial: 32,
  serial4: 32,
  int32: 32,
  bigint: 64,
  int8: 64,
  bigserial: 64,
  serial8: 64,
  int64: 64,
};

/** The family of a bare type name (case-insensitive), `other` when unknown. */
export function typeFamily(name: string): TypeFamily {
  return FAMILY[name.toLowerCase()] ?? 'other';
}

/** Builds a ColumnType from a raw name and its arguments. */
export function normaliseType(raw: string, name: string, args: string[], isArray = false, enumKey?: string): ColumnType {
  const lower = name.toLowerCase();
  const family: TypeFamily = isArray ? 'array' : enumKey ? 'enum' : typeFamily(lower);
  const t: ColumnType = { raw, name: lower, family, args };
  if (isArray) t.isArray = true;
  if (enumKey) t.enumKey = enumKey;
  const nums = args.map((a) => Number(a)).filter((n) => Number.isFinite(n));
  if (family === 'decimal' || (family === 'float' && nums.length)) {
    if (nums.length >= 1) t.precision = nums[0];
    if (nums.length >= 2) t.scale = nums[1];
  } else if ((family === 'string' || family === 'binary' || family === 'text') && nums.length >= 1) {
    t.length = nums[0];
  } else if ((family === 'timestamp' || family === 'time') && nums.length >= 1) {
    t.precision = nums[0];
  }
  const bits = BITS[lower];
  if (bits) t.bits = bits;
  return t;
}

const TEXTUAL = new Set<TypeFamily>(['string', 'text', 'enum']);
const NUMERIC = new Set<TypeFamily>(['integer', 'decimal']);

/** Whether a foreign key between columns of these types makes sense. */
export function typesCompatible(a: ColumnType, b: ColumnType): boolean {
  if (a.family === 'other' || b.family === 'other') return true;
  if (a.family === b.family) return true;
  if (TEXTUAL.has(a.family) && TEXTUAL.has(b.family)) return true;
  return NUMERIC.has(a.family) && NUMERIC.has(b.family) && (a.family === 'integer' ? b.scale === 0 || b.scale === undefined : a.scale === 0 || a.scale === undefined);
}
