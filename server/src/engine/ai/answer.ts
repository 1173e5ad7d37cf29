/**
 * Checking what the model answered: SQL code blocks are extracted and checked
 * by the engine's query checker (injected), unknown names go back to the
 * model once in a retry message, and whatever is still wrong is returned with
 * the engine's diagnostics. Destructive statements are flagged (nothing here
 * or in the shells runs SQL by itself). Relationship suggestions arrive as
 * `suggest_relationship` tool calls and leave as the inference engine's
 * evidence format with source `ai`, after the same checks inference applies
 * (the columns exist, the types can compare, the target is a key).
 *
 * Pure and total: malformed answers and tool arguments become diagnostics.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { Cardinality, Column, Relationship, RelationshipEnd, Schema, Table } from '../model/schema.js';
import { typesCompatible } from '../model/types.js';
import { inferRelationships, SIGNALS, type Evidence } from '../infer/index.js';
import type { ChatMessage, SqlChecker, ToolCall } from './types.js';
import { SUGGEST_RELATIONSHIP } from './prompts.js';

/** Diagnostics about an answer use this uri; spans are offsets into the answer text. */
export const ANSWER_URI = 'schemasage-ai:answer';

/** Stable codes of the assistant's own findings. */
export const AiCodes = {
  /** tool-call arguments are not valid JSON or miss a field */
  badArguments: 'AI001',
  /** the model called a tool that was not offered */
  unknownTool: 'AI002',
  /** a suggested relationship names a table or column the schema lacks */
  unknownName: 'AI003',
  /** a statement that drops, truncates or deletes without a WHERE */
  destructive: 'AI004',
  /** the suggested relationship is already declared */
  alreadyDeclared: 'AI005',
  /** the two sides of a suggested relationship cannot hold the same values */
  typeMismatch: 'AI006',
} as const;

export interface SqlBlock {
  /** the code as written */
  sql: string;
  /** the info string's first word, lower-cased ('' when none) */
  lang: string;
  /** span of the code inside the answer */
  span: { start: number; end: number };
}

export interface CheckedBlock extends SqlBlock {
  /** engine diagnostics, spans moved into the answer's offsets */
  diagnostics: Diagnostic[];
  /** true when a statement drops or empties data */
  destructive: boolean;
}

export interface AnswerCheck {
  blocks: CheckedBlock[];
  /** diagnostics of severity error across all blocks */
  errors: number;
}

const SQL_LANGS = new Set(['sql', 'pgsql', 'postgresql', 'postgres', 'plpgsql', 'psql', 'mysql', 'mariadb', 'sqlite', 'tsql', 'mssql', 'plsql']);
const SQL_START = /^\s*(select|with|insert|update|delete|create|alter|drop|truncate|merge|explain)\b/i;

/**
 * The SQL code blocks of a markdown answer: fences (``` or ~~~, three or
 * more) tagged with an SQL language, or untagged ones whose code starts with
 * an SQL keyword. An unclosed fence runs to the end (a stream cut short).
 */
export function extractSqlBlocks(answer: string): SqlBlock[] {
  const out: SqlBlock[] = [];
  const n = answer.length;
  let pos = 0;
  while (pos < n) {
    let eol = answer.indexOf('\n', pos);
    if (eol < 0) eol = n;
    // a fence line: up to three spaces, then ``` or ~~~
    let i = pos;
    while (i < eol && i - pos < 3 && answer.charCodeAt(i) === 32) i++;
    const ch = answer.charCodeAt(i);
    if (ch === 96 /* ` */ || ch === 126 /* ~ */) {
      let j = i;
      while (j < eol && answer.charCodeAt(j) === ch) j++;
      const fenceLen = j - i;
      if (fenceLen >= 3) {
        const info = answer.slice(j, eol).trim();
        const lang = (info.split(/\s+/, 1)[0] ?? '').toLowerCase();
        const start = Math.min(eol + 1, n);
        // find the closing fence
        let p = start;
        let end = n;
        let next = n;
        while (p < n) {
          let e = answer.indexOf('\n', p);
          if (e < 0) e = n;
          let k = p;
          while (k < e && k - p < 3 && answer.charCodeAt(k) === 32) k++;
          let m = k;
          while (m < e && answer.charCodeAt(m) === ch) m++;
          if (m - k >= fenceLen && answer.slice(m, e).trim() === '') {
            end = p;
            next = e + 1;
            break;
          }
          p = e + 1;
        }
        let codeEnd = end;
        if (codeEnd > start && answer.charCodeAt(codeEnd - 1) === 10) codeEnd--;
        if (codeEnd > start && answer.charCodeAt(codeEnd - 1) === 13) codeEnd--;
        const sql = answer.slice(start, codeEnd);
        if (SQL_LANGS.has(lang) || (lang === '' && SQL_START.test(sql))) out.push({ sql, lang, span: { start, end: codeEnd } });
        pos = next;
        continue;
      }
    }
    pos = eol + 1;
  }
  return out;
}

