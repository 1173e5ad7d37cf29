/**
 * Per-target type mapping from the model's type families (and the widths,
 * lengths and precisions the model keeps): TypeScript, Zod, Python, SQLAlchemy,
 * Django, Prisma, GraphQL, JSON Schema, Drizzle, TypeORM and SQL per dialect.
 * Every function is total: an unknown family maps to the target's widest
 * text-like type. Nullability is the caller's (the templates') business except
 * where noted.
 */
import type { ColumnView } from './view-model.js';

type Col = Pick<ColumnView, 'type' | 'family' | 'nullable' | 'enum' | 'autoIncrement' | 'primaryKey'>;

function scalar(c: Col): string {
  // arrays keep the element's family in the model; the element type is the family
  return c.family;
}

/** The TypeScript type of a column's value (without `| null`). */
export function tsType(c: Col): string {
  let t: string;
  switch (scalar(c)) {
    case 'integer': t = (c.type.bits ?? 32) > 53 ? 'string' : 'number'; break;
    case 'float': t = 'number'; break;
    case 'decimal': t = 'string'; break;
    case 'boolean': t = 'boolean'; break;
    case 'binary': t = 'Uint8Array'; break;
    case 'date': case 'timestamp': t = 'Date'; break;
    case 'json': t = 'unknown'; break;
    case 'enum': t = c.enum ? c.enum.className : 'string'; break;
    default: t = 'string';
  }
  return c.type.isArray ? `${t}[]` : t;
}

/** A Zod schema expression for a column (with `.nullable()` when it is). */
export function zodType(c: Col): string {
  let t: string;
  switch (scalar(c)) {
    case 'integer': t = (c.type.bits ?? 32) > 53 ? 'z.coerce.bigint()' : 'z.number().int()'; break;
    case 'float': t = 'z.number()'; break;
    case 'decimal': t = 'z.string()'; break;
    case 'boolean': t = 'z.boolean()'; break;
    case 'binary': t = 'z.instanceof(Uint8Array)'; break;
    case 'date': case 'timestamp': t = 'z.coerce.date()'; break;
    case 'uuid': t = 'z.string().uuid()'; break;
    case 'json': t = 'z.unknown()'; break;
    case 'enum': t = c.enum ? `${c.enum.className}Schema` : 'z.string()'; break;
    case 'string': t = c.type.length !== undefined && c.type.length > 0 ? `z.string().max(${c.type.length})` : 'z.string()'; break;
    default: t = 'z.string()';
  }
  if (c.type.isArray) t = `z.array(${t})`;
  return c.nullable ? `${t}.nullable()` : t;
}

/** A JSON Schema (2020-12) for a column's value, as an object. */
export function jsonSchemaType(c: Col): Record<string, unknown> {
  let s: Record<string, unknown>;
  switch (scalar(c)) {
    case 'integer': s = { type: 'integer' }; break;
    case 'float': s = { type: 'number' }; break;
    case 'decimal': s = { type: 'string', pattern: '^-?[0-9]+(\\.[0-9]+)?$' }; break;
    case 'boolean': s = { type: 'boolean' }; break;
    case 'binary': s = { type: 'string', contentEncoding: 'base64' }; break;
    case 'date': s = { type: 'string', format: 'date' }; break;
    case 'time': s = { type: 'string', format: 'time' }; break;
    case 'timestamp': s = { type: 'string', format: 'date-time' }; break;
    case 'interval': s = { type: 'string', format: 'duration' }; break;
    case 'uuid': s = { type: 'string', format: 'uuid' }; break;
    case 'json': s = {}; break;
    case 'enum': s = c.enum ? { $ref: `#/$defs/${c.enum.className}` } : { type: 'string' }; break;
    case 'string': s = c.type.length !== undefined && c.type.length > 0 ? { type: 'string', maxLength: c.type.length } : { type: 'string' }; break;
    default: s = { type: 'string' };
  }
  if (c.type.isArray) s = { type: 'array', items: s };
  if (c.nullable) s = s.type !== undefined && !s.$ref && !c.type.isArray ? { ...s, type: [s.type, 'null'] } : { anyOf: [s, { type: 'null' }] };
  return s;
}

