/**
 * SQL text per migration dialect: quoted identifiers and literals, column
 * types, defaults, column definitions, CREATE TABLE / CREATE INDEX, and the
 * names databases give unnamed constraints. Every identifier is quoted and
 * every literal escaped here, so no name from a schema can end a statement.
 */
import type { Column, ColumnDefault, ColumnType, Index, RefAction, Relationship, Schema, Table } from '../model/schema.js';
import { quoteSql } from '../ide/util/sql-names.js';
import { collationOf, isUniqueConstraintIndex, primaryKeyOf, uniqueSetsOf } from '../diff/normalize.js';

export type MigrationDialect = 'postgres' | 'mysql' | 'sqlite' | 'mssql';

/** An identifier, always quoted. */
export function q(name: string, d: MigrationDialect): string {
  return quoteSql(name, d);
}

/** A table (or view, or enum) name, schema-qualified when not in the schema's default namespace. */
export function tableRef(t: { schema: string; name: string }, s: Schema, d: MigrationDialect): string {
  if (d === 'sqlite' || t.schema === s.defaultSchema || !t.schema) return q(t.name, d);
  return `${q(t.schema, d)}.${q(t.name, d)}`;
}

/** A string literal. MySQL also escapes backslashes (its default sql_mode reads them as escapes). */
export function str(v: string, d: MigrationDialect): string {
  const body = d === 'mysql' ? v.replace(/\\/g, '\\\\').replace(/'/g, "''") : v.replace(/'/g, "''");
  return d === 'mssql' ? `N'${body}'` : `'${body}'`;
}

/** A collation name: bare when it is a plain word, quoted otherwise. */
function collation(name: string, d: MigrationDialect): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && d !== 'postgres') return name;
  return d === 'postgres' && /^[a-z_][a-z0-9_]*$/.test(name) ? name : q(name, d);
}

/** The enum a column type names, if the schema declares it. */
export function enumOf(t: ColumnType, s: Schema): Schema['enums'][number] | undefined {
  if (!t.enumKey) return undefined;
  return s.enums.find((e) => e.key === t.enumKey) ?? s.enums.find((e) => e.key.toLowerCase() === t.enumKey!.toLowerCase());
}

function intName(bits: number | undefined, d: MigrationDialect): string {
  if (bits === 64) return 'bigint';
  if (bits === 16) return 'smallint';
  if (bits === 8) return d === 'postgres' ? 'smallint' : 'tinyint';
  if (bits === 24) return d === 'mysql' ? 'mediumint' : 'integer';
  return d === 'mysql' || d === 'mssql' ? 'int' : d === 'sqlite' ? 'INTEGER' : 'integer';
}

