/**
 * CLI output: turns engine results (Schema, Diagnostics with offsets) into the
 * two stable shapes the CLI prints: one `file:line:col severity code message`
 * line per diagnostic, and the `--json` contract other tools build on.
 *
 * Pure formatting: never reads files, never writes to a stream, never decides
 * the exit code.
 */
import type { Diagnostic, Severity } from '../engine/diagnostics.js';
import type { Relationship, RelationshipEnd, Schema, Table } from '../engine/model/schema.js';
import type { LineIndex } from '../engine/text/line-index.js';

/** A diagnostic placed in a file, with 1-based lines and UTF-16 columns. */
export interface CliDiagnostic {
  /** path as given to the user (relative to the working directory) */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  message: string;
}

export interface JsonColumn {
  name: string;
  type: string;
  nullable: boolean;
  primaryKey: boolean;
}

export interface JsonTable {
  name: string;
  /** null for the schema's default namespace (`public` in DBML) */
  schema: string | null;
  columns: JsonColumn[];
}

export interface JsonEnd {
  schema: string | null;
  table: string;
  columns: string[];
}

export interface JsonRelationship {
  /** the referencing side, the one holding the foreign key */
  from: JsonEnd;
  /** the referenced key */
  to: JsonEnd;
  cardinality: Relationship['cardinality'];
  source: Relationship['source'];
  /** inferred relationships: how sure, and why */
  confidence?: number;
  evidence?: { signal: string; weight: number; detail: string }[];
}

/** The `check --json` contract (issue 3, item 8). Field order is part of it. */
export interface CheckJson {
  tables: JsonTable[];
  relationships: JsonRelationship[];
  diagnostics: CliDiagnostic[];
}

/** Places an engine diagnostic: offsets -> 1-based line/column through the file's LineIndex. */
export function placeDiagnostic(d: Diagnostic, file: string, lines: LineIndex): CliDiagnostic {
  const start = lines.position(d.span.start);
  const end = lines.position(d.span.end);
  return {
    file,
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
    severity: d.severity,
    code: d.code,
    message: d.message,
  };
}

/** One diagnostic per line, the format editors' problem matchers understand. */
export function formatDiagnosticLine(d: CliDiagnostic): string {
  // A message never spans lines in this format: fold any line breaks.
  const message = d.message.replace(/\s*[\r\n]+\s*/g, ' ');
  return `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code} ${message}`;
}

function schemaOrNull(schema: string, defaultSchema: string): string | null {
  return schema === defaultSchema || schema === '' ? null : schema;
}

function tableJson(t: Table, defaultSchema: string): JsonTable {
  return {
    name: t.name,
    schema: schemaOrNull(t.schema, defaultSchema),
    columns: t.columns.map((c) => ({ name: c.name, type: c.type.raw, nullable: c.nullable, primaryKey: c.primaryKey })),
  };
}

function endJson(e: RelationshipEnd, defaultSchema: string): JsonEnd {
  return { schema: schemaOrNull(e.schema, defaultSchema), table: e.table, columns: [...e.columns] };
}

/**
 * Builds the `--json` object from the bound schemas (one per unit: the DBML
 * files, each SQL unit, each Prisma folder; each with its own default
 * namespace) and the placed diagnostics.
 */
export function checkJson(
  parts: Schema | Schema[],
  diagnostics: CliDiagnostic[],
  inferred: { part: Schema; relationship: Relationship & { confidence: number; evidence: JsonRelationship['evidence'] } }[] = [],
): CheckJson {
  const out: CheckJson = { tables: [], relationships: [], diagnostics };
  for (const schema of Array.isArray(parts) ? parts : [parts]) {
    const def = schema.defaultSchema;
    // views are no tables: the contract lists what the database stores
    for (const t of schema.tables) if (!t.isView) out.tables.push(tableJson(t, def));
    for (const r of schema.relationships) {
      out.relationships.push({ from: endJson(r.from, def), to: endJson(r.to, def), cardinality: r.cardinality, source: r.source });
    }
  }
  for (const { part, relationship: r } of inferred) {
    const def = part.defaultSchema;
    out.relationships.push({ from: endJson(r.from, def), to: endJson(r.to, def), cardinality: r.cardinality, source: 'inferred', confidence: r.confidence, evidence: r.evidence });
  }
  return out;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The closing summary, e.g. `2 files, 14 tables, 9 relationships: 1 error, 0 warnings`. */
export function formatSummary(files: number, schema: Schema, diagnostics: CliDiagnostic[]): string {
  const count = (s: Severity) => diagnostics.filter((d) => d.severity === s).length;
  const parts = [plural(count('error'), 'error'), plural(count('warning'), 'warning')];
  const infos = count('info') + count('hint');
  if (infos) parts.push(plural(infos, 'note'));
  return `${plural(files, 'file')}, ${plural(schema.tables.length, 'table')}, ${plural(schema.relationships.length, 'relationship')}: ${parts.join(', ')}`;
}

/** GitHub Actions workflow-command escaping: the message part. */
function ghData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** GitHub Actions workflow-command escaping: a property value. */
function ghProperty(s: string): string {
  return ghData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * One GitHub Actions annotation (`::error file=…,line=…::message`) for a
 * diagnostic, printed when `GITHUB_ACTIONS=true` so problems show on the pull
 * request's diff. Info and hint become `notice`.
 */
export function formatGithubAnnotation(d: CliDiagnostic): string {
  const level = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
  const props = [`file=${ghProperty(d.file)}`, `line=${d.line}`, `col=${d.column}`, `endLine=${d.endLine}`, `endColumn=${d.endColumn}`, `title=${ghProperty(`SchemaSage ${d.code}`)}`];
  return `::${level} ${props.join(',')}::${ghData(d.message)}`;
}