/** The Python type of a column's value (imports: `datetime`, `decimal`, `uuid`, `typing.Any`), without `| None`. */
export function pyType(c: Col): string {
  let t: string;
  switch (scalar(c)) {
    case 'integer': t = 'int'; break;
    case 'float': t = 'float'; break;
    case 'decimal': t = 'decimal.Decimal'; break;
    case 'boolean': t = 'bool'; break;
    case 'binary': t = 'bytes'; break;
    case 'date': t = 'datetime.date'; break;
    case 'time': t = 'datetime.time'; break;
    case 'timestamp': t = 'datetime.datetime'; break;
    case 'interval': t = 'datetime.timedelta'; break;
    case 'uuid': t = 'uuid.UUID'; break;
    case 'json': t = 'Any'; break;
    case 'enum': t = c.enum ? c.enum.className : 'str'; break;
    default: t = 'str';
  }
  return c.type.isArray ? `list[${t}]` : t;
}

/** The SQLAlchemy column type expression (`sa.` prefixed). */
export function sqlalchemyType(c: Col): string {
  let t: string;
  const ty = c.type;
  switch (scalar(c)) {
    case 'integer': t = (ty.bits ?? 32) > 32 ? 'sa.BigInteger()' : ty.bits === 16 || (ty.bits ?? 32) < 16 ? 'sa.SmallInteger()' : 'sa.Integer()'; break;
    case 'float': t = 'sa.Float()'; break;
    case 'decimal': t = ty.precision !== undefined ? `sa.Numeric(${ty.precision}, ${ty.scale ?? 0})` : 'sa.Numeric()'; break;
    case 'boolean': t = 'sa.Boolean()'; break;
    case 'binary': t = 'sa.LargeBinary()'; break;
    case 'date': t = 'sa.Date()'; break;
    case 'time': t = 'sa.Time()'; break;
    case 'timestamp': t = 'sa.DateTime()'; break;
    case 'interval': t = 'sa.Interval()'; break;
    case 'uuid': t = 'sa.Uuid()'; break;
    case 'json': t = 'sa.JSON()'; break;
    case 'enum': t = c.enum ? `sa.Enum(${c.enum.className}, name=${pyString(c.enum.sqlName)})` : 'sa.String()'; break;
    case 'string': t = ty.length !== undefined && ty.length > 0 ? `sa.String(${ty.length})` : 'sa.String()'; break;
    case 'text': t = 'sa.Text()'; break;
    default: t = 'sa.String()';
  }
  return ty.isArray ? `sa.ARRAY(${t})` : t;
}

/** A Python string literal. */
export function pyString(s: string): string {
  return JSON.stringify(s);
}

/** The Django model field class and its type-specific arguments: `['CharField', 'max_length=40']`. */
export function djangoField(c: Col): [string, string[]] {
  const ty = c.type;
  if (ty.isArray) return ['JSONField', []];
  switch (scalar(c)) {
    case 'integer':
      if (c.autoIncrement && c.primaryKey) return [(ty.bits ?? 32) > 32 ? 'BigAutoField' : 'AutoField', []];
      return [(ty.bits ?? 32) > 32 ? 'BigIntegerField' : ty.bits === 16 || (ty.bits ?? 32) < 16 ? 'SmallIntegerField' : 'IntegerField', []];
    case 'float': return ['FloatField', []];
    case 'decimal': {
      const p = ty.precision ?? 38;
      return ['DecimalField', [`max_digits=${p}`, `decimal_places=${Math.min(ty.scale ?? (ty.precision === undefined ? 10 : 0), p)}`]];
    }
    case 'boolean': return ['BooleanField', []];
    case 'binary': return ['BinaryField', []];
    case 'date': return ['DateField', []];
    case 'time': return ['TimeField', []];
    case 'timestamp': return ['DateTimeField', []];
    case 'interval': return ['DurationField', []];
    case 'uuid': return ['UUIDField', []];
    case 'json': return ['JSONField', []];
    case 'enum': {
      const values = c.enum?.values ?? [];
      const max = Math.max(1, ...values.map((v) => v.name.length));
      return ['CharField', [`max_length=${max}`, `choices=${c.enum!.className}.choices`]];
    }
    case 'string': return ty.length !== undefined && ty.length > 0 ? ['CharField', [`max_length=${ty.length}`]] : ['TextField', []];
    default: return ['TextField', []];
  }
}

