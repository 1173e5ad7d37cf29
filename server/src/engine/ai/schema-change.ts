/**
 * Described schema changes ("add soft delete to orders") as structured
 * operations the model proposes through the `propose_schema_change` tool:
 * the arguments are validated against the schema (unknown tables or columns,
 * names already taken, bad arguments become diagnostics the controller sends
 * back to the model once), applied in order to a copy of the `Schema`, and
 * the copy is diffed against the original and planned in the schema's dialect
 * by `engine/diff` and `engine/migrate`. The answer is an edited schema and a
 * plan with its hazards, never free-form DDL.
 *
 * Pure and total: the input schema is never changed (copy on write), bad
 * arguments never throw, nothing is run or written anywhere.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { Column, ColumnDefault, Index, RefAction, Relationship, Schema, Table } from '../model/schema.js';
import { qualifiedKey } from '../model/schema.js';
import { classifyDefault, typeFromText } from '../introspect/build.js';
import type { RenameHint } from '../diff/types.js';
import { planFromSchemas, renderPlan, type MigrationDialect, type MigrationPlan } from '../migrate/index.js';
import type { ToolCall, ToolDefinition } from './types.js';

export const PROPOSE_SCHEMA_CHANGE = 'propose_schema_change';

/** Same uri as answer.ts's ANSWER_URI (not imported: answer.ts imports prompts.ts, which imports this). */
const ANSWER_URI = 'schemasage-ai:answer';

/** Codes of schema-change findings (the rest of the AI family is in answer.ts). */
export const SchemaChangeCodes = {
  /** arguments are not valid JSON, or an operation misses a field */
  badArguments: 'AI001',
  /** an operation names a table or column the schema (as edited so far) lacks */
  unknownName: 'AI003',
  /** an operation creates a name that is already taken */
  conflict: 'AI007',
  /** the proposal changes nothing */
  noChange: 'AI008',
} as const;

/** A column of an added table or an added column, as the model writes it. */
export interface ColumnSpec {
  name: string;
  /** the type as the dialect writes it (`timestamptz`, `varchar(80)`, an enum's name) */
  type: string;
  nullable?: boolean;
  /** SQL text of the default (`now()`, `0`, `'active'`) */
  default?: string;
  primaryKey?: boolean;
  unique?: boolean;
}

/** One operation on the model. Tables are named `table` or `schema.table`. */
export type SchemaOp =
  | ({ op: 'add_column'; table: string } & ColumnSpec)
  | { op: 'drop_column'; table: string; column: string }
  | { op: 'rename_column'; table: string; column: string; newName: string }
  | { op: 'alter_column'; table: string; column: string; type?: string; nullable?: boolean; default?: string | null }
  | { op: 'add_table'; table: string; columns: ColumnSpec[] }
  | { op: 'drop_table'; table: string }
  | { op: 'rename_table'; table: string; newName: string }
  | { op: 'add_index'; table: string; columns: string[]; unique?: boolean; name?: string }
  | { op: 'drop_index'; table: string; name: string }
  | { op: 'add_relationship'; table: string; columns: string[]; refTable: string; refColumns: string[]; onDelete?: RefAction }
  | { op: 'drop_relationship'; table: string; columns: string[] };

export type SchemaOpKind = SchemaOp['op'];

export const SCHEMA_OP_KINDS: readonly SchemaOpKind[] = ['add_column', 'drop_column', 'rename_column', 'alter_column', 'add_table', 'drop_table', 'rename_table', 'add_index', 'drop_index', 'add_relationship', 'drop_relationship'];

const REF_ACTIONS: readonly RefAction[] = ['cascade', 'restrict', 'set null', 'set default', 'no action'];

const COLUMN_SPEC_SCHEMA = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    type: { type: 'string', description: 'type as the dialect writes it' },
    nullable: { type: 'boolean' },
    default: { type: 'string', description: 'SQL text of the default, e.g. now() or 0' },
    primaryKey: { type: 'boolean' },
    unique: { type: 'boolean' },
  },
  required: ['name', 'type'],
} as const;

