/**
 * Schema -> ER diagram view model (`toDiagram`) and Mermaid export
 * (`toMermaid`). Pure and total: any Schema in, plain JSON out, in the
 * schema's order; never reads files, never lays anything out (positions are
 * the webview's business) and never throws.
 */
import type { Column, Relationship, Schema, SourceRef, Table } from '../model/schema.js';
import type { DiagramColumn, DiagramEnd, DiagramGroup, DiagramModel, DiagramRelationship, DiagramSource, DiagramTable } from './types.js';

export type * from './types.js';
import { diagramToMermaid } from './mermaid.js';

export { diagramToMermaid, mermaidName } from './mermaid.js';

/** An inferred relationship as the inference returns it (confidence and evidence optional). */
export type InferredInput = Relationship & {
  confidence?: number;
  evidence?: ReadonlyArray<{ detail: string } | string>;
};

export interface DiagramOptions {
  /** inferred relationships to draw dashed (the ones that repeat a declared one are dropped) */
  inferred?: InferredInput[];
  /** draw only the tables written in these files (the "current file" choice); all when absent */
  files?: string[];
}

/** Colours for groups that do not name one: readable on light and dark backgrounds. */
const GROUP_PALETTE = ['#3b82f6', '#10b981', '#f59e0b', '#ef4444', '#8b5cf6', '#06b6d4', '#ec4899', '#84cc16'];

const HEX_COLOR = /^#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/;
const NAMED_COLOR = /^[a-zA-Z]{3,20}$/;

/** A colour the webview may put in a style: `#hex` or a bare keyword; anything else is dropped. */
export function safeColor(c: string | undefined): string | undefined {
  if (c === undefined) return undefined;
  const t = c.trim();
  return HEX_COLOR.test(t) || NAMED_COLOR.test(t) ? t : undefined;
}

function sourceOf(s: SourceRef | undefined): DiagramSource | undefined {
  return s ? { uri: s.uri, span: { start: s.nameSpan.start, end: s.nameSpan.end } } : undefined;
}

function relKey(r: Relationship): string {
  return `${r.from.tableKey}(${r.from.columns.join(',')})->${r.to.tableKey}(${r.to.columns.join(',')})`;
}