/** Prisma providers per dialect. */
export function prismaProvider(dialect: string): string {
  switch (dialect) {
    case 'mysql': return 'mysql';
    case 'sqlite': return 'sqlite';
    case 'mssql': return 'sqlserver';
    default: return 'postgresql';
  }
}

/** The Prisma scalar type (no `?`); enums, lists and Json only where the provider has them. */
export function prismaType(c: Col, dialect: string): string {
  const provider = prismaProvider(dialect);
  let t: string;
  switch (scalar(c)) {
    case 'integer': t = (c.type.bits ?? 32) > 32 ? 'BigInt' : 'Int'; break;
    case 'float': t = 'Float'; break;
    case 'decimal': t = 'Decimal'; break;
    case 'boolean': t = 'Boolean'; break;
    case 'binary': t = 'Bytes'; break;
    case 'date': case 'timestamp': t = 'DateTime'; break;
    case 'json': t = provider === 'sqlserver' ? 'String' : 'Json'; break;
    case 'enum': t = c.enum && c.enum.values.length && (provider === 'postgresql' || provider === 'mysql') ? c.enum.className : 'String'; break;
    default: t = 'String';
  }
  if (c.type.isArray) return provider === 'postgresql' && t !== 'Json' ? `${t}[]` : 'Json';
  return t;
}

/** The GraphQL output type (no `!`): custom scalars `DateTime`, `Date`, `JSON`. */
export function graphqlType(c: Col): string {
  let t: string;
  switch (scalar(c)) {
    case 'integer': t = (c.type.bits ?? 32) > 32 ? 'String' : 'Int'; break;
    case 'float': t = 'Float'; break;
    case 'boolean': t = 'Boolean'; break;
    case 'date': t = 'Date'; break;
    case 'timestamp': t = 'DateTime'; break;
    case 'json': t = 'JSON'; break;
    case 'enum': t = c.enum && c.enum.values.length ? c.enum.className : 'String'; break;
    default: t = 'String';
  }
  if (c.primaryKey && !c.type.isArray && (t === 'Int' || t === 'String')) t = 'ID';
  return c.type.isArray ? `[${t}!]` : t;
}

/** Drizzle's column-builder module per dialect. */
export function drizzleCore(dialect: string): 'pg' | 'mysql' | 'sqlite' {
  return dialect === 'mysql' ? 'mysql' : dialect === 'sqlite' ? 'sqlite' : 'pg';
}

