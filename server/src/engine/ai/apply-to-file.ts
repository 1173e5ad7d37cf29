/**
 * "Apply to schema file": a checked schema-change proposal as text edits on
 * the files that declare the schema, for the user to review before anything
 * is written. DBML files get declarations edited in place (a column line
 * added or removed, a table, a `Ref:` line or an index added); a plain SQL
 * schema file gets the planned statements appended (its interpreter replays
 * them in order). What cannot be edited faithfully (renames, which Rename
 * Symbol does with every reference; type changes of a DBML column; Prisma;
 * SQL migration files, which must not change once applied) is listed instead,
 * and the caller points at the migration plan.
 *
 * Pure: texts come in through a function, edits go out as spans; nothing is
 * read or written here.
 */
import type { Span } from '../text/span.js';
import type { Column, Schema, Table } from '../model/schema.js';
import type { MigrationPlan } from '../migrate/types.js';
import { classifyDefault } from '../introspect/build.js';
import type { ColumnSpec, SchemaOp } from './schema-change.js';

export interface TextEditSpan {
  span: Span;
  newText: string;
}

export interface FileEdits {
  uri: string;
  edits: TextEditSpan[];
}

export interface FileChangeResult {
  /** edits per file, each list in increasing offset order, never overlapping */
  files: FileEdits[];
  /** one line per operation that was not turned into an edit, with the reason */
  unsupported: string[];
}

export type SourceLanguage = 'dbml' | 'sql' | 'prisma';

export interface FileAccess {
  text(uri: string): string | undefined;
  language(uri: string): SourceLanguage | undefined;
}

/** A migrations-folder file: versioned or timestamped names, Prisma's `migration.sql`. */
const MIGRATION_FILE = /(^|\/)(V\d+(_\d+)*__[^/]*|\d{3,}[_-][^/]*|migration)\.sql$/i;

const PLAIN = /^[A-Za-z_][A-Za-z0-9_]*$/;

function dbmlName(name: string): string {
  return PLAIN.test(name) ? name : `"${name.replaceAll('"', '\\"')}"`;
}

function dbmlTable(schema: Schema, t: { schema: string; name: string }): string {
  return t.schema === schema.defaultSchema ? dbmlName(t.name) : `${dbmlName(t.schema)}.${dbmlName(t.name)}`;
}

function dbmlType(type: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*(\([0-9, ]*\))?(\[\])?$/.test(type) ? type : `"${type.replaceAll('"', '\\"')}"`;
}

function dbmlDefault(text: string, numeric: boolean): string {
  const d = classifyDefault(text, numeric);
  if (d.kind === 'number' || d.kind === 'boolean' || d.kind === 'null') return d.value;
  if (d.kind === 'string') return `'${d.value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
  return `\`${d.value.replaceAll('`', '')}\``;
}

function columnLine(spec: ColumnSpec): string {
  const settings: string[] = [];
  if (spec.primaryKey) settings.push('pk');
  if (spec.nullable === false && !spec.primaryKey) settings.push('not null');
  if (spec.unique) settings.push('unique');
  if (spec.default !== undefined) settings.push(`default: ${dbmlDefault(spec.default, /int|num|dec|float|double|real|serial/i.test(spec.type))}`);
  return `${dbmlName(spec.name)} ${dbmlType(spec.type)}${settings.length ? ` [${settings.join(', ')}]` : ''}`;
}

function lineStart(text: string, at: number): number {
  return text.lastIndexOf('\n', at - 1) + 1;
}

/** Indentation of the table's first column line, or two spaces. */
function indentOf(text: string, t: Table): string {
  const c = t.columns.find((x) => x.source);
  if (!c?.source) return '  ';
  const start = lineStart(text, c.source.span.start);
  const m = /^[ \t]*/.exec(text.slice(start, c.source.span.start));
  return m ? m[0] : '  ';
}

/** Offset of the line holding the table's closing `}` (insertions go before it). */
function beforeClose(text: string, t: Table): number | undefined {
  if (!t.source) return undefined;
  const close = t.source.span.end - 1;
  if (text.charCodeAt(close) !== 125 /* } */) return undefined;
  const start = lineStart(text, close);
  return text.slice(start, close).trim() === '' ? start : close;
}

function findTable(schema: Schema, name: string): Table | undefined {
  const lower = name.toLowerCase();
  return schema.tables.find((t) => t.key === name || (t.name === name && t.schema === schema.defaultSchema)) ?? schema.tables.find((t) => t.name === name) ?? schema.tables.find((t) => t.key.toLowerCase() === lower || t.name.toLowerCase() === lower);
}