const DESTRUCTIVE = /\b(drop\s+(table|schema|database|view|index|column|type)|truncate\b|alter\s+table\b[^;]*\bdrop\b)/i;
const DELETE_FROM = /\bdelete\s+from\b([^;]*)/gi;

/** Spans (in `sql`) of statements that drop, truncate, or delete every row. */
export function destructiveSpans(sql: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let from = 0;
  for (const stmt of sql.split(';')) {
    const m = DESTRUCTIVE.exec(stmt);
    if (m) out.push({ start: from + m.index, end: from + m.index + m[0].length });
    DELETE_FROM.lastIndex = 0;
    const d = DELETE_FROM.exec(stmt);
    if (d && !/\bwhere\b/i.test(d[1])) out.push({ start: from + d.index, end: from + d.index + d[0].length });
    from += stmt.length + 1;
  }
  return out;
}

/** Checks every SQL block of an answer with the engine's checker. */
export function checkAnswer(answer: string, checker: SqlChecker): AnswerCheck {
  const blocks: CheckedBlock[] = [];
  let errors = 0;
  for (const b of extractSqlBlocks(answer)) {
    let found: Diagnostic[];
    try {
      found = checker(b.sql);
    } catch (err) {
      // the checker is engine code and should not throw; if it does, say so instead of losing the answer
      found = [{ uri: ANSWER_URI, span: { start: 0, end: b.sql.length }, severity: 'warning', code: 'AI000', message: `The query checker failed: ${err instanceof Error ? err.message : String(err)}` }];
    }
    const diagnostics: Diagnostic[] = found.map((d) => ({ ...d, uri: ANSWER_URI, span: { start: b.span.start + d.span.start, end: b.span.start + d.span.end } }));
    const destructive = destructiveSpans(b.sql);
    for (const s of destructive) {
      diagnostics.push({ uri: ANSWER_URI, span: { start: b.span.start + s.start, end: b.span.start + s.end }, severity: 'warning', code: AiCodes.destructive, message: 'This statement drops or deletes data. Review it as a migration plan; SchemaSage never runs it by itself.' });
    }
    diagnostics.sort((x, y) => x.span.start - y.span.start);
    for (const d of diagnostics) if (d.severity === 'error') errors++;
    blocks.push({ ...b, diagnostics, destructive: destructive.length > 0 });
  }
  return { blocks, errors };
}

/**
 * The one retry message: each error with the code line it is on, asking for
 * a corrected answer that uses only the schema's names. Undefined when there
 * is nothing to correct.
 */