/** Build the diagram view model of a schema. */
export function toDiagram(schema: Schema, options: DiagramOptions = {}): DiagramModel {
  const files = options.files ? new Set(options.files) : undefined;
  const tables = files ? schema.tables.filter((t) => t.source !== undefined && files.has(t.source.uri)) : schema.tables;
  const byKey = new Map<string, Table>();
  for (const t of tables) if (!byKey.has(t.key)) byKey.set(t.key, t);

  // FK marks come from declared relationships only: an inferred one is a guess.
  const fkCols = new Map<string, Set<string>>();
  for (const r of schema.relationships) {
    let set = fkCols.get(r.from.tableKey);
    if (!set) fkCols.set(r.from.tableKey, (set = new Set()));
    for (const c of r.from.columns) set.add(c);
  }

  const groupOf = new Map<string, string>();
  const groups: DiagramGroup[] = [];
  schema.tableGroups.forEach((g, i) => {
    const members = g.tables.filter((k) => byKey.has(k));
    if (files && members.length === 0) return;
    for (const k of members) if (!groupOf.has(k)) groupOf.set(k, g.name);
    const group: DiagramGroup = { name: g.name, tables: members, color: safeColor(g.color) ?? GROUP_PALETTE[i % GROUP_PALETTE.length]! };
    if (g.note !== undefined) group.note = g.note;
    const src = sourceOf(g.source);
    if (src) group.source = src;
    groups.push(group);
  });

  const schemas = new Set<string>();
  for (const t of byKey.values()) schemas.add(t.schema);
  // one schema (a MySQL database, a SQL Server `dbo`): its name adds nothing to the labels
  const plain = schemas.size === 1 ? [...schemas][0]! : schema.defaultSchema;
  const outTables: DiagramTable[] = [];
  for (const t of byKey.values()) outTables.push(tableOf(t, plain, fkCols.get(t.key), groupOf.get(t.key)));

  const relationships: DiagramRelationship[] = [];
  const seen = new Map<string, number>();
  const declared = new Set<string>();
  const add = (r: Relationship, inferred: InferredInput | undefined): void => {
    const from = byKey.get(r.from.tableKey);
    const to = byKey.get(r.to.tableKey);
    if (!from || !to) return;
    const key = relKey(r);
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    const out: DiagramRelationship = {
      id: n === 0 ? key : `${key}#${n}`,
      from: endOf(from, r.from.columns, r.cardinality === 'n-1' || r.cardinality === 'n-n', true),
      to: endOf(to, r.to.columns, r.cardinality === '1-n' || r.cardinality === 'n-n', false),
      cardinality: r.cardinality,
      inferred: inferred !== undefined,
    };
    // the referenced side is optional when the referencing columns may be null
    out.to.optional = r.from.columns.some((c) => from.columns.find((x) => x.name === c)?.nullable ?? true);
    if (r.name !== undefined) out.name = r.name;
    const color = safeColor(r.color);
    if (color) out.color = color;
    const src = sourceOf(r.origin);
    if (src) out.source = src;
    if (inferred) {
      if (inferred.confidence !== undefined) out.confidence = inferred.confidence;
      out.evidence = (inferred.evidence ?? []).map((e) => (typeof e === 'string' ? e : e.detail));
    }
    relationships.push(out);
  };
  for (const r of schema.relationships) {
    declared.add(relKey(r));
    add(r, undefined);
  }
  for (const r of options.inferred ?? []) if (!declared.has(relKey(r))) add(r, r);

  return {
    version: 1,
    defaultSchema: schema.defaultSchema,
    schemas: [...schemas].sort(),
    tables: outTables,
    relationships,
    groups,
    notes: schema.notes.map((n) => {
      const src = sourceOf(n.source);
      return src ? { name: n.name, content: n.content, source: src } : { name: n.name, content: n.content };
    }),
  };
}

/** The schema as a Mermaid `erDiagram`: every table, declared relationships solid, inferred ones dotted. */
export function toMermaid(schema: Schema, options: DiagramOptions = {}): string {
  return diagramToMermaid(toDiagram(schema, options));
}

function endOf(t: Table, columns: string[], many: boolean, optional: boolean): DiagramEnd {
  return { table: t.key, columns: [...columns], many, optional };
}

function tableOf(t: Table, plainSchema: string, fks: Set<string> | undefined, group: string | undefined): DiagramTable {
  const pkIndexCols = new Set<string>();
  const uniqueCols = new Set<string>();
  for (const ix of t.indexes) {
    if (ix.primaryKey) for (const p of ix.parts) if (p.column !== undefined) pkIndexCols.add(p.column);
    if (ix.unique && ix.parts.length === 1 && ix.parts[0]!.column !== undefined) uniqueCols.add(ix.parts[0]!.column);
  }
  const out: DiagramTable = {
    key: t.key,
    schema: t.schema,
    name: t.name,
    label: t.schema === plainSchema || !t.schema ? t.name : `${t.schema}.${t.name}`,
    columns: t.columns.map((c) => columnOf(c, pkIndexCols.has(c.name), uniqueCols.has(c.name), fks?.has(c.name) ?? false)),
  };
  const hc = safeColor(t.headerColor);
  if (hc) out.headerColor = hc;
  if (t.note !== undefined) out.note = t.note;
  if (group !== undefined) out.group = group;
  if (t.isView) out.isView = true;
  const src = sourceOf(t.source);
  if (src) out.source = src;
  return out;
}

function columnOf(c: Column, pkByIndex: boolean, uniqueByIndex: boolean, fk: boolean): DiagramColumn {
  const pk = c.primaryKey || pkByIndex;
  const out: DiagramColumn = {
    name: c.name,
    type: c.type.raw,
    pk,
    fk,
    unique: c.unique || uniqueByIndex,
    notNull: pk || !c.nullable,
  };
  if (c.note !== undefined) out.note = c.note;
  const src = sourceOf(c.source);
  if (src) out.source = src;
  return out;
}