/** The tool the model calls to propose a schema change: a proposal the editor plans and a user reviews. */
export const SCHEMA_CHANGE_TOOL: ToolDefinition = {
  name: PROPOSE_SCHEMA_CHANGE,
  description:
    'Propose a change to the schema as operations on its tables, when the user asks for one. The editor checks the operations against the schema, plans the migration and shows it to the user, who reviews it. It changes and runs nothing by itself.',
  parameters: {
    type: 'object',
    properties: {
      summary: { type: 'string', description: 'one sentence describing the change' },
      operations: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          properties: {
            op: { type: 'string', enum: SCHEMA_OP_KINDS },
            table: { type: 'string', description: 'the table, as the schema names it (schema.table or table)' },
            column: { type: 'string', description: 'drop_column, rename_column, alter_column: the existing column' },
            newName: { type: 'string', description: 'rename_column, rename_table: the new name' },
            name: { type: 'string', description: 'add_column: the new column; add_index, drop_index: the index name' },
            type: { type: 'string', description: 'add_column, alter_column: the type' },
            nullable: { type: 'boolean' },
            default: { type: ['string', 'null'], description: 'add_column, alter_column: SQL text of the default; null removes it' },
            primaryKey: { type: 'boolean' },
            unique: { type: 'boolean' },
            columns: {
              type: 'array',
              description: 'add_table: column objects; add_index, add_relationship, drop_relationship: column names of `table`',
              items: { anyOf: [{ type: 'string' }, COLUMN_SPEC_SCHEMA] },
            },
            refTable: { type: 'string', description: 'add_relationship: the referenced table' },
            refColumns: { type: 'array', items: { type: 'string' }, description: 'add_relationship: the referenced key columns' },
            onDelete: { type: 'string', enum: REF_ACTIONS },
          },
          required: ['op', 'table'],
        },
      },
    },
    required: ['summary', 'operations'],
    additionalProperties: false,
  },
};

/** A proposal that checked: the operations, the edited copy and the renames the diff must use. */
export interface SchemaChangeProposal {
  summary: string;
  operations: SchemaOp[];
  /** one line per operation, for people */
  descriptions: string[];
  /** the schema after the operations (the input is unchanged) */
  edited: Schema;
  /** renames the operations made, forced in the diff (and no other rename guessed) */
  renames: RenameHint[];
}

export interface SchemaChangeResult {
  proposal?: SchemaChangeProposal;
  /** errors make `proposal` absent; warnings may accompany one */
  diagnostics: Diagnostic[];
}

function diag(code: string, message: string, severity: Diagnostic['severity'] = 'error'): Diagnostic {
  return { uri: ANSWER_URI, span: { start: 0, end: 0 }, severity, code, message };
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

function strList(v: unknown): string[] | undefined {
  if (!Array.isArray(v) || v.length === 0) return undefined;
  const out: string[] = [];
  for (const x of v) {
    const s = str(x);
    if (s === undefined) return undefined;
    out.push(s);
  }
  return out;
}

function bool(v: unknown): boolean | undefined {
  return typeof v === 'boolean' ? v : undefined;
}

function columnSpec(v: unknown): ColumnSpec | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  const name = str(o.name);
  const type = str(o.type);
  if (!name || !type) return undefined;
  const spec: ColumnSpec = { name, type };
  const nullable = bool(o.nullable);
  if (nullable !== undefined) spec.nullable = nullable;
  const d = str(o.default);
  if (d !== undefined) spec.default = d;
  if (bool(o.primaryKey)) spec.primaryKey = true;
  if (bool(o.unique)) spec.unique = true;
  return spec;
}

