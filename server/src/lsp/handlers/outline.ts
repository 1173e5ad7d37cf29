/**
 * SchemaSage's own read requests for the client's views: `schemasage/outline`
 * (the workspace's tables per file with their problem counts, and the inferred
 * relationships to review: the sidebar) and `schemasage/schemaModel` (the bound
 * schema of one file's unit or of the whole workspace, with the inferred
 * relationships: the ER diagram). Both read the engine's current binding.
 */
import { ProtocolRequestType } from '../lsp.js';
import type { Relationship, Schema, Table } from '../../engine/model/schema.js';
import {
  OutlineRequest,
  SchemaModelRequest,
  type Outline,
  type OutlineFile,
  type OutlineInferred,
  type OutlineTable,
  type SchemaModelParams,
} from '../protocol.js';
import type { ServerState } from '../state.js';
import { toLspRange } from '../convert.js';
import { severityCounts } from '../../engine/diagnostics.js';
import { defineRequest } from './define.js';

const outlineType = new ProtocolRequestType<Record<string, never> | undefined, Outline, never, void, void>(OutlineRequest);

export interface SchemaModel {
  schema: Schema;
  inferred: Relationship[];
}

const schemaModelType = new ProtocolRequestType<SchemaModelParams | undefined, SchemaModel | null, never, void, void>(SchemaModelRequest);

function outlineTable(state: ServerState, t: Table, fkColumns: Set<string>): OutlineTable {
  const uri = t.source?.uri;
  return {
    key: t.key,
    schema: t.schema,
    name: t.name,
    ...(t.isView ? { isView: true } : {}),
    ...(t.note ? { note: t.note } : {}),
    columns: t.columns.map((c) => ({
      name: c.name,
      type: c.type.raw,
      pk: c.primaryKey,
      fk: fkColumns.has(`${t.key}.${c.name}`),
      unique: c.unique,
      nullable: c.nullable,
      ...(c.note ? { note: c.note } : {}),
      ...(uri && c.source ? { range: toLspRange(state.ws, uri, c.source.nameSpan) } : {}),
    })),
    ...(uri && t.source ? { range: toLspRange(state.ws, uri, t.source.nameSpan) } : {}),
  };
}

export function buildOutline(state: ServerState): Outline {
  const binding = state.ws.binding();
  const fkColumns = new Set<string>();
  for (const r of binding.schema.relationships) for (const c of r.from.columns) fkColumns.add(`${r.from.tableKey}.${c}`);
  const byUri = new Map<string, OutlineFile>();
  for (const f of state.ws.files()) {
    // with those the workspace counted without keeping them (beyond the editor's per-file limit)
    const omitted = state.ws.omittedDiagnostics(f.uri, 'fast');
    const { error: errors, warning: warnings } = severityCounts(state.ws.diagnostics(f.uri, 'fast'), omitted && { ...omitted });
    byUri.set(f.uri, { uri: f.uri, language: f.language, ...(f.dialect ? { dialect: f.dialect } : {}), errors, warnings, tables: [] });
  }
  for (const t of binding.schema.tables) {
    const file = t.source && byUri.get(t.source.uri);
    if (file) file.tables.push(outlineTable(state, t, fkColumns));
  }
  const inferred: OutlineInferred[] = [];
  const analysis = state.ws.analysis();
  for (const { part, relationship: r } of analysis.inferred) {
    const table = part.tables.find((t) => t.key === r.from.tableKey);
    const column = table?.columns.find((c) => c.name === r.from.columns[0]);
    const uri = column?.source?.uri ?? table?.source?.uri;
    inferred.push({
      from: `${r.from.table}(${r.from.columns.join(', ')})`,
      to: `${r.to.table}(${r.to.columns.join(', ')})`,
      confidence: r.confidence,
      evidence: r.evidence.map((e) => e.detail),
      ...(uri ? { uri } : {}),
      ...(uri && column?.source ? { range: toLspRange(state.ws, uri, column.source.nameSpan) } : {}),
    });
  }
  inferred.sort((a, b) => b.confidence - a.confidence || a.from.localeCompare(b.from));
  const files = [...byUri.values()].sort((a, b) => a.uri.localeCompare(b.uri));
  return { files, inferred };
}

/** The unit schema holding `uri` (or the whole workspace's), with the inferred relationships in it. */
export function buildSchemaModel(state: ServerState, uri: string | undefined): SchemaModel | null {
  const binding = state.ws.binding();
  let schema = binding.schema;
  if (uri !== undefined) {
    if (!state.ws.getFile(uri)) return null;
    const part = binding.parts.find((p) => p.tables.some((t) => t.source?.uri === uri) || p.enums.some((e) => e.source?.uri === uri));
    if (part) schema = part;
  }
  const tables = new Set(schema.tables.map((t) => t.key));
  const inferred: Relationship[] = [];
  for (const { relationship } of state.ws.analysis().inferred) {
    if (tables.has(relationship.from.tableKey) && tables.has(relationship.to.tableKey)) inferred.push(relationship);
  }
  return { schema, inferred };
}

export const outlineHandler = defineRequest(outlineType, () => ({ files: [], inferred: [] }), (state) => buildOutline(state));

export const schemaModelHandler = defineRequest(schemaModelType, () => null, (state, params) => buildSchemaModel(state, params?.uri));