/** The type as the dialect writes it. */
export function sqlType(t: ColumnType, d: MigrationDialect, s: Schema): string {
  const isChar = /^(char|character|bpchar|nchar)$/.test(t.name);
  switch (t.family) {
    case 'integer':
      return intName(t.bits, d);
    case 'string':
      if (d === 'mssql') return `${isChar ? 'nchar' : 'nvarchar'}(${t.length ?? 255})`;
      if (d === 'postgres' && t.length === undefined) return isChar ? 'char' : 'varchar';
      return `${isChar ? 'char' : 'varchar'}(${t.length ?? 255})`;
    case 'text':
      if (d === 'mssql') return 'nvarchar(max)';
      return d === 'mysql' && /^(tiny|medium|long)text$/.test(t.name) ? t.name : 'text';
    case 'boolean':
      return d === 'mssql' ? 'bit' : 'boolean';
    case 'decimal':
      return t.precision !== undefined ? `decimal(${t.precision},${t.scale ?? 0})` : d === 'mssql' ? 'decimal(18,0)' : 'decimal';
    case 'float': {
      const single = /^(real|float4)$/.test(t.name) || (t.precision !== undefined && t.precision <= 24);
      if (d === 'postgres') return single ? 'real' : 'double precision';
      if (d === 'mysql') return single ? 'float' : 'double';
      if (d === 'mssql') return single ? 'real' : 'float';
      return 'REAL';
    }
    case 'date':
      return 'date';
    case 'time':
      return 'time';
    case 'timestamp': {
      const tz = /tz|with time zone|offset/.test(t.name) || /with time zone/i.test(t.raw);
      if (d === 'mysql') return /^timestamp$/.test(t.name) && !tz ? 'datetime' : tz ? 'timestamp' : 'datetime';
      if (d === 'mssql') return tz ? 'datetimeoffset' : 'datetime2';
      return tz ? (d === 'postgres' ? 'timestamptz' : 'timestamp') : 'timestamp';
    }
    case 'uuid':
      return d === 'postgres' ? 'uuid' : d === 'mysql' ? 'char(36)' : d === 'mssql' ? 'uniqueidentifier' : 'TEXT';
    case 'json':
      return d === 'postgres' ? (t.name === 'json' ? 'json' : 'jsonb') : d === 'mysql' ? 'json' : d === 'mssql' ? 'nvarchar(max)' : 'TEXT';
    case 'binary':
      return d === 'postgres' ? 'bytea' : d === 'mssql' ? 'varbinary(max)' : d === 'mysql' && /blob|binary/.test(t.name) ? t.raw : 'blob';
    case 'enum': {
      const e = enumOf(t, s);
      if (d === 'postgres') return e ? tableRef(e, s, d) : 'text';
      if (d === 'mysql') return e ? `enum(${e.values.map((v) => str(v.name, d)).join(', ')})` : 'varchar(255)';
      return d === 'mssql' ? 'nvarchar(255)' : 'TEXT';
    }
    default:
      return safeRawType(t);
  }
}

/** A type written as the source wrote it, kept only if it cannot end the statement. */
function safeRawType(t: ColumnType): string {
  const raw = t.raw || t.name || 'text';
  return /^[A-Za-z0-9_ (),.[\]"]+$/.test(raw) && !raw.includes(';') ? raw : 'text';
}

/** A default value as SQL. */
export function defaultSql(v: ColumnDefault, t: ColumnType, d: MigrationDialect): string {
  switch (v.kind) {
    case 'number':
      return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v.value.trim()) ? v.value.trim() : str(v.value, d);
    case 'boolean': {
      const on = /^(true|1|t|yes|on)$/i.test(v.value);
      return d === 'mssql' ? (on ? '1' : '0') : on ? 'TRUE' : 'FALSE';
    }
    case 'null':
      return 'NULL';
    case 'expression':
      return d === 'sqlite' && !/^(CURRENT_TIMESTAMP|CURRENT_DATE|CURRENT_TIME|NULL|TRUE|FALSE)$/i.test(v.value.trim()) ? `(${v.value})` : v.value;
    default:
      if (t.family === 'boolean' && /^(true|false)$/i.test(v.value)) return defaultSql({ kind: 'boolean', value: v.value }, t, d);
      return str(v.value, d);
  }
}

/** A constant default SQLite accepts in ALTER TABLE ADD COLUMN (no expressions). */
export function isConstantDefault(v: ColumnDefault | undefined): boolean {
  return !v || v.kind !== 'expression';
}

export interface ColumnDefOptions {
  /** SQLite: write `PRIMARY KEY AUTOINCREMENT` inline */
  inlinePk?: boolean;
  /** SQL Server: the table name for the default constraint's name */
  table?: Table;
  /** leave out the default (added separately) */
  noDefault?: boolean;
}