/** One operation from the model's JSON, or the reason it is not one. */
export function parseOperation(v: unknown): SchemaOp | string {
  if (typeof v !== 'object' || v === null) return 'an operation is not an object';
  const o = v as Record<string, unknown>;
  const op = o.op;
  const table = str(o.table);
  if (typeof op !== 'string' || !(SCHEMA_OP_KINDS as readonly string[]).includes(op)) return `unknown operation "${String(op)}" (expected one of ${SCHEMA_OP_KINDS.join(', ')})`;
  if (!table) return `${op} needs "table"`;
  const column = str(o.column);
  switch (op as SchemaOpKind) {
    case 'add_column': {
      const spec = columnSpec({ ...o, name: o.name ?? o.column });
      return spec ? { op: 'add_column', table, ...spec } : 'add_column needs "name" and "type"';
    }
    case 'drop_column':
      return column ? { op: 'drop_column', table, column } : 'drop_column needs "column"';
    case 'rename_column': {
      const newName = str(o.newName);
      return column && newName ? { op: 'rename_column', table, column, newName } : 'rename_column needs "column" and "newName"';
    }
    case 'alter_column': {
      if (!column) return 'alter_column needs "column"';
      const out: SchemaOp = { op: 'alter_column', table, column };
      const type = str(o.type);
      if (type) out.type = type;
      const nullable = bool(o.nullable);
      if (nullable !== undefined) out.nullable = nullable;
      if (o.default === null) out.default = null;
      else if (str(o.default) !== undefined) out.default = str(o.default);
      if (out.type === undefined && out.nullable === undefined && !('default' in out)) return 'alter_column needs "type", "nullable" or "default"';
      return out;
    }
    case 'add_table': {
      if (!Array.isArray(o.columns) || o.columns.length === 0) return 'add_table needs "columns" (objects with name and type)';
      const columns: ColumnSpec[] = [];
      for (const c of o.columns) {
        const spec = columnSpec(c);
        if (!spec) return `add_table ${table}: every column needs "name" and "type"`;
        columns.push(spec);
      }
      return { op: 'add_table', table, columns };
    }
    case 'drop_table':
      return { op: 'drop_table', table };
    case 'rename_table': {
      const newName = str(o.newName);
      return newName ? { op: 'rename_table', table, newName } : 'rename_table needs "newName"';
    }
    case 'add_index': {
      const columns = strList(o.columns);
      if (!columns) return 'add_index needs "columns" (column names)';
      const out: SchemaOp = { op: 'add_index', table, columns };
      if (bool(o.unique)) out.unique = true;
      const name = str(o.name);
      if (name) out.name = name;
      return out;
    }
    case 'drop_index': {
      const name = str(o.name);
      return name ? { op: 'drop_index', table, name } : 'drop_index needs "name"';
    }
    case 'add_relationship': {
      const columns = strList(o.columns);
      const refTable = str(o.refTable);
      const refColumns = strList(o.refColumns);
      if (!columns || !refTable || !refColumns) return 'add_relationship needs "columns", "refTable" and "refColumns"';
      if (columns.length !== refColumns.length) return 'add_relationship pairs a different number of columns on each side';
      const out: SchemaOp = { op: 'add_relationship', table, columns, refTable, refColumns };
      const onDelete = typeof o.onDelete === 'string' ? o.onDelete.toLowerCase() : undefined;
      if (onDelete && (REF_ACTIONS as readonly string[]).includes(onDelete)) out.onDelete = onDelete as RefAction;
      return out;
    }
    case 'drop_relationship': {
      const columns = strList(o.columns);
      return columns ? { op: 'drop_relationship', table, columns } : 'drop_relationship needs "columns"';
    }
  }
  return `unknown operation "${op}"`;
}

/** The working copy: tables and relationships copied once, a table copied on its first change. */
class Draft {
  readonly schema: Schema;
  private readonly copied = new Set<Table>();

  constructor(base: Schema) {
    this.schema = { ...base, schemas: base.schemas.slice(), tables: base.tables.slice(), relationships: base.relationships.slice() };
  }

  find(name: string): Table | undefined {
    const s = this.schema;
    const dot = name.lastIndexOf('.');
    const exact = s.tables.find((t) => t.key === name) ?? s.tables.find((t) => t.name === name && t.schema === s.defaultSchema) ?? (dot < 0 ? s.tables.find((t) => t.name === name) : undefined);
    if (exact) return exact;
    const lower = name.toLowerCase();
    return s.tables.find((t) => t.key.toLowerCase() === lower || (t.name.toLowerCase() === lower && (dot >= 0 || t.schema === s.defaultSchema))) ?? (dot < 0 ? s.tables.find((t) => t.name.toLowerCase() === lower) : undefined);
  }

  /** A table this draft may change (copied on first use). */
  writable(t: Table): Table {
    if (this.copied.has(t)) return t;
    const copy: Table = { ...t, columns: t.columns.slice(), indexes: t.indexes.slice(), checks: t.checks.slice() };
    const i = this.schema.tables.indexOf(t);
    if (i >= 0) this.schema.tables[i] = copy;
    this.copied.add(copy);
    return copy;
  }