function findColumn(t: Table, name: string): Column | undefined {
  return t.columns.find((c) => c.name === name) ?? t.columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
}

function refEnd(table: string, cols: readonly string[]): string {
  const c = cols.map(dbmlName);
  return `${table}.${c.length === 1 ? c[0] : `(${c.join(', ')})`}`;
}

function endName(schema: Schema, t: Table, cols: string[]): string {
  return refEnd(dbmlTable(schema, t), cols);
}

/**
 * The edits that bring the schema files to the proposal. `schema` is the
 * schema the operations were checked against (with its `source` spans);
 * `plan` is the proposal's migration plan (SQL files get its statements).
 */
export function schemaChangeEdits(schema: Schema, operations: readonly SchemaOp[], plan: MigrationPlan, files: FileAccess): FileChangeResult {
  const byUri = new Map<string, TextEditSpan[]>();
  const unsupported: string[] = [];
  const add = (uri: string, e: TextEditSpan) => {
    const list = byUri.get(uri);
    if (list) list.push(e);
    else byUri.set(uri, [e]);
  };
  const firstDbml = schema.tables.find((t) => t.source && files.language(t.source.uri) === 'dbml')?.source?.uri;
  const firstSql = schema.tables.find((t) => t.source && files.language(t.source.uri) === 'sql' && !MIGRATION_FILE.test(t.source.uri))?.source?.uri;
  /** tables this change adds, by name, so later operations can target them (appended text) */
  const added = new Map<string, { uri: string; lines: string[]; table: string; refs: string[] }>();
  /** `table.col` or `table.(a, b)` of the referenced side, an existing table or one this change adds */
  const refTarget = (op: SchemaOp): string | undefined => {
    if (op.op !== 'add_relationship') return undefined;
    const to = findTable(schema, op.refTable);
    if (to) return endName(schema, to, op.refColumns);
    const fresh = added.get(op.refTable.toLowerCase());
    return fresh ? refEnd(fresh.table, op.refColumns) : undefined;
  };
  let sqlUri: string | undefined;
  const sqlOps: string[] = [];
  let dbmlOps = 0;

  for (const op of operations) {
    const t = findTable(schema, op.table);
    const uri = t?.source?.uri ?? (op.op === 'add_table' ? (firstDbml ?? firstSql) : undefined);
    const lang = uri ? files.language(uri) : undefined;
    const text = uri ? files.text(uri) : undefined;
    if (!uri || !lang || text === undefined) {
      const fresh = added.get(op.table.toLowerCase());
      if (fresh && op.op === 'add_column') {
        fresh.lines.push(columnLine(op));
        continue;
      }
      if (sqlUri && !fresh) {
        // a table the appended SQL creates: the same statements cover this operation
        sqlOps.push(`${op.op} ${op.table}`);
        continue;
      }
      const target = refTarget(op);
      if (fresh && op.op === 'add_relationship' && target) {
        fresh.refs.push(`Ref: ${refEnd(fresh.table, op.columns)} > ${target}${op.onDelete ? ` [delete: ${op.onDelete}]` : ''}`);
        continue;
      }
      unsupported.push(`${op.op} ${op.table}: no schema file declares it`);
      continue;
    }
    if (lang === 'prisma') {
      unsupported.push(`${op.op} ${op.table}: Prisma files are not edited; save the migration plan instead`);
      continue;
    }
    if (lang === 'sql') {
      if (MIGRATION_FILE.test(uri)) unsupported.push(`${op.op} ${op.table}: it is declared in a migration file, which must not change; save the plan as a new migration`);
      else {
        sqlUri ??= uri;
        sqlOps.push(`${op.op} ${op.table}`);
      }
      continue;
    }
    // DBML
    dbmlOps++;
    switch (op.op) {
      case 'add_column': {
        const at = t && beforeClose(text, t);
        if (!t || at === undefined) {
          unsupported.push(`add_column ${op.table}.${op.name}: the table's text was not found`);
          break;
        }
        add(uri, { span: { start: at, end: at }, newText: `${indentOf(text, t)}${columnLine(op)}\n` });
        break;
      }
      case 'drop_column': {
        const c = t && findColumn(t, op.column);
        if (!t || !c?.source) {
          unsupported.push(`drop_column ${op.table}.${op.column}: the column's text was not found`);
          break;
        }
        const used = schema.relationships.some((r) => (r.from.tableKey === t.key && r.from.columns.includes(c.name)) || (r.to.tableKey === t.key && r.to.columns.includes(c.name))) || t.indexes.some((ix) => ix.parts.some((p) => p.column === c.name));
        if (used) {
          unsupported.push(`drop_column ${op.table}.${op.column}: a relationship or index uses it; edit those first`);
          break;
        }
        const start = lineStart(text, c.source.span.start);
        const nl = text.indexOf('\n', c.source.span.end);
        const rest = text.slice(c.source.span.end, nl < 0 ? text.length : nl);
        if (text.slice(start, c.source.span.start).trim() !== '' || !/^\s*(\/\/.*)?$/.test(rest)) {
          unsupported.push(`drop_column ${op.table}.${op.column}: the column shares its line`);
          break;
        }
        add(uri, { span: { start, end: nl < 0 ? text.length : nl + 1 }, newText: '' });
        break;
      }
      case 'add_table': {
        const name = dbmlName(op.table);
        const lines: string[] = [];
        added.set(op.table.toLowerCase(), { uri, lines, table: name, refs: [] });
        // the column lines are filled when the edits are assembled (later add_column operations may add more)
        for (const c of op.columns) lines.push(columnLine(c));
        break;
      }
      case 'add_relationship': {
        const target = refTarget(op);
        if (!t || !target) {
          unsupported.push(`add_relationship ${op.table}: the referenced table is not in a schema file`);
          break;
        }
        add(uri, { span: { start: text.length, end: text.length }, newText: `${text.endsWith('\n') ? '' : '\n'}Ref: ${endName(schema, t, op.columns)} > ${target}${op.onDelete ? ` [delete: ${op.onDelete}]` : ''}\n` });
        break;
      }
      case 'add_index': {
        const at = t && beforeClose(text, t);
        if (!t?.source || at === undefined) {
          unsupported.push(`add_index ${op.table}: the table's text was not found`);
          break;
        }
        const settings: string[] = [];
        if (op.unique) settings.push('unique');
        if (op.name) settings.push(`name: '${op.name.replaceAll("'", "\\'")}'`);
        const part = `${op.columns.length === 1 ? dbmlName(op.columns[0]) : `(${op.columns.map(dbmlName).join(', ')})`}${settings.length ? ` [${settings.join(', ')}]` : ''}`;
        const indent = indentOf(text, t);
        const body = text.slice(t.source.span.start, t.source.span.end);
        const m = /\n([ \t]*)indexes\s*\{[^\n]*\n/i.exec(body);
        if (m) {
          const pos = t.source.span.start + m.index + m[0].length;
          add(uri, { span: { start: pos, end: pos }, newText: `${m[1]}${indent}${part}\n` });
        } else add(uri, { span: { start: at, end: at }, newText: `\n${indent}Indexes {\n${indent}${indent}${part}\n${indent}}\n` });
        break;
      }
      case 'rename_column':
      case 'rename_table':
        unsupported.push(`${op.op} ${op.table}: use Rename Symbol (F2) on the declaration: it renames every reference too`);
        break;
      default:
        unsupported.push(`${op.op} ${op.table}: not edited in DBML yet; save the migration plan instead`);
    }
  }
  for (const [, a] of added) {
    const text = files.text(a.uri) ?? '';
    add(a.uri, { span: { start: text.length, end: text.length }, newText: `${text.endsWith('\n') ? '' : '\n'}\nTable ${a.table} {\n${a.lines.map((l) => `  ${l}\n`).join('')}}\n${a.refs.map((r) => `${r}\n`).join('')}` });
  }
  if (sqlUri && dbmlOps > 0) {
    // the plan's statements cannot be split per file: a change across DBML and SQL files edits only the DBML
    for (const o of sqlOps) unsupported.push(`${o}: the change spans DBML and SQL files; save the migration plan for the SQL part`);
    sqlUri = undefined;
  }
  if (sqlUri) {
    const text = files.text(sqlUri) ?? '';
    const statements = plan.statements.filter((s) => !s.manual && !/^\s*PRAGMA\b/i.test(s.sql)).map((s) => `${s.sql.trim()};`);
    if (statements.length) add(sqlUri, { span: { start: text.length, end: text.length }, newText: `${text.endsWith('\n') || text === '' ? '' : '\n'}\n-- Schema change proposed by the SchemaSage assistant\n${statements.join('\n')}\n` });
  }
  const out: FileEdits[] = [];
  for (const [uri, edits] of byUri) {
    // same-offset insertions keep their operation order
    const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.span.start - b.e.span.start || a.i - b.i).map((x) => x.e);
    out.push({ uri, edits: sorted });
  }
  return { files: out, unsupported };
}