/** One column's definition (no key constraints: those are table-level). */
export function columnDef(c: Column, d: MigrationDialect, s: Schema, o: ColumnDefOptions = {}): string {
  const name = q(c.name, d);
  const coll = collationOf(c);
  const collate = coll ? ` COLLATE ${collation(coll, d)}` : '';
  const type = sqlType(c.type, d, s);
  const def = c.default && c.default.kind !== 'null' && !o.noDefault && !c.generated ? c.default : undefined;
  switch (d) {
    case 'postgres': {
      const identity = c.autoIncrement && c.type.family === 'integer' && !c.generated ? ' GENERATED BY DEFAULT AS IDENTITY' : '';
      const gen = c.generated ? ` GENERATED ALWAYS AS (${c.generated}) STORED` : '';
      return `${name} ${type}${collate}${identity}${c.nullable ? '' : ' NOT NULL'}${def && !identity ? ` DEFAULT ${defaultSql(def, c.type, d)}` : ''}${gen}`;
    }
    case 'mysql': {
      const gen = c.generated ? ` AS (${c.generated}) STORED` : '';
      const comment = c.note ? ` COMMENT ${str(c.note, d)}` : '';
      return `${name} ${type}${collate}${gen}${c.nullable ? ' NULL' : ' NOT NULL'}${def ? ` DEFAULT ${defaultSql(def, c.type, d)}` : ''}${c.autoIncrement ? ' AUTO_INCREMENT' : ''}${comment}`;
    }
    case 'sqlite': {
      const pk = o.inlinePk ? ' PRIMARY KEY AUTOINCREMENT' : '';
      const gen = c.generated ? ` GENERATED ALWAYS AS (${c.generated}) STORED` : '';
      return `${name} ${o.inlinePk ? 'INTEGER' : type}${pk}${c.nullable ? '' : ' NOT NULL'}${def ? ` DEFAULT ${defaultSql(def, c.type, d)}` : ''}${collate}${gen}`;
    }
    case 'mssql': {
      if (c.generated) return `${name} AS (${c.generated}) PERSISTED`;
      const identity = c.autoIncrement ? ' IDENTITY(1,1)' : '';
      const dflt = def ? ` CONSTRAINT ${q(mssqlName('DF', o.table?.name ?? '', [c.name]), d)} DEFAULT ${defaultSql(def, c.type, d)}` : '';
      return `${name} ${type}${collate}${identity}${c.nullable ? ' NULL' : ' NOT NULL'}${dflt}`;
    }
  }
}

/** SQL Server constraint names we give: `PK_t`, `UQ_t_a_b`, `FK_t_a`, `DF_t_c`, `CK_t_n`. */
export function mssqlName(prefix: string, table: string, cols: string[]): string {
  return [prefix, table, ...cols].join('_').slice(0, 128);
}

/**
 * The name PostgreSQL gives an unnamed constraint or index: `table_cols_label`,
 * the longer of the two parts shortened until it fits in 63 bytes.
 */
export function pgDefaultName(table: string, cols: string[], label: string): string {
  let a = table;
  let b = cols.join('_');
  const len = utf8Length;
  const overhead = label.length + 1 + (b ? 1 : 0);
  while (len(a) + len(b) + overhead > 63) {
    if (len(a) > len(b)) a = dropLastChar(a);
    else b = dropLastChar(b);
  }
  return b ? `${a}_${b}_${label}` : `${a}_${label}`;
}

/** UTF-8 byte length (PostgreSQL's NAMEDATALEN counts bytes). */
function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

function dropLastChar(s: string): string {
  const arr = Array.from(s);
  arr.pop();
  return arr.join('');
}

/** The name we create (and drop) an unnamed index under. PostgreSQL's own choice there; `ix_<table>_<cols>` elsewhere. */
export function indexName(ix: Index, t: Table, d: MigrationDialect): string {
  if (ix.name) return ix.name;
  const cols = ix.parts.map((p) => p.column ?? 'expr');
  if (d === 'postgres') return pgDefaultName(t.name, cols, 'idx');
  return `ix_${t.name}_${cols.join('_')}`.slice(0, 64);
}

function actionSql(a: RefAction, d: MigrationDialect): string {
  if (d === 'mssql' && a === 'restrict') return 'NO ACTION';
  return a.toUpperCase();
}

