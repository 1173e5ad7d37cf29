/**
 * MySQL and MariaDB introspection, pure: information_schema queries (no SHOW
 * statements), one parameter `?` = the database (schema) name, run once per
 * database, and the mapping of their rows into the Schema model. A MySQL
 * "schema" is a database; the connection's current database is the default.
 */
import type { Schema } from '../model/schema.js';
import { emptySchema } from '../model/schema.js';
import { normaliseType } from '../model/types.js';
import type { CatalogRow, IntrospectResult, IntrospectWarning } from './rows.js';
import { IntrospectCodes, groupBy, num, str } from './rows.js';
import { TableIndex, applyKey, classifyDefault, fkRelationship, finishRelationships, newColumn, refAction, splitTypeText } from './build.js';
import { setRowEstimate } from './estimate.js';

export type MysqlFlavour = 'mysql' | 'mariadb';

/** Run first, without parameters: the server flavour and the current database. */
export const MYSQL_INFO_QUERY = 'SELECT VERSION() AS version, DATABASE() AS db';

/** `mariadb` when VERSION() says so, else `mysql`. */
export function mysqlFlavour(version: string | undefined): MysqlFlavour {
  return version && /mariadb/i.test(version) ? 'mariadb' : 'mysql';
}

/** The catalog queries for one database (`?`). STATISTICS.EXPRESSION exists on MySQL 8 only. */
export function mysqlQueries(flavour: MysqlFlavour) {
  return {
    tables: `SELECT TABLE_NAME AS name, TABLE_TYPE AS type, TABLE_COMMENT AS comment, TABLE_ROWS AS estimate, ENGINE AS engine
      FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME`,
    columns: `SELECT TABLE_NAME AS \`table\`, COLUMN_NAME AS name, ORDINAL_POSITION AS num, COLUMN_TYPE AS column_type,
        DATA_TYPE AS data_type, IS_NULLABLE AS nullable, COLUMN_DEFAULT AS \`default\`, EXTRA AS extra,
        GENERATION_EXPRESSION AS generation, COLUMN_COMMENT AS comment
      FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION`,
    // KEY_COLUMN_USAGE alone (joins of information_schema views are slow on MariaDB):
    // PRIMARY is the primary key, a row with a referenced table is a foreign key, the rest unique keys
    keys: `SELECT TABLE_NAME AS \`table\`, CONSTRAINT_NAME AS name, COLUMN_NAME AS \`column\`, ORDINAL_POSITION AS pos,
        REFERENCED_TABLE_SCHEMA AS ref_schema, REFERENCED_TABLE_NAME AS ref_table, REFERENCED_COLUMN_NAME AS ref_column
      FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION`,
    referential: `SELECT TABLE_NAME AS \`table\`, CONSTRAINT_NAME AS name, UPDATE_RULE AS on_update, DELETE_RULE AS on_delete
      FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ?`,
    checks: `SELECT tc.TABLE_NAME AS \`table\`, cc.CONSTRAINT_NAME AS name, cc.CHECK_CLAUSE AS clause${flavour === 'mariadb' ? ', cc.LEVEL AS level' : ''}
      FROM information_schema.TABLE_CONSTRAINTS tc JOIN information_schema.CHECK_CONSTRAINTS cc
        ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME${flavour === 'mariadb' ? ' AND cc.TABLE_NAME = tc.TABLE_NAME' : ''}
      WHERE tc.TABLE_SCHEMA = ? AND tc.CONSTRAINT_TYPE = 'CHECK' ORDER BY tc.TABLE_NAME, cc.CONSTRAINT_NAME`,
    indexes: `SELECT TABLE_NAME AS \`table\`, INDEX_NAME AS name, NON_UNIQUE AS non_unique, SEQ_IN_INDEX AS seq,
        COLUMN_NAME AS \`column\`, SUB_PART AS sub_part, INDEX_TYPE AS method, INDEX_COMMENT AS comment${flavour === 'mysql' ? ', EXPRESSION AS expression' : ''}
      FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`,
  } as const;
}