  add(t: Table): void {
    this.schema.tables.push(t);
    this.copied.add(t);
    if (!this.schema.schemas.includes(t.schema)) this.schema.schemas.push(t.schema);
  }
}

function findColumn(t: Table, name: string): Column | undefined {
  return t.columns.find((c) => c.name === name) ?? t.columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
}

function splitName(schema: Schema, name: string): { schema: string; name: string } {
  const dot = name.indexOf('.');
  return dot > 0 && dot < name.length - 1 ? { schema: name.slice(0, dot), name: name.slice(dot + 1) } : { schema: schema.defaultSchema, name };
}

function typeOf(schema: Schema, text: string): Column['type'] {
  const bare = text.replace(/\[\]$/, '').trim();
  const e = schema.enums.find((x) => x.name === bare || x.key === bare) ?? schema.enums.find((x) => x.name.toLowerCase() === bare.toLowerCase());
  return typeFromText(text, e && !text.endsWith('[]') ? e.key : undefined);
}

function defaultOf(text: string, type: Column['type']): ColumnDefault {
  return classifyDefault(text, type.family === 'integer' || type.family === 'decimal' || type.family === 'float');
}

function newColumn(schema: Schema, spec: ColumnSpec): Column {
  const type = typeOf(schema, spec.type);
  const primaryKey = spec.primaryKey === true;
  const c: Column = {
    name: spec.name,
    type,
    nullable: primaryKey ? false : (spec.nullable ?? true),
    nullabilityExplicit: spec.nullable !== undefined,
    primaryKey,
    unique: spec.unique === true,
    autoIncrement: false,
    checks: [],
    settings: {},
  };
  if (spec.default !== undefined) c.default = defaultOf(spec.default, type);
  return c;
}