/** `FOREIGN KEY (...) REFERENCES t (...) ON DELETE ... ON UPDATE ...` */
export function foreignKeyClause(r: Relationship, s: Schema, d: MigrationDialect): string {
  let sql = `FOREIGN KEY (${r.from.columns.map((c) => q(c, d)).join(', ')}) REFERENCES ${tableRef({ schema: r.to.schema, name: r.to.table }, s, d)} (${r.to.columns.map((c) => q(c, d)).join(', ')})`;
  if (r.onDelete) sql += ` ON DELETE ${actionSql(r.onDelete, d)}`;
  if (r.onUpdate) sql += ` ON UPDATE ${actionSql(r.onUpdate, d)}`;
  return sql;
}

/** CREATE TABLE with columns, primary key, unique keys and checks (and, for SQLite, its foreign keys). */
export function createTableSql(t: Table, s: Schema, d: MigrationDialect, fks: Relationship[] = [], nameOverride?: string): string {
  const pk = primaryKeyOf(t).columns;
  const pkCol = pk.length === 1 ? t.columns.find((c) => c.name === pk[0]) : undefined;
  const inlinePk = d === 'sqlite' && !!pkCol && pkCol.autoIncrement && pkCol.type.family === 'integer';
  const lines = t.columns.map((c) => `  ${columnDef(c, d, s, { inlinePk: inlinePk && c === pkCol, table: t })}`);
  const pkName = primaryKeyOf(t).name;
  if (pk.length && !inlinePk) {
    const cname = d === 'mssql' ? mssqlName('PK', t.name, []) : pkName && d === 'postgres' ? pkName : undefined;
    lines.push(`  ${cname ? `CONSTRAINT ${q(cname, d)} ` : ''}PRIMARY KEY (${pk.map((c) => q(c, d)).join(', ')})`);
  }
  for (const u of uniqueSetsOf(t)) {
    const cname = d === 'mssql' ? `CONSTRAINT ${q(mssqlName('UQ', t.name, u), d)} ` : '';
    lines.push(`  ${cname}UNIQUE (${u.map((c) => q(c, d)).join(', ')})`);
  }
  for (const c of t.columns) for (const e of c.checks) lines.push(`  CHECK (${e})`);
  for (const ch of t.checks) lines.push(`  ${ch.name ? `CONSTRAINT ${q(ch.name, d)} ` : ''}CHECK (${ch.expression})`);
  for (const r of fks) lines.push(`  ${r.name ? `CONSTRAINT ${q(r.name, d)} ` : ''}${foreignKeyClause(r, s, d)}`);
  const name = nameOverride !== undefined ? q(nameOverride, d) : tableRef(t, s, d);
  const tail = d === 'mysql' && t.note ? ` COMMENT=${str(t.note, d)}` : '';
  return `CREATE TABLE ${name} (\n${lines.join(',\n')}\n)${tail}`;
}

/** CREATE [UNIQUE] INDEX for a plain index. */
export function createIndexSql(ix: Index, t: Table, s: Schema, d: MigrationDialect, opts: { concurrently?: boolean; online?: boolean; tableName?: string } = {}): string {
  const parts = ix.parts.map((p) => (p.column !== undefined ? q(p.column, d) : `(${p.expression})`)).join(', ');
  const method = d === 'postgres' && ix.type && /^[a-z_]+$/i.test(ix.type) && ix.type.toLowerCase() !== 'btree' ? ` USING ${ix.type.toLowerCase()}` : '';
  const where = ix.where && d !== 'mysql' ? ` WHERE ${ix.where}` : '';
  const target = opts.tableName !== undefined ? q(opts.tableName, d) : tableRef(t, s, d);
  const unique = ix.unique || isUniqueConstraintIndex(ix) ? 'UNIQUE ' : '';
  const name = `${q(indexName(ix, t, d), d)} `;
  const conc = opts.concurrently ? 'CONCURRENTLY ' : '';
  const tail = d === 'mysql' ? ' ALGORITHM=INPLACE' : d === 'mssql' && opts.online ? ' WITH (ONLINE = ON)' : '';
  return `CREATE ${unique}INDEX ${conc}${name}ON ${target}${method} (${parts})${where}${tail}`;
}
