/**
 * SQL DDL pieces the SQL targets' templates assemble: a column definition
 * (type, identity per dialect, NOT NULL, DEFAULT, UNIQUE, enum CHECK where the
 * dialect has no enum type), the items of a CREATE TABLE (columns, keys,
 * SQLite's inline foreign keys), and whether an index or check carries over
 * to the output dialect.
 */
import type { ColumnView, IndexView, RelationView, TableView } from './view-model.js';
import { quoteIdent } from './quote.js';
import { sqlString, sqlType } from './type-map.js';

/** `DEFAULT ...` for a column in an SQL dialect, or '' when the default cannot be carried over. */
export function sqlDefault(c: ColumnView, dialect: string, sourceDialect: string): string {
  const d = c.default;
  if (!d || c.autoIncrement) return '';
  switch (d.kind) {
    case 'number': {
      if (!/^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$/.test(d.value)) return '';
      if (c.family === 'boolean') {
        const v = Number(d.value) !== 0;
        return dialect === 'postgres' || dialect === 'mysql' ? `DEFAULT ${v ? 'TRUE' : 'FALSE'}` : `DEFAULT ${v ? 1 : 0}`;
      }
      return c.family === 'integer' || c.family === 'decimal' || c.family === 'float' ? `DEFAULT ${d.value}` : '';
    }
    case 'boolean': {
      const v = /^(true|1|'1'|b'1')$/i.test(d.value);
      return dialect === 'postgres' || dialect === 'mysql' ? `DEFAULT ${v ? 'TRUE' : 'FALSE'}` : `DEFAULT ${v ? 1 : 0}`;
    }
    case 'null': return c.nullable ? 'DEFAULT NULL' : '';
    case 'string': case 'enum':
      if (c.family !== 'string' && c.family !== 'text' && c.family !== 'enum' && c.family !== 'uuid' && c.family !== 'date' && c.family !== 'timestamp' && c.family !== 'time') return '';
      if (c.enum && !c.enum.values.some((v) => v.name === d.value)) return '';
      if (dialect === 'mysql' && c.family === 'text') return '';
      return `DEFAULT ${sqlString(d.value)}`;
    case 'expression':
      if (dialect !== sourceDialect || /nextval|::regclass|\b[a-z_]+\.[a-z_]+\(/i.test(d.value)) return '';
      if (/^(now\(\)|current_timestamp(\(\))?|current_date|localtimestamp|getdate\(\)|sysdatetime\(\))$/i.test(d.value)) return `DEFAULT ${dialect === 'mysql' || dialect === 'sqlite' ? 'CURRENT_TIMESTAMP' : d.value}`;
      return '';
    default: return '';
  }
}

/** The table's name in SQL output: schema-qualified outside the default schema where the dialect has schemas. */
export function sqlTableName(t: TableView, dialect: string): string {
  if ((dialect === 'postgres' || dialect === 'mssql') && !t.inDefaultSchema) return `${quoteIdent(t.schema, dialect)}.${quoteIdent(t.name, dialect)}`;
  return quoteIdent(t.sqlName, dialect);
}

const TEXTY = new Set(['text', 'json', 'binary', 'array', 'other', 'geometry']);

function sqliteRowid(t: TableView, c: ColumnView): boolean {
  return c.autoIncrement && c.primaryKey && t.primaryKey.length === 1 && c.family === 'integer';
}

/** Bytes a MySQL index over these columns takes (utf8mb4: 4 per character); InnoDB allows 3072. */
function mysqlKeyBytes(cols: readonly ColumnView[]): number {
  let n = 0;
  const unknown = stringBudget(cols);
  for (const c of cols) n += isString(c) ? 4 * Math.min(c.type.length ?? unknown, unknown) + 2 : c.family === 'enum' ? 4 * 64 : c.family === 'uuid' ? 146 : 8;
  return n;
}

const FIXED_WIDTH = new Set(['integer', 'decimal', 'float', 'boolean', 'date', 'time', 'timestamp', 'uuid', 'enum', 'binary']);

/** Columns MySQL stores as VARCHAR/TEXT here (strings, and the families mapped to text). */
function isString(c: ColumnView): boolean {
  return !FIXED_WIDTH.has(c.family);
}

/** The longest VARCHAR each string column of a MySQL key may have so the key fits (other columns counted at 8 bytes). */
function stringBudget(cols: readonly ColumnView[]): number {
  const strings = cols.filter(isString).length;
  if (!strings) return 191;
  return Math.min(191, Math.floor(((MYSQL_MAX_KEY - 8 * (cols.length - strings)) / strings - 2) / 4));
}

const MYSQL_MAX_KEY = 3072;

/** One column's definition in `dialect`. */
export function sqlColumnDef(t: TableView, c: ColumnView, dialect: string, source: string): string {
  const q = (n: string) => quoteIdent(n, dialect);
  let type = sqlType(c, dialect, source, q);
  // MySQL wants a foreign key's numbers typed exactly like the key they reference (INT vs SMALLINT is an error)
  if (dialect === 'mysql' && (c.family === 'integer' || c.family === 'decimal')) {
    for (const r of t.outgoing) {
      const i = r.fromColumns.indexOf(c);
      const ref = i >= 0 && r.toUnique ? r.toColumns[i] : undefined;
      if (ref && ref.family === c.family) {
        type = sqlType(ref, dialect, source, q);
        break;
      }
    }
  }
  // MySQL cannot key a TEXT column without a prefix length, and a key over utf8mb4 strings must stay
  // within 3072 bytes: keyed strings get a length that fits (191 characters at most when none was given)
  if (dialect === 'mysql' && (c.primaryKey || c.unique || c.isForeignKey) && (/^(tiny|medium|long)?text$/i.test(type) || /^varchar\(\d+\)$/i.test(type))) {
    // a long composite key of such columns gets shorter ones, so the key still fits
    let budget = 191;
    const fit = (cols: readonly ColumnView[]) => (budget = Math.min(budget, stringBudget(cols)));
    if (c.primaryKey) fit(t.primaryKey);
    for (const r of t.outgoing) if (r.fromColumns.includes(c)) fit(r.fromColumns), fit(r.toColumns);
    for (const u of t.uniques) if (u.includes(c)) fit(u);
    const given = /^varchar\((\d+)\)$/i.exec(type);
    type = `VARCHAR(${Math.min(given && c.type.length !== undefined ? Number(given[1]) : 191, budget)})`;
  }
  let s = `${q(c.name)} ${type}`;
  const integer = c.family === 'integer';
  if (c.autoIncrement && integer) {
    if (dialect === 'postgres' && !/serial/i.test(type) && !/identity/i.test(type)) s += ' GENERATED BY DEFAULT AS IDENTITY';
    else if (dialect === 'mysql' && (c.primaryKey || c.unique) && !/auto_increment/i.test(type)) s += ' AUTO_INCREMENT';
    else if (dialect === 'mssql' && !/identity/i.test(type)) s += ' IDENTITY(1,1)';
    else if (dialect === 'sqlite' && sqliteRowid(t, c)) return `${q(c.name)} INTEGER PRIMARY KEY AUTOINCREMENT`;
  }
  if (!c.nullable) s += ' NOT NULL';
  const d = sqlDefault(c, dialect, source);
  if (d && !(dialect === 'mysql' && TEXTY.has(c.family))) s += ` ${d}`;
  if (c.unique && !(dialect === 'mysql' && mysqlKeyBytes([c]) > MYSQL_MAX_KEY)) s += ' UNIQUE';
  if (c.enum && c.enum.values.length && (dialect === 'sqlite' || dialect === 'mssql' || (dialect === 'mysql' && !/^enum/i.test(type)))) {
    s += ` CHECK (${q(c.name)} IN (${c.enum.values.map((v) => sqlString(v.name)).join(', ')}))`;
  }
  return s;
}

/** The foreign keys of a table that the output can declare (referenced columns unique where the dialect requires it). */
export function sqlForeignKeys(t: TableView, dialect: string): RelationView[] {
  return t.outgoing.filter((r) => r.toUnique || dialect === 'sqlite');
}

function fkClause(r: RelationView, dialect: string): string {
  const q = (n: string) => quoteIdent(n, dialect);
  let s = `FOREIGN KEY (${r.fromColumns.map((c) => q(c.name)).join(', ')}) REFERENCES ${sqlTableName(r.to, dialect)} (${r.toColumns.map((c) => q(c.name)).join(', ')})`;
  if (r.onDelete && !(dialect === 'mysql' && r.onDelete === 'set default')) s += ` ON DELETE ${r.onDelete.toUpperCase()}`;
  if (r.onUpdate && !(dialect === 'mysql' && r.onUpdate === 'set default') && dialect !== 'oracle') s += ` ON UPDATE ${r.onUpdate.toUpperCase()}`;
  return s;
}

/** `ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY ...` (PostgreSQL, MySQL, SQL Server). */
export function sqlAddForeignKey(r: RelationView, dialect: string): string {
  return `ALTER TABLE ${sqlTableName(r.from, dialect)} ADD CONSTRAINT ${quoteIdent(r.name, dialect)} ${fkClause(r, dialect)}`;
}

/** The items inside `CREATE TABLE t ( ... )`: columns, the primary key, multi-column unique keys, checks, SQLite's and MySQL's foreign keys. */
export function sqlTableItems(t: TableView, dialect: string, source: string): string[] {
  const q = (n: string) => quoteIdent(n, dialect);
  const items = t.columns.map((c) => sqlColumnDef(t, c, dialect, source));
  const rowid = dialect === 'sqlite' && t.columns.some((c) => sqliteRowid(t, c));
  if (t.primaryKey.length && !rowid) items.push(`PRIMARY KEY (${t.primaryKey.map((c) => q(c.name)).join(', ')})`);
  for (const u of t.uniques) if (!(dialect === 'mysql' && mysqlKeyBytes(u) > MYSQL_MAX_KEY)) items.push(`UNIQUE (${u.map((c) => q(c.name)).join(', ')})`);
  if (dialect === source) for (const ch of t.checks) items.push(`CHECK (${ch})`);
  if (dialect === 'sqlite') for (const r of sqlForeignKeys(t, dialect)) items.push(fkClause(r, dialect));
  // MySQL: inline (with FOREIGN_KEY_CHECKS off while creating, as mysqldump does); an ALTER per key rebuilds the table
  if (dialect === 'mysql') for (const r of sqlForeignKeys(t, dialect)) items.push(`CONSTRAINT ${q(r.name)} ${fkClause(r, dialect)}`);
  return items;
}

/** Whether an index carries over: expression parts and predicates only within the source dialect; MySQL cannot index TEXT/BLOB without a prefix. */
export function sqlIndexUsable(ix: IndexView, dialect: string, source: string): boolean {
  if (!ix.columns.length || ix.expressions.length) return false;
  // gin, gist, brin, ... need operator classes (and extensions) the model does not keep
  if (ix.type && !/^(btree|hash)$/i.test(ix.type)) return false;
  if (ix.where && dialect !== source) return false;
  if (dialect === 'mysql' && mysqlKeyBytes(ix.columns) > MYSQL_MAX_KEY) return false;
  if (dialect === 'mysql' && ix.columns.some((c) => TEXTY.has(c.family) || (c.family === 'string' && c.type.length === undefined && dialect === source))) return false;
  return true;
}

/** `CREATE [UNIQUE] INDEX ...`. */
export function sqlCreateIndex(t: TableView, ix: IndexView, dialect: string, source: string): string {
  const q = (n: string) => quoteIdent(n, dialect);
  const method = ix.type && dialect === 'postgres' && source === 'postgres' && ix.type !== 'btree' ? ` USING ${ix.type}` : '';
  const where = ix.where && dialect === source && dialect !== 'mysql' ? ` WHERE ${ix.where}` : '';
  return `CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX ${q(ix.name)} ON ${sqlTableName(t, dialect)}${method} (${ix.columns.map((c) => q(c.name)).join(', ')})${where}`;
}