export type MysqlQueryName = keyof ReturnType<typeof mysqlQueries>;

/** The rows of every mysqlQueries() query for one database. */
export interface MysqlDatabaseRows {
  database: string;
  rows: Record<MysqlQueryName, readonly CatalogRow[]>;
}

const NUMERIC = new Set(['tinyint', 'smallint', 'mediumint', 'int', 'integer', 'bigint', 'decimal', 'numeric', 'float', 'double', 'real', 'bit', 'year']);

/**
 * Maps the rows of one or more databases into a Schema whose default schema
 * is `defaultDatabase` (the connection's current database).
 */
export function mapMysql(flavour: MysqlFlavour, defaultDatabase: string, databases: readonly MysqlDatabaseRows[]): IntrospectResult {
  const warnings: IntrospectWarning[] = [];
  const schema: Schema = emptySchema(defaultDatabase);
  schema.schemas = databases.length ? databases.map((d) => d.database) : [defaultDatabase];
  const tables = new TableIndex(schema, warnings);
  for (const db of databases) mapDatabase(flavour, db, tables, schema);
  finishRelationships(schema, tables);
  return { schema, warnings };
}

function mapDatabase(flavour: MysqlFlavour, db: MysqlDatabaseRows, tables: TableIndex, schema: Schema): void {
  const s = db.database;
  const { rows } = db;
  for (const r of rows.tables) {
    const type = str(r['type']) ?? '';
    const t = tables.add(s, str(r['name']) ?? '', /VIEW/i.test(type));
    const note = str(r['comment']);
    if (note && !t.isView) t.note = note;
    // TABLE_ROWS: InnoDB's sampled estimate (exact for MyISAM/Aria), NULL for views
    if (!t.isView) setRowEstimate(t.settings, num(r['estimate']));
    const engine = str(r['engine']);
    if (engine) t.settings['engine'] = engine;
  }

  for (const r of rows.columns) {
    const t = tables.get(s, str(r['table']) ?? '');
    if (!t) continue;
    const columnType = str(r['column_type']) ?? str(r['data_type']) ?? '';
    const split = splitTypeText(columnType);
    const type = normaliseType(columnType, split.name, split.args, false);
    if (split.name === 'enum' || split.name === 'set') type.family = split.name === 'enum' ? 'enum' : 'other';
    if (split.flags.includes('unsigned')) type.raw = columnType;
    const col = newColumn(str(r['name']) ?? '', type, (str(r['nullable']) ?? 'YES').toUpperCase() === 'YES');
    if (split.flags.length) col.settings['flags'] = split.flags.join(' ');
    const extra = (str(r['extra']) ?? '').toLowerCase();
    if (extra.includes('auto_increment')) col.autoIncrement = true;
    if (extra.includes('on update')) col.settings['onUpdate'] = (str(r['extra']) ?? '').replace(/^.*?on update\s+/i, '').replace(/\s+(VIRTUAL|STORED|PERSISTENT).*$/i, '');
    const generation = str(r['generation']);
    if (generation && /generated|virtual|stored|persistent/i.test(extra)) {
      col.generated = generation;
      col.settings['generated'] = /stored|persistent/i.test(extra) ? 'stored' : 'virtual';
    } else {
      const def = mysqlDefault(flavour, str(r['default']), extra, NUMERIC.has(split.name));
      if (def) col.default = type.family === 'enum' && def.kind === 'string' ? { kind: 'enum', value: def.value } : def;
    }
    const note = str(r['comment']);
    if (note) col.note = note;
    tables.addColumn(t, col);
  }

  const keyNames = new Set<string>();
  const rules = new Map<string, CatalogRow>();
  for (const r of rows.referential) rules.set(`${str(r['table'])}\u0000${str(r['name'])}`, r);
  const byConstraint = groupBy(rows.keys, (r) => `${str(r['table'])}\u0000${str(r['name'])}`);
  const fks: [string, CatalogRow[]][] = [];
  for (const [key, group] of byConstraint) {
    const first = group[0];
    const t = tables.get(s, str(first['table']) ?? '');
    if (!t) continue;
    const name = str(first['name']);
    const columns = group.map((r) => str(r['column'])).filter((c): c is string => c !== undefined);
    if (str(first['ref_table']) !== undefined) fks.push([key, group]);
    else if (name === 'PRIMARY') {
      applyKey(tables, t, 'pk', columns);
      keyNames.add(key);
    } else {
      applyKey(tables, t, 'unique', columns, name);
      keyNames.add(key);
    }
  }
  // foreign keys after every key, so cardinality sees the keys of all tables
  for (const [key, group] of fks) {
    const first = group[0];
    const table = str(first['table']) ?? '';
    const rule = rules.get(key);
    const refCols = group.map((r) => str(r['ref_column'])).filter((c): c is string => c !== undefined);
    const columns = group.map((r) => str(r['column'])).filter((c): c is string => c !== undefined);
    schema.relationships.push(fkRelationship(str(first['name']), s, table, columns, str(first['ref_schema']) ?? s, str(first['ref_table']) ?? '', refCols, refAction(str(rule?.['on_delete'])), refAction(str(rule?.['on_update']))));
  }

  for (const r of rows.checks) {
    const t = tables.get(s, str(r['table']) ?? '');
    if (!t) continue;
    const name = str(r['name']);
    const clause = str(r['clause']) ?? '';
    // MariaDB's JSON type is LONGTEXT plus an automatic json_valid() check
    const jsonCol = /^json_valid\(`([^`]+)`\)$/i.exec(clause);
    if (flavour === 'mariadb' && jsonCol && jsonCol[1] === name) {
      const c = tables.column(t, name);
      if (c) {
        c.type = normaliseType('json', 'json', [], false);
        continue;
      }
    }
    t.checks.push(name ? { name, expression: clause } : { expression: clause });
    if ((str(r['level']) ?? '').toLowerCase() === 'column' && name) tables.column(t, name)?.checks.push(clause);
  }

  const byIndex = groupBy(rows.indexes, (r) => `${str(r['table'])}\u0000${str(r['name'])}`);
  for (const [key, group] of byIndex) {
    if (keyNames.has(key)) continue; // a PRIMARY KEY or UNIQUE constraint, already recorded
    const first = group[0];
    const t = tables.get(s, str(first['table']) ?? '');
    if (!t) continue;
    const parts = group.map((r) => {
      const column = str(r['column']);
      const sub = num(r['sub_part']);
      if (column) return sub !== undefined ? { column, expression: `${column}(${sub})` } : { column };
      return { expression: str(r['expression']) ?? '' };
    });
    const ix: Schema['tables'][number]['indexes'][number] = { name: str(first['name']), parts, unique: num(first['non_unique']) === 0, primaryKey: false };
    const method = str(first['method']);
    if (method) ix.type = method.toLowerCase();
    const note = str(first['comment']);
    if (note) ix.note = note;
    t.indexes.push(ix);
  }
  if (rows.tables.length && !rows.columns.length) tables.warnings.push({ code: IntrospectCodes.queryFailed, message: `no columns read for database ${s}` });
}

/**
 * COLUMN_DEFAULT differs by server: MariaDB 10.2.7+ quotes string literals and
 * prints `NULL` for "no default" on nullable columns; MySQL prints strings
 * unquoted and marks expressions with DEFAULT_GENERATED in EXTRA.
 */
function mysqlDefault(flavour: MysqlFlavour, text: string | undefined, extra: string, numeric: boolean): ReturnType<typeof classifyDefault> | undefined {
  if (text === undefined) return undefined;
  if (flavour === 'mariadb') {
    if (text === 'NULL') return undefined;
    return classifyDefault(text, numeric, true);
  }
  if (extra.includes('default_generated')) return { kind: 'expression', value: text };
  if (/^current_timestamp(\(\d*\))?$/i.test(text)) return { kind: 'expression', value: text };
  if (numeric && /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text)) return { kind: 'number', value: text };
  return { kind: 'string', value: text };
}
