/**
 * Drift: where the schema files and a live database disagree. Diffs the
 * database's introspected schema against the files' (renames never guessed:
 * drift reports facts), and turns each change into a diagnostic on the file
 * object it concerns (codes DRIFT001-DRIFT008, docs/rules.md). Objects only
 * the database has are reported on the first file's first table. Pure.
 */
import { diffSchemas, type Change, type DiffDialect } from './diff/index.js';
import type { Diagnostic } from './diagnostics.js';
import type { Column, Relationship, Schema, Table } from './model/schema.js';
import type { Span } from './text/span.js';
import { HISTORY_TABLE } from './history/table.js';

export const DriftCodes = {
  tableMissing: 'DRIFT001',
  tableExtra: 'DRIFT002',
  columnMissing: 'DRIFT003',
  columnExtra: 'DRIFT004',
  columnDiffers: 'DRIFT005',
  keyDiffers: 'DRIFT006',
  indexDiffers: 'DRIFT007',
  foreignKeyDiffers: 'DRIFT008',
} as const;

export interface DriftItem {
  code: string;
  message: string;
  /** the table it is about (`schema.name`) */
  table?: string;
}

export interface DriftResult {
  /** one entry per difference, in diff order */
  items: DriftItem[];
  diagnostics: Diagnostic[];
}

export interface DriftOptions {
  /** the database's name for messages, e.g. the connection's name */
  database: string;
  dialect?: DiffDialect;
}

function describeType(c: Column): string {
  return `${c.type.raw}${c.nullable ? '' : ' not null'}${c.default ? ` default ${c.default.value}` : ''}`;
}

function relText(r: Relationship): string {
  return `${r.from.table}(${r.from.columns.join(', ')}) -> ${r.to.table}(${r.to.columns.join(', ')})`;
}

/** What differs between the files' schema and the database's, placed on the files. */
export function computeDrift(files: Schema, database: Schema, options: DriftOptions): DriftResult {
  // SchemaSage's own migration history table is not the user's schema: never drift
  if (database.tables.some((t) => t.name === HISTORY_TABLE)) database = { ...database, tables: database.tables.filter((t) => t.name !== HISTORY_TABLE), relationships: database.relationships.filter((r) => !r.from.tableKey.endsWith(HISTORY_TABLE) && !r.to.tableKey.endsWith(HISTORY_TABLE)) };
  // from = database, to = files: each change is what the database lacks to match the files
  const diff = diffSchemas(database, files, { dialect: options.dialect ?? 'generic', rejectRenames: true });
  const items: DriftItem[] = [];
  const diagnostics: Diagnostic[] = [];
  const db = options.database;
  const anchor = files.tables.find((t) => t.source)?.source;

  const place = (code: string, message: string, where: { uri: string; span: Span } | undefined, table?: string) => {
    items.push({ code, message, ...(table ? { table } : {}) });
    const at = where ?? (anchor ? { uri: anchor.uri, span: anchor.nameSpan } : undefined);
    if (at) diagnostics.push({ uri: at.uri, span: at.span, severity: 'warning', code, message });
  };
  const onTable = (t: Table) => (t.source ? { uri: t.source.uri, span: t.source.nameSpan } : undefined);
  const onColumn = (t: Table, c: Column) => (c.source ? { uri: c.source.uri, span: c.source.nameSpan } : onTable(t));
  const tableIn = (name: string) => files.tables.find((t) => t.key === name || t.name === name);

  for (const ch of diff.changes as Change[]) {
    switch (ch.kind) {
      case 'create-table':
      case 'create-view':
        place(DriftCodes.tableMissing, `${ch.kind === 'create-view' ? 'View' : 'Table'} '${ch.table.name}' is not in the database ${db}.`, onTable(ch.table), ch.table.key);
        break;
      case 'drop-table':
      case 'drop-view':
        place(DriftCodes.tableExtra, `The database ${db} has ${ch.kind === 'drop-view' ? 'a view' : 'a table'} '${ch.table.name}' that the schema files do not declare.`, undefined, ch.table.key);
        break;
      case 'add-column':
        place(DriftCodes.columnMissing, `Column '${ch.table.name}.${ch.column.name}' is not in the database ${db}.`, onColumn(ch.table, ch.column), ch.table.key);
        break;
      case 'drop-column':
        place(DriftCodes.columnExtra, `The database ${db} has a column '${ch.table.name}.${ch.column.name}' (${describeType(ch.column)}) that the schema files do not declare.`, onTable(ch.table), ch.table.key);
        break;
      case 'alter-column': {
        const what = Object.entries(ch.changes)
          .filter(([, v]) => v)
          .map(([k]) => (k === 'type' ? 'type' : k))
          .join(', ');
        place(DriftCodes.columnDiffers, `Column '${ch.table.name}.${ch.to.name}' differs from the database ${db} (${what}): the files say ${describeType(ch.to)}, the database ${describeType(ch.from)}.`, onColumn(ch.table, ch.to), ch.table.key);
        break;
      }
      case 'alter-primary-key':
        place(DriftCodes.keyDiffers, `The primary key of '${ch.table.name}' differs from the database ${db}: the files say (${ch.to.join(', ') || 'none'}), the database (${ch.from.join(', ') || 'none'}).`, onTable(ch.table), ch.table.key);
        break;
      case 'add-unique':
      case 'drop-unique':
        place(DriftCodes.keyDiffers, ch.kind === 'add-unique' ? `The unique key (${ch.columns.join(', ')}) of '${ch.table.name}' is not in the database ${db}.` : `The database ${db} has a unique key (${ch.columns.join(', ')}) on '${ch.table.name}' that the schema files do not declare.`, onTable(ch.table), ch.table.key);
        break;
      case 'add-index':
      case 'drop-index': {
        const cols = ch.index.parts.map((p) => p.column ?? p.expression).join(', ');
        const name = ch.index.name ? ` ${ch.index.name}` : '';
        const where = ch.kind === 'add-index' && ch.index.source ? { uri: ch.index.source.uri, span: ch.index.source.nameSpan } : onTable(ch.table);
        place(DriftCodes.indexDiffers, ch.kind === 'add-index' ? `Index${name} (${cols}) on '${ch.table.name}' is not in the database ${db}.` : `The database ${db} has an index${name} (${cols}) on '${ch.table.name}' that the schema files do not declare.`, where, ch.table.key);
        break;
      }
      case 'add-foreign-key':
      case 'drop-foreign-key': {
        if (ch.recreated) break;
        const r = ch.relationship;
        const t = tableIn(r.from.tableKey) ?? ch.table;
        const where = ch.kind === 'add-foreign-key' && r.origin ? { uri: r.origin.uri, span: r.origin.span } : onTable(t);
        place(DriftCodes.foreignKeyDiffers, ch.kind === 'add-foreign-key' ? `Foreign key ${relText(r)} is not in the database ${db}.` : `The database ${db} has a foreign key ${relText(r)} that the schema files do not declare.`, where, ch.table.key);
        break;
      }
      case 'create-enum':
      case 'drop-enum':
      case 'alter-enum':
      case 'add-check':
      case 'drop-check':
      case 'table-comment':
      case 'column-comment':
      case 'rename-table':
      case 'rename-column':
        // enums, checks and comments: reported by the plan, not as drift diagnostics (yet)
        break;
    }
  }
  return { items, diagnostics };
}