export function retryMessage(answer: string, check: AnswerCheck): ChatMessage | undefined {
  if (check.errors === 0) return undefined;
  const lines: string[] = ['The SQL in your answer does not match the schema. The editor reported:'];
  for (const b of check.blocks) {
    for (const d of b.diagnostics) {
      if (d.severity !== 'error') continue;
      const text = answer.slice(d.span.start, d.span.end);
      const suggestions = d.data?.suggestions?.length && !/did you mean/i.test(d.message) ? ` (did you mean ${d.data.suggestions.join(', ')}?)` : '';
      lines.push(`- ${d.code}: ${d.message}${text ? ` at \`${text.replaceAll('`', "'")}\`` : ''}${suggestions}`);
    }
  }
  lines.push('Answer again with corrected SQL that uses only tables and columns of the schema. If the schema cannot answer the question, say so.');
  return { role: 'user', content: lines.join('\n') };
}

/** A relationship the model suggested, checked by the engine, in inference's evidence format. */
export interface AiRelationship extends Omit<Relationship, 'source'> {
  source: 'ai';
  confidence: number;
  evidence: Evidence[];
}

export interface SuggestionResult {
  relationship?: AiRelationship;
  diagnostics: Diagnostic[];
}

/** Weights of the assistant's own signals (the rest are inference's `SIGNALS`). */
export const AI_SIGNALS = {
  /** the model proposed it */
  suggested: { id: 'ai:suggested', weight: 0.4 },
  /** the inference engine found the same relationship on its own */
  inferenceAgrees: { id: 'ai:inference-agrees', weight: 0.25 },
} as const;

function diag(code: string, message: string, severity: Diagnostic['severity'] = 'error'): Diagnostic {
  return { uri: ANSWER_URI, span: { start: 0, end: 0 }, severity, code, message };
}

function findTable(schema: Schema, name: string): Table | undefined {
  const exact = schema.tables.find((t) => t.key === name) ?? schema.tables.find((t) => t.name === name && t.schema === schema.defaultSchema) ?? schema.tables.find((t) => t.name === name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  return schema.tables.find((t) => t.key.toLowerCase() === lower || t.name.toLowerCase() === lower);
}

function findColumn(t: Table, name: string): Column | undefined {
  return t.columns.find((c) => c.name === name) ?? t.columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
}

function isStringList(v: unknown): v is string[] {
  return Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string');
}

function pk(t: Table): string[] {
  const cols = t.columns.filter((c) => c.primaryKey).map((c) => c.name);
  if (cols.length) return cols;
  const ix = t.indexes.find((i) => i.primaryKey);
  return ix ? ix.parts.flatMap((p) => (p.column ? [p.column] : [])) : [];
}

function sameCols(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function end(t: Table, columns: string[]): RelationshipEnd {
  return { schema: t.schema, table: t.name, columns, tableKey: t.key };
}

/**
 * Turns a `suggest_relationship` tool call into a checked relationship with
 * evidence (source `ai`), or diagnostics saying why it cannot be one.
 * `inferred` (the inference engine's findings) adds agreement evidence; it is
 * computed here when absent.
 */
export function relationshipFromToolCall(schema: Schema, call: ToolCall, inferred?: readonly Relationship[]): SuggestionResult {
  if (call.name !== SUGGEST_RELATIONSHIP) return { diagnostics: [diag(AiCodes.unknownTool, `The model called "${call.name}", which SchemaSage does not offer; ignored.`, 'warning')] };
  let args: unknown;
  try {
    args = JSON.parse(call.arguments);
  } catch {
    return { diagnostics: [diag(AiCodes.badArguments, 'The relationship suggestion is not valid JSON; ignored.')] };
  }
  if (typeof args !== 'object' || args === null) return { diagnostics: [diag(AiCodes.badArguments, 'The relationship suggestion is not an object; ignored.')] };
  const a = args as Record<string, unknown>;
  if (typeof a.fromTable !== 'string' || typeof a.toTable !== 'string' || !isStringList(a.fromColumns) || !isStringList(a.toColumns)) {
    return { diagnostics: [diag(AiCodes.badArguments, 'The relationship suggestion needs fromTable, fromColumns, toTable and toColumns; ignored.')] };
  }
  if (a.fromColumns.length !== a.toColumns.length) return { diagnostics: [diag(AiCodes.badArguments, 'The relationship suggestion pairs a different number of columns on each side; ignored.')] };
  const from = findTable(schema, a.fromTable);
  const to = findTable(schema, a.toTable);
  const diagnostics: Diagnostic[] = [];
  if (!from) diagnostics.push(diag(AiCodes.unknownName, `Unknown table "${a.fromTable}" in the relationship suggestion.`));
  if (!to) diagnostics.push(diag(AiCodes.unknownName, `Unknown table "${a.toTable}" in the relationship suggestion.`));
  if (!from || !to) return { diagnostics };
  const fromCols: Column[] = [];
  const toCols: Column[] = [];
  for (const name of a.fromColumns) {
    const c = findColumn(from, name);
    if (c) fromCols.push(c);
    else diagnostics.push(diag(AiCodes.unknownName, `Unknown column "${name}" in table ${from.name}.`));
  }
  for (const name of a.toColumns) {
    const c = findColumn(to, name);
    if (c) toCols.push(c);
    else diagnostics.push(diag(AiCodes.unknownName, `Unknown column "${name}" in table ${to.name}.`));
  }
  if (diagnostics.length) return { diagnostics };
  const fromNames = fromCols.map((c) => c.name);
  const toNames = toCols.map((c) => c.name);
  const declared = schema.relationships.some(
    (r) => (r.from.tableKey === from.key && sameCols(r.from.columns, fromNames) && r.to.tableKey === to.key && sameCols(r.to.columns, toNames)) || (r.to.tableKey === from.key && sameCols(r.to.columns, fromNames) && r.from.tableKey === to.key && sameCols(r.from.columns, toNames)),
  );
  if (declared) return { diagnostics: [diag(AiCodes.alreadyDeclared, `${from.name}.${fromNames.join(', ')} -> ${to.name}.${toNames.join(', ')} is already declared.`, 'info')] };

  const evidence: Evidence[] = [];
  const reason = typeof a.reason === 'string' && a.reason.trim() ? a.reason.trim().slice(0, 300) : 'proposed by the assistant';
  evidence.push({ signal: AI_SIGNALS.suggested.id, weight: AI_SIGNALS.suggested.weight, detail: `The assistant proposed it: ${reason}` });
  let compatible = true;
  for (let i = 0; i < fromCols.length; i++) if (!typesCompatible(fromCols[i].type, toCols[i].type)) compatible = false;
  const types = `${fromCols.map((c) => c.type.raw || c.type.name).join(', ')} -> ${toCols.map((c) => c.type.raw || c.type.name).join(', ')}`;
  if (compatible) evidence.push({ signal: SIGNALS.typeCompatible.id, weight: SIGNALS.typeCompatible.weight, detail: `The types can hold the same values (${types}).` });
  else {
    evidence.push({ signal: SIGNALS.typeMismatch.id, weight: SIGNALS.typeMismatch.weight, detail: `The types cannot hold the same values (${types}).` });
    diagnostics.push(diag(AiCodes.typeMismatch, `The suggested relationship compares ${types}, which cannot hold the same values.`, 'warning'));
  }
  const targetPk = pk(to);
  const unique = toCols.length === 1 && (toCols[0].unique || to.indexes.some((ix) => ix.unique && ix.parts.length === 1 && ix.parts[0].column === toCols[0].name));
  if (sameCols(targetPk, toNames)) evidence.push({ signal: SIGNALS.targetPk.id, weight: SIGNALS.targetPk.weight, detail: `${to.name}.${toNames.join(', ')} is the primary key.` });
  else if (unique) evidence.push({ signal: SIGNALS.targetUnique.id, weight: SIGNALS.targetUnique.weight, detail: `${to.name}.${toNames.join(', ')} is unique.` });
  else evidence.push({ signal: SIGNALS.targetNotKey.id, weight: SIGNALS.targetNotKey.weight, detail: `${to.name}.${toNames.join(', ')} is neither the primary key nor unique.` });
  const found = inferred ?? inferRelationships(schema);
  if (found.some((r) => r.from.tableKey === from.key && sameCols(r.from.columns, fromNames) && r.to.tableKey === to.key && sameCols(r.to.columns, toNames))) {
    evidence.push({ signal: AI_SIGNALS.inferenceAgrees.id, weight: AI_SIGNALS.inferenceAgrees.weight, detail: 'The inference engine finds the same relationship from the names and types.' });
  }
  let confidence = 0;
  for (const e of evidence) confidence += e.weight;
  confidence = Math.round(Math.max(0, Math.min(1, confidence)) * 100) / 100;
  const oneToOne = fromCols.length === 1 && (fromCols[0].unique || sameCols(pk(from), fromNames));
  const cardinality: Cardinality = a.cardinality === '1-1' || oneToOne ? '1-1' : 'n-1';
  return { relationship: { from: end(from, fromNames), to: end(to, toNames), cardinality, source: 'ai', confidence, evidence }, diagnostics };
}