/** A Drizzle column-builder call (`t.` is the core module's namespace import), without modifiers. */
export function drizzleType(c: Col, dialect: string, dbName: string): string {
  const core = drizzleCore(dialect);
  const n = JSON.stringify(dbName);
  const ty = c.type;
  const big = (ty.bits ?? 32) > 32;
  if (core === 'sqlite') {
    switch (scalar(c)) {
      case 'integer': return `t.integer(${n})`;
      case 'boolean': return `t.integer(${n}, { mode: 'boolean' })`;
      case 'float': return `t.real(${n})`;
      case 'decimal': return `t.numeric(${n})`;
      case 'binary': return `t.blob(${n})`;
      case 'timestamp': return `t.integer(${n}, { mode: 'timestamp' })`;
      case 'json': return `t.text(${n}, { mode: 'json' })`;
      case 'enum': return c.enum ? `t.text(${n}, { enum: ${JSON.stringify(c.enum.values.map((v) => v.name))} })` : `t.text(${n})`;
      default: return `t.text(${n})`;
    }
  }
  if (core === 'mysql') {
    let s: string;
    switch (scalar(c)) {
      case 'integer': s = c.autoIncrement && big ? `t.serial(${n})` : big ? `t.bigint(${n}, { mode: 'number' })` : ty.bits === 16 ? `t.smallint(${n})` : (ty.bits ?? 32) < 16 ? `t.tinyint(${n})` : `t.int(${n})`; break;
      case 'float': s = `t.double(${n})`; break;
      case 'decimal': s = ty.precision !== undefined ? `t.decimal(${n}, { precision: ${ty.precision}, scale: ${ty.scale ?? 0} })` : `t.decimal(${n})`; break;
      case 'boolean': s = `t.boolean(${n})`; break;
      case 'binary': s = `t.varbinary(${n}, { length: ${ty.length ?? 255} })`; break;
      case 'date': s = `t.date(${n})`; break;
      case 'time': s = `t.time(${n})`; break;
      case 'timestamp': s = `t.datetime(${n})`; break;
      case 'json': s = `t.json(${n})`; break;
      case 'enum': s = c.enum && c.enum.values.length ? `t.mysqlEnum(${n}, ${JSON.stringify(c.enum.values.map((v) => v.name))})` : `t.text(${n})`; break;
      case 'string': s = ty.length !== undefined && ty.length > 0 ? `t.varchar(${n}, { length: ${ty.length} })` : `t.text(${n})`; break;
      default: s = `t.text(${n})`;
    }
    return ty.isArray ? `t.json(${n})` : s;
  }
  let s: string;
  switch (scalar(c)) {
    case 'integer': s = c.autoIncrement ? (big ? `t.bigserial(${n}, { mode: 'number' })` : `t.serial(${n})`) : big ? `t.bigint(${n}, { mode: 'number' })` : ty.bits === 16 ? `t.smallint(${n})` : `t.integer(${n})`; break;
    case 'float': s = `t.doublePrecision(${n})`; break;
    case 'decimal': s = ty.precision !== undefined ? `t.numeric(${n}, { precision: ${ty.precision}, scale: ${ty.scale ?? 0} })` : `t.numeric(${n})`; break;
    case 'boolean': s = `t.boolean(${n})`; break;
    case 'date': s = `t.date(${n})`; break;
    case 'time': s = `t.time(${n})`; break;
    case 'timestamp': s = `t.timestamp(${n})`; break;
    case 'interval': s = `t.interval(${n})`; break;
    case 'uuid': s = `t.uuid(${n})`; break;
    case 'json': s = `t.jsonb(${n})`; break;
    case 'enum': s = c.enum && c.enum.values.length ? `${c.enum.className[0].toLowerCase()}${c.enum.className.slice(1)}Enum(${n})` : `t.text(${n})`; break;
    case 'string': s = ty.length !== undefined && ty.length > 0 ? `t.varchar(${n}, { length: ${ty.length} })` : `t.text(${n})`; break;
    default: s = `t.text(${n})`;
  }
  return ty.isArray ? `${s}.array()` : s;
}

/** The TypeORM `@Column` type name (portable names TypeORM accepts for any driver). */
export function typeormType(c: Col): string {
  switch (scalar(c)) {
    case 'integer': return (c.type.bits ?? 32) > 32 ? 'bigint' : 'int';
    case 'float': return 'float';
    case 'decimal': return 'decimal';
    case 'boolean': return 'boolean';
    case 'binary': return 'blob';
    case 'date': return 'date';
    case 'time': return 'time';
    case 'timestamp': return 'timestamp';
    case 'uuid': return 'uuid';
    case 'json': return 'json';
    case 'enum': return 'enum';
    case 'text': return 'text';
    default: return 'varchar';
  }
}

/**
 * The SQL type of a column in `dialect`. From the same dialect the type is
 * kept as written; otherwise it is mapped by family (enums: PostgreSQL by the
 * enum's name, MySQL inline `ENUM(...)`, elsewhere text checked by the caller).
 */