function sameCols(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function describe(op: SchemaOp): string {
  switch (op.op) {
    case 'add_column':
      return `Add column ${op.table}.${op.name} ${op.type}${op.nullable === false ? ' not null' : ''}${op.default !== undefined ? ` default ${op.default}` : ''}${op.unique ? ' unique' : ''}`;
    case 'drop_column':
      return `Drop column ${op.table}.${op.column}`;
    case 'rename_column':
      return `Rename column ${op.table}.${op.column} to ${op.newName}`;
    case 'alter_column': {
      const parts: string[] = [];
      if (op.type) parts.push(`type ${op.type}`);
      if (op.nullable !== undefined) parts.push(op.nullable ? 'nullable' : 'not null');
      if (op.default === null) parts.push('no default');
      else if (op.default !== undefined) parts.push(`default ${op.default}`);
      return `Change column ${op.table}.${op.column}: ${parts.join(', ')}`;
    }
    case 'add_table':
      return `Add table ${op.table} (${op.columns.map((c) => c.name).join(', ')})`;
    case 'drop_table':
      return `Drop table ${op.table}`;
    case 'rename_table':
      return `Rename table ${op.table} to ${op.newName}`;
    case 'add_index':
      return `Add ${op.unique ? 'unique ' : ''}index on ${op.table} (${op.columns.join(', ')})`;
    case 'drop_index':
      return `Drop index ${op.name} on ${op.table}`;
    case 'add_relationship':
      return `Add relationship ${op.table}(${op.columns.join(', ')}) -> ${op.refTable}(${op.refColumns.join(', ')})${op.onDelete ? ` on delete ${op.onDelete}` : ''}`;
    case 'drop_relationship':
      return `Drop relationship ${op.table}(${op.columns.join(', ')})`;
  }
}

/**
 * Applies operations in order to a copy of `schema` (later operations see
 * earlier ones: add a table, then a relationship to it). Every problem is a
 * diagnostic; with any error there is no proposal.
 */
export function applySchemaOps(schema: Schema, operations: readonly SchemaOp[], summary = ''): SchemaChangeResult {
  const d = new Draft(schema);
  const s = d.schema;
  const diagnostics: Diagnostic[] = [];
  const renames: RenameHint[] = [];
  const err = (code: string, message: string) => diagnostics.push(diag(code, message));
  const table = (name: string, op: string): Table | undefined => {
    const t = d.find(name);
    if (!t) err(SchemaChangeCodes.unknownName, `${op}: unknown table "${name}". Tables: ${s.tables.slice(0, 30).map((x) => x.name).join(', ')}${s.tables.length > 30 ? ', ...' : ''}.`);
    return t;
  };
  const column = (t: Table, name: string, op: string): Column | undefined => {
    const c = findColumn(t, name);
    if (!c) err(SchemaChangeCodes.unknownName, `${op}: unknown column "${name}" in table ${t.name}. Columns: ${t.columns.map((x) => x.name).join(', ')}.`);
    return c;
  };
  const replaceRels = (f: (r: Relationship) => Relationship | undefined) => {
    const out: Relationship[] = [];
    for (const r of s.relationships) {
      const x = f(r);
      if (x) out.push(x);
    }
    s.relationships = out;
  };

  for (const op of operations) {
    const before = diagnostics.length;
    switch (op.op) {
      case 'add_table': {
        const at = splitName(s, op.table);
        if (d.find(op.table)) {
          err(SchemaChangeCodes.conflict, `add_table: table "${op.table}" already exists.`);
          break;
        }
        const seen = new Set<string>();
        for (const c of op.columns) {
          if (seen.has(c.name.toLowerCase())) err(SchemaChangeCodes.conflict, `add_table ${op.table}: column "${c.name}" appears twice.`);
          seen.add(c.name.toLowerCase());
        }
        if (diagnostics.length > before) break;
        d.add({ key: qualifiedKey(at.schema, at.name), schema: at.schema, name: at.name, columns: op.columns.map((c) => newColumn(s, c)), indexes: [], checks: [], settings: {} });
        break;
      }
      case 'drop_table': {
        const t = table(op.table, 'drop_table');
        if (!t) break;
        s.tables = s.tables.filter((x) => x !== t);
        replaceRels((r) => (r.from.tableKey === t.key || r.to.tableKey === t.key ? undefined : r));
        break;
      }
      case 'rename_table': {
        const t = table(op.table, 'rename_table');
        if (!t) break;
        const to = splitName(s, op.newName.includes('.') ? op.newName : `${t.schema}.${op.newName}`);
        const taken = d.find(qualifiedKey(to.schema, to.name));
        if (taken && taken !== t) {
          err(SchemaChangeCodes.conflict, `rename_table: table "${op.newName}" already exists.`);
          break;
        }
        const w = d.writable(t);
        const oldKey = w.key;
        renames.push({ kind: 'table', from: w.name, to: to.name });
        w.name = to.name;
        w.schema = to.schema;
        w.key = qualifiedKey(to.schema, to.name);
        const fix = (e: Relationship['from']) => (e.tableKey === oldKey ? { ...e, table: w.name, schema: w.schema, tableKey: w.key } : e);
        replaceRels((r) => (r.from.tableKey === oldKey || r.to.tableKey === oldKey ? { ...r, from: fix(r.from), to: fix(r.to) } : r));
        break;
      }
      case 'add_column': {
        const t = table(op.table, 'add_column');
        if (!t) break;
        if (findColumn(t, op.name)) {
          err(SchemaChangeCodes.conflict, `add_column: table ${t.name} already has a column "${op.name}".`);
          break;
        }
        d.writable(t).columns.push(newColumn(s, op));
        break;
      }
      case 'drop_column': {
        const t = table(op.table, 'drop_column');
        const c = t && column(t, op.column, 'drop_column');
        if (!t || !c) break;
        if (t.columns.length === 1) {
          err(SchemaChangeCodes.conflict, `drop_column: ${c.name} is the only column of ${t.name}; drop the table instead.`);
          break;
        }
        const w = d.writable(t);
        w.columns = w.columns.filter((x) => x !== c);
        w.indexes = w.indexes.filter((ix) => !ix.parts.some((p) => p.column === c.name));
        replaceRels((r) => ((r.from.tableKey === t.key && r.from.columns.includes(c.name)) || (r.to.tableKey === t.key && r.to.columns.includes(c.name)) ? undefined : r));
        break;
      }
      case 'rename_column': {
        const t = table(op.table, 'rename_column');
        const c = t && column(t, op.column, 'rename_column');
        if (!t || !c) break;
        const other = findColumn(t, op.newName);
        if (other && other !== c) {
          err(SchemaChangeCodes.conflict, `rename_column: table ${t.name} already has a column "${op.newName}".`);
          break;
        }
        const w = d.writable(t);
        const old = c.name;
        w.columns = w.columns.map((x) => (x === c ? { ...x, name: op.newName } : x));
        w.indexes = w.indexes.map((ix) => (ix.parts.some((p) => p.column === old) ? { ...ix, parts: ix.parts.map((p) => (p.column === old ? { ...p, column: op.newName } : p)) } : ix));
        const fix = (e: Relationship['from']) => (e.tableKey === w.key && e.columns.includes(old) ? { ...e, columns: e.columns.map((x) => (x === old ? op.newName : x)) } : e);
        replaceRels((r) => ({ ...r, from: fix(r.from), to: fix(r.to) }));
        renames.push({ kind: 'column', table: w.name, from: old, to: op.newName });
        break;
      }
      case 'alter_column': {
        const t = table(op.table, 'alter_column');
        const c = t && column(t, op.column, 'alter_column');
        if (!t || !c) break;
        const next: Column = { ...c };
        if (op.type) next.type = typeOf(s, op.type);
        if (op.nullable !== undefined) {
          if (op.nullable && c.primaryKey) {
            err(SchemaChangeCodes.conflict, `alter_column: ${t.name}.${c.name} is part of the primary key and cannot be nullable.`);
            break;
          }
          next.nullable = op.nullable;
          next.nullabilityExplicit = true;
        }
        if (op.default === null) delete next.default;
        else if (op.default !== undefined) next.default = defaultOf(op.default, next.type);
        const w = d.writable(t);
        w.columns = w.columns.map((x) => (x === c ? next : x));
        break;
      }
      case 'add_index': {
        const t = table(op.table, 'add_index');
        if (!t) break;
        const cols: string[] = [];
        for (const name of op.columns) {
          const c = column(t, name, 'add_index');
          if (c) cols.push(c.name);
        }
        if (diagnostics.length > before) break;
        if (op.name && t.indexes.some((ix) => ix.name === op.name)) {
          err(SchemaChangeCodes.conflict, `add_index: table ${t.name} already has an index "${op.name}".`);
          break;
        }
        if (t.indexes.some((ix) => !ix.primaryKey && ix.unique === (op.unique === true) && sameCols(ix.parts.map((p) => p.column ?? ''), cols))) {
          err(SchemaChangeCodes.conflict, `add_index: table ${t.name} already has that index on (${cols.join(', ')}).`);
          break;
        }
        const ix: Index = { parts: cols.map((column) => ({ column })), unique: op.unique === true, primaryKey: false };
        if (op.name) ix.name = op.name;
        d.writable(t).indexes.push(ix);
        break;
      }
      case 'drop_index': {
        const t = table(op.table, 'drop_index');
        if (!t) break;
        const ix = t.indexes.find((x) => x.name === op.name) ?? t.indexes.find((x) => x.name?.toLowerCase() === op.name.toLowerCase());
        if (!ix) {
          err(SchemaChangeCodes.unknownName, `drop_index: table ${t.name} has no index "${op.name}". Named indexes: ${t.indexes.flatMap((x) => (x.name ? [x.name] : [])).join(', ') || 'none'}.`);
          break;
        }
        const w = d.writable(t);
        w.indexes = w.indexes.filter((x) => x !== ix);
        break;
      }
      case 'add_relationship': {
        const from = table(op.table, 'add_relationship');
        const to = table(op.refTable, 'add_relationship');
        if (!from || !to) break;
        const fromCols: string[] = [];
        const toCols: string[] = [];
        for (const n of op.columns) {
          const c = column(from, n, 'add_relationship');
          if (c) fromCols.push(c.name);
        }
        for (const n of op.refColumns) {
          const c = column(to, n, 'add_relationship');
          if (c) toCols.push(c.name);
        }
        if (diagnostics.length > before) break;
        if (s.relationships.some((r) => r.from.tableKey === from.key && sameCols(r.from.columns, fromCols) && r.to.tableKey === to.key && sameCols(r.to.columns, toCols))) {
          err(SchemaChangeCodes.conflict, `add_relationship: ${from.name}(${fromCols.join(', ')}) -> ${to.name}(${toCols.join(', ')}) is already declared.`);
          break;
        }
        const r: Relationship = {
          from: { schema: from.schema, table: from.name, columns: fromCols, tableKey: from.key },
          to: { schema: to.schema, table: to.name, columns: toCols, tableKey: to.key },
          cardinality: 'n-1',
          source: 'declared',
        };
        if (op.onDelete) r.onDelete = op.onDelete;
        s.relationships.push(r);
        break;
      }
      case 'drop_relationship': {
        const t = table(op.table, 'drop_relationship');
        if (!t) break;
        const cols = op.columns.map((n) => findColumn(t, n)?.name ?? n);
        const hit = s.relationships.filter((r) => r.from.tableKey === t.key && sameCols(r.from.columns, cols));
        if (!hit.length) {
          err(SchemaChangeCodes.unknownName, `drop_relationship: ${t.name}(${cols.join(', ')}) references nothing.`);
          break;
        }
        replaceRels((r) => (hit.includes(r) ? undefined : r));
        break;
      }
    }
  }
  if (diagnostics.some((x) => x.severity === 'error')) return { diagnostics };
  if (operations.length === 0) return { diagnostics: [diag(SchemaChangeCodes.noChange, 'The proposal has no operations.')] };
  return { proposal: { summary, operations: operations.slice(), descriptions: operations.map(describe), edited: s, renames }, diagnostics };
}

/** A `propose_schema_change` tool call -> a checked proposal, or diagnostics to send back to the model. */
export function schemaChangeFromToolCall(schema: Schema, call: ToolCall): SchemaChangeResult {
  let args: unknown;
  try {
    args = JSON.parse(call.arguments);
  } catch {
    return { diagnostics: [diag(SchemaChangeCodes.badArguments, 'The schema change is not valid JSON.')] };
  }
  if (typeof args !== 'object' || args === null || !Array.isArray((args as { operations?: unknown }).operations)) {
    return { diagnostics: [diag(SchemaChangeCodes.badArguments, 'The schema change needs "operations", a list of operations.')] };
  }
  const a = args as { summary?: unknown; operations: unknown[] };
  const ops: SchemaOp[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const [i, raw] of a.operations.entries()) {
    const op = parseOperation(raw);
    if (typeof op === 'string') diagnostics.push(diag(SchemaChangeCodes.badArguments, `Operation ${i + 1}: ${op}.`));
    else ops.push(op);
  }
  if (diagnostics.length) return { diagnostics };
  const summary = typeof a.summary === 'string' ? a.summary.trim().slice(0, 300) : '';
  return applySchemaOps(schema, ops, summary);
}

/** The tool result sent back once when a proposal did not check: the errors, and what to do. */
export function schemaChangeRetryText(diagnostics: readonly Diagnostic[]): string {
  const lines = ['The schema change was not applied. The editor reported:'];
  for (const x of diagnostics) if (x.severity === 'error') lines.push(`- ${x.code}: ${x.message}`);
  lines.push(`Call ${PROPOSE_SCHEMA_CHANGE} again with operations that use only tables and columns of the schema, or explain why the change cannot be made.`);
  return lines.join('\n');
}

/** What the plan view and the chat need about a planned proposal. */
export interface PlannedChange {
  plan: MigrationPlan;
  /** the forward SQL as the plan renders it */
  sql: string;
}

/** Options of the plan: decisions the user made in the plan view on renames. */
export interface PlanChangeOptions {
  /** renames the user accepted in the plan view, on top of the proposal's own */
  renames?: RenameHint[];
  /** renames of the proposal the user rejected (planned as a drop and an add) */
  reject?: RenameHint[];
}

/**
 * Diffs `current` against the proposal's edited schema and plans the
 * migration in `dialect`. The proposal's own renames are forced; no other
 * rename is guessed (a dropped `deleted` and an added `deleted_at` stay a
 * drop and an add unless the user accepts a rename in the plan view).
 */
export function planSchemaChange(current: Schema, proposal: Pick<SchemaChangeProposal, 'edited' | 'renames'>, dialect: MigrationDialect, options: PlanChangeOptions = {}): PlannedChange {
  const rejected = (h: RenameHint) => (options.reject ?? []).some((r) => r.kind === h.kind && r.from === h.from && r.to === h.to && (h.kind === 'table' || !r.table || r.table === h.table));
  const renames = [...proposal.renames.filter((h) => !rejected(h)), ...(options.renames ?? [])];
  const plan = planFromSchemas(current, proposal.edited, { dialect, renames, rejectRenames: true });
  return { plan, sql: renderPlan(plan, 'up') };
}