export function sqlType(c: Col, dialect: string, sourceDialect: string, quote: (name: string) => string): string {
  const ty = c.type;
  if (dialect === sourceDialect && !c.enum && ty.raw && !/serial/i.test(ty.raw) && keepsRaw(c, dialect)) return ty.raw;
  const big = (ty.bits ?? 32) > 32;
  const small = ty.bits === 16;
  const len = ty.length !== undefined && ty.length > 0 ? ty.length : undefined;
  const dec = ty.precision !== undefined ? `(${ty.precision}, ${ty.scale ?? 0})` : '';
  let t: string;
  switch (scalar(c)) {
    case 'integer': t = dialect === 'sqlite' ? 'INTEGER' : big ? 'BIGINT' : small ? 'SMALLINT' : dialect === 'mysql' ? 'INT' : 'INTEGER'; break;
    case 'float': t = dialect === 'mssql' ? 'FLOAT' : dialect === 'sqlite' ? 'REAL' : 'DOUBLE PRECISION'; break;
    case 'decimal': t = dialect === 'sqlite' ? 'NUMERIC' : `DECIMAL${dec}`; break;
    case 'boolean': t = dialect === 'mssql' ? 'BIT' : dialect === 'sqlite' ? 'INTEGER' : 'BOOLEAN'; break;
    case 'binary': t = dialect === 'postgres' ? 'BYTEA' : dialect === 'mssql' ? 'VARBINARY(MAX)' : 'BLOB'; break;
    case 'date': t = 'DATE'; break;
    case 'time': t = 'TIME'; break;
    case 'timestamp': t = dialect === 'mssql' ? 'DATETIME2' : dialect === 'mysql' ? 'DATETIME' : 'TIMESTAMP'; break;
    case 'interval': t = dialect === 'postgres' ? 'INTERVAL' : 'VARCHAR(64)'; break;
    case 'uuid': t = dialect === 'postgres' ? 'UUID' : dialect === 'mssql' ? 'UNIQUEIDENTIFIER' : dialect === 'mysql' ? 'CHAR(36)' : 'TEXT'; break;
    case 'json': t = dialect === 'postgres' ? 'JSONB' : dialect === 'mysql' ? 'JSON' : dialect === 'mssql' ? 'NVARCHAR(MAX)' : 'TEXT'; break;
    case 'enum':
      if (dialect === 'postgres' && c.enum) t = quote(c.enum.sqlName);
      else if (dialect === 'mysql' && c.enum && c.enum.values.length) t = `ENUM(${c.enum.values.map((v) => sqlString(v.name)).join(', ')})`;
      else t = dialect === 'mssql' ? 'NVARCHAR(255)' : dialect === 'sqlite' ? 'TEXT' : 'VARCHAR(255)';
      break;
    case 'string': t = dialect === 'sqlite' ? 'TEXT' : dialect === 'mssql' ? (len && len <= 4000 ? `NVARCHAR(${len})` : 'NVARCHAR(MAX)') : len ? `VARCHAR(${len})` : dialect === 'mysql' ? 'VARCHAR(255)' : 'TEXT'; break;
    case 'text': t = dialect === 'mssql' ? 'NVARCHAR(MAX)' : 'TEXT'; break;
    default: t = dialect === 'mssql' ? 'NVARCHAR(MAX)' : 'TEXT';
  }
  if (ty.isArray) return dialect === 'postgres' ? `${t}[]` : dialect === 'mysql' ? 'JSON' : dialect === 'mssql' ? 'NVARCHAR(MAX)' : 'TEXT';
  return t;
}

/** PostgreSQL's built-in types outside the families we map (user types and extensions' types are not carried over). */
const PG_BUILTIN_OTHER = new Set(['tsvector', 'tsquery', 'xml', 'money', 'bit', 'varbit', 'bit varying', 'oid', 'regclass', 'pg_lsn', 'txid_snapshot',
  'int4range', 'int8range', 'numrange', 'tsrange', 'tstzrange', 'daterange', 'point', 'line', 'lseg', 'box', 'path', 'polygon', 'circle',
  'inet', 'cidr', 'macaddr', 'macaddr8', 'hstore_no']);

/** Whether a type written in the output's own dialect can be kept as written. */
const PG_BUILTIN = new Set(['int', 'integer', 'int2', 'int4', 'int8', 'smallint', 'bigint', 'numeric', 'decimal', 'real', 'double precision', 'float',
  'float4', 'float8', 'boolean', 'bool', 'varchar', 'character varying', 'char', 'character', 'bpchar', 'text', 'name', 'bytea', 'date', 'time',
  'timetz', 'timestamp', 'timestamptz', 'timestamp with time zone', 'timestamp without time zone', 'time with time zone',
  'time without time zone', 'interval', 'uuid', 'json', 'jsonb', ...PG_BUILTIN_OTHER]);

function keepsRaw(c: Col, dialect: string): boolean {
  if (dialect !== 'postgres') return true;
  if (/\./.test(c.type.raw) && !/^pg_catalog\./i.test(c.type.raw)) return false;
  const base = c.type.raw.replace(/\([^)]*\)/g, '').replace(/(\[\d*\])+$/, '').replace(/^pg_catalog\./i, '').replace(/\s+/g, ' ').trim().toLowerCase();
  return PG_BUILTIN.has(base);
}

/** An SQL string literal. */
export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}
