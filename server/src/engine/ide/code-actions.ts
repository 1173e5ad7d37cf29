/**
 * Code actions: did-you-mean quick fixes for unknown names. The binder puts
 * the closest known names in `diagnostic.data.suggestions`; when it did not,
 * the candidates are computed here from the bound model by edit distance.
 * One quick fix per suggestion, replacing the diagnostic's span; the first is
 * preferred. For an inferred relationship (INFER001): "Declare relationship"
 * (a DBML `Ref:` line, or an SQL `ALTER TABLE … ADD CONSTRAINT … FOREIGN KEY`
 * in the file's dialect); for it and every lint finding: a comment that
 * silences the code on that line.
 */
import type { Workspace } from '../workspace.js';
import type { Diagnostic } from '../diagnostics.js';
import type { Schema } from '../model/schema.js';
import type { Span } from '../text/span.js';
import type { CodeAction } from './types.js';
import { closestNames } from '../model/suggest.js';
import { formatName, formatQualified, quoteName, unquoteName } from './util/names.js';
import { writeSqlName } from './util/sql-names.js';
import { INFER_CODE } from '../analyze.js';
import type { SourceFile } from '../workspace.js';
import type { DiagnosticData } from '../diagnostics.js';
import type { TextEdit } from './types.js';

/** Lint codes: a family prefix and a number (KEY001, PII003, ...), as opposed to front-end and binder codes. */
function isLintCode(code: string): boolean {
  return /^(KEY|NAME|TYPE|IDX|DES|PII)\d+$/.test(code);
}

/** `// schemasage-disable-next-line CODE` (`--` in SQL) above the diagnostic's line, indented like it. */
function suppress(file: SourceFile, d: Diagnostic): TextEdit {
  const lineStart = file.text.lastIndexOf('\n', d.span.start - 1) + 1;
  const indent = /^[ \t]*/.exec(file.text.slice(lineStart))![0];
  const comment = file.language === 'sql' ? '--' : '//';
  return { span: { start: lineStart, end: lineStart }, newText: `${indent}${comment} schemasage-disable-next-line ${d.code}\n` };
}

type LintFixData = NonNullable<DiagnosticData['fix']>;

/** The table a fix names, as declared in this file: DBML declaration or SQL CREATE TABLE (with the model table). */
function tableIn(ws: Workspace, file: SourceFile, tableKey: string) {
  const table = ws.binding().schema.tables.find((t) => t.key === tableKey && t.source?.uri === file.uri);
  if (!table) return undefined;
  const dbml = file.dbml.decls.find((x): x is Extract<typeof x, { kind: 'table' }> => x.kind === 'table' && x.span.start <= table.source!.nameSpan.start && table.source!.nameSpan.end <= x.span.end);
  const sql = file.sql?.statements.find((x): x is Extract<typeof x, { kind: 'createTable' }> => x.kind === 'createTable' && x.span.start <= table.source!.nameSpan.start && table.source!.nameSpan.end <= x.span.end);
  return { table, dbml, sql };
}

/**
 * A lint rule's mechanical fix as an edit in the file's language: change a
 * column's type, add an index, add a note. Undefined where the file's
 * language or the declaration's shape gives no safe edit.
 */
function lintFix(ws: Workspace, file: SourceFile, fix: LintFixData): { title: string; edit: TextEdit } | undefined {
  const found = tableIn(ws, file, fix.tableKey);
  if (!found) return undefined;
  const { table, dbml, sql } = found;
  const end = { start: file.text.length, end: file.text.length };
  const lead = file.text.length && !file.text.endsWith('\n') ? '\n' : '';
  const dialect = file.dialect ?? 'postgres';
  const q = (n: string) => writeSqlName(n, dialect, '');
  const sqlTable = table.schema && !['public', 'dbo', '', 'main'].includes(table.schema) ? `${q(table.schema)}.${q(table.name)}` : q(table.name);
  if (fix.kind === 'changeType' && fix.column && fix.to) {
    const span = dbml?.columns.find((c) => c.name.text === fix.column)?.type?.span ?? sql?.columns.find((c) => c.name.text === fix.column)?.type?.span;
    return span ? { title: `Change the type of ${fix.column} to ${fix.to}`, edit: { span: { start: span.start, end: span.end }, newText: fix.to } } : undefined;
  }
  if (fix.kind === 'addIndex' && fix.columns?.length) {
    const unique = fix.unique === true;
    const title = `Add ${unique ? 'a unique index' : 'an index'} on (${fix.columns.join(', ')})`;
    if (dbml) {
      const body = dbml.element.body;
      if (!body?.closeSpan) return undefined;
      const entry = fix.columns.length === 1 ? formatName(fix.columns[0]) : `(${fix.columns.map(formatName).join(', ')})`;
      const line = `${entry}${unique ? ' [unique]' : ''}`;
      const indexes = body.items.find((it) => it.type === 'element' && it.kind === 'indexes');
      if (indexes && indexes.type === 'element' && indexes.body?.closeSpan) {
        const at = file.text.lastIndexOf('\n', indexes.body.closeSpan.start - 1) + 1;
        return { title, edit: { span: { start: at, end: at }, newText: `    ${line}\n` } };
      }
      const at = file.text.lastIndexOf('\n', body.closeSpan.start - 1) + 1;
      return { title, edit: { span: { start: at, end: at }, newText: `  indexes {\n    ${line}\n  }\n` } };
    }
    if (file.language === 'sql') {
      const name = q(`${table.name}_${fix.columns.join('_')}_${unique ? 'key' : 'idx'}`.slice(0, 63));
      return { title, edit: { span: end, newText: `${lead}\nCREATE ${unique ? 'UNIQUE ' : ''}INDEX ${name} ON ${sqlTable} (${fix.columns.map(q).join(', ')});\n` } };
    }
    return undefined;
  }
  if (fix.kind === 'addPrimaryKey') {
    if (table.columns.some((c) => c.name.toLowerCase() === 'id')) return undefined;
    const title = `Add a primary key column id to ${table.name}`;
    if (dbml) {
      const open = dbml.element.body?.openSpan;
      if (!open) return undefined;
      const lineEnd = file.text.indexOf('\n', open.end);
      if (lineEnd < 0) return undefined;
      return { title, edit: { span: { start: lineEnd + 1, end: lineEnd + 1 }, newText: '  id bigint [pk, increment]\n' } };
    }
    if (file.language === 'sql') {
      const column: Record<string, string | undefined> = {
        postgres: 'ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY',
        mysql: 'ADD COLUMN id bigint AUTO_INCREMENT PRIMARY KEY FIRST',
        mssql: 'ADD id bigint IDENTITY(1, 1) PRIMARY KEY',
        sqlite: undefined, // SQLite cannot add a primary key to an existing table
      };
      const clause = column[dialect];
      return clause ? { title, edit: { span: end, newText: `${lead}\nALTER TABLE ${sqlTable} ${clause};\n` } } : undefined;
    }
    return undefined;
  }
  if (fix.kind === 'addNote' && fix.note) {
    const note = fix.note.replace(/'/g, "\\'");
    if (dbml && fix.column) {
      const col = dbml.columns.find((c) => c.name.text === fix.column);
      if (!col) return undefined;
      const lineText = file.text.slice(col.span.start, col.span.end);
      const close = lineText.lastIndexOf(']');
      if (col.settings.length && close >= 0) return { title: `Add a note to ${fix.column}`, edit: { span: { start: col.span.start + close, end: col.span.start + close }, newText: `, note: '${note}'` } };
      const after = col.type?.span.end ?? col.name.span.end;
      return { title: `Add a note to ${fix.column}`, edit: { span: { start: after, end: after }, newText: ` [note: '${note}']` } };
    }
    if (file.language === 'sql' && dialect === 'postgres' && fix.column) {
      return { title: `Add a comment to ${fix.column}`, edit: { span: end, newText: `${lead}\nCOMMENT ON COLUMN ${sqlTable}.${q(fix.column)} IS '${fix.note.replace(/'/g, "''")}';\n` } };
    }
  }
  return undefined;
}

/**
 * Prisma: a relation field with `@relation(fields, references)` after the
 * scalar field, and the back-relation field in the other model (a list, or
 * optional for one-to-one), in whichever files of the schema hold them.
 */
function declarePrismaRelation(ws: Workspace, r: NonNullable<DiagnosticData['inferred']>): Record<string, TextEdit[]> | undefined {
  const tables = ws.binding().schema.tables;
  const from = tables.find((t) => t.key === r.from.tableKey && t.source?.uri.endsWith('.prisma'));
  const to = tables.find((t) => t.key === r.to.tableKey && t.source?.uri.endsWith('.prisma'));
  if (!from?.source || !to?.source || r.from.columns.length !== r.to.columns.length) return undefined;
  const model = (t: typeof from) => t.settings.prismaName ?? t.name;
  const field = (t: typeof from, column: string) => {
    const c = t.columns.find((x) => x.name === column);
    return c ? (c.settings.prismaName ?? c.name) : undefined;
  };
  const fromFields = r.from.columns.map((c) => field(from, c));
  const toFields = r.to.columns.map((c) => field(to, c));
  if (fromFields.some((f) => !f) || toFields.some((f) => !f)) return undefined;
  const blockOf = (t: typeof from) => ws.getFile(t.source!.uri)?.prisma?.blocks.find((b) => b.kind === 'model' && b.name?.text === model(t));
  const fromBlock = blockOf(from);
  const toBlock = blockOf(to);
  if (!fromBlock || !toBlock) return undefined;
  const free = (b: typeof fromBlock, base: string) => {
    const taken = new Set(b.fields.map((f) => f.name.text));
    let name = base;
    for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
    return name;
  };
  const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
  const optional = r.from.columns.some((c) => from.columns.find((x) => x.name === c)?.nullable);
  const anchorField = fromBlock.fields.find((f) => f.name.text === fromFields[fromFields.length - 1]);
  if (!anchorField) return undefined;
  const fromText = ws.getFile(from.source.uri)!.text;
  const lineEnd = fromText.indexOf('\n', anchorField.name.span.start);
  const indent = /^[ \t]*/.exec(fromText.slice(fromText.lastIndexOf('\n', anchorField.name.span.start) + 1))![0];
  const relName = free(fromBlock, lower(model(to)));
  const relation = `${indent}${relName} ${model(to)}${optional ? '?' : ''} @relation(fields: [${fromFields.join(', ')}], references: [${toFields.join(', ')}])\n`;
  const toText = ws.getFile(to.source.uri)!.text;
  const close = toText.lastIndexOf('}', toBlock.span.end);
  if (close < 0 || lineEnd < 0) return undefined;
  const backName = free(toBlock, lower(model(from)) + (r.cardinality === '1-1' ? '' : 's'));
  const back = `${indent}${backName} ${model(from)}${r.cardinality === '1-1' ? '?' : '[]'}\n`;
  const out: Record<string, TextEdit[]> = {};
  (out[from.source.uri] ??= []).push({ span: { start: lineEnd + 1, end: lineEnd + 1 }, newText: relation });
  const backAt = toText.lastIndexOf('\n', close - 1) + 1;
  (out[to.source.uri] ??= []).push({ span: { start: backAt, end: backAt }, newText: back });
  for (const edits of Object.values(out)) edits.sort((a, b) => a.span.start - b.span.start);
  return out;
}

/** The edit that declares an inferred relationship in DBML or SQL. */
function declareRelationship(file: SourceFile, r: NonNullable<DiagnosticData['inferred']>): TextEdit | undefined {
  const end = { start: file.text.length, end: file.text.length };
  const lead = file.text.length && !file.text.endsWith('\n') ? '\n' : '';
  if (file.language === 'dbml') {
    const side = (e: typeof r.from) => {
      const t = e.schema && e.schema !== 'public' ? formatQualified(e.schema, e.table) : formatName(e.table);
      return e.columns.length === 1 ? `${t}.${formatName(e.columns[0])}` : `${t}.(${e.columns.map(formatName).join(', ')})`;
    };
    const op = r.cardinality === '1-1' ? '-' : '>';
    return { span: end, newText: `${lead}\nRef: ${side(r.from)} ${op} ${side(r.to)}\n` };
  }
  if (file.language === 'sql') {
    const dialect = file.dialect ?? 'postgres';
    const q = (n: string) => writeSqlName(n, dialect, '');
    const table = (e: typeof r.from) => (e.schema && !['public', 'dbo', '', 'main'].includes(e.schema) ? `${q(e.schema)}.${q(e.table)}` : q(e.table));
    const name = q(`fk_${r.from.table}_${r.from.columns.join('_')}`.slice(0, 63));
    return {
      span: end,
      newText: `${lead}\nALTER TABLE ${table(r.from)} ADD CONSTRAINT ${name} FOREIGN KEY (${r.from.columns.map(q).join(', ')}) REFERENCES ${table(r.to)} (${r.to.columns.map(q).join(', ')});\n`,
    };
  }
  return undefined;
}

export function codeActions(ws: Workspace, uri: string, range: Span, diagnostics: Diagnostic[]): CodeAction[] {
  const file = ws.getFile(uri);
  if (!file) return [];
  const actions: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.uri !== uri) continue;
    if (d.span.end < range.start || d.span.start > range.end) continue;
    if (d.code === INFER_CODE || isLintCode(d.code)) {
      if (d.code === INFER_CODE && d.data?.inferred) {
        let changes: Record<string, TextEdit[]> | undefined;
        if (file.language === 'prisma') changes = declarePrismaRelation(ws, d.data.inferred);
        else {
          const declare = declareRelationship(file, d.data.inferred);
          if (declare) changes = { [uri]: [declare] };
        }
        if (changes) actions.push({ title: 'Declare this relationship', kind: 'quickfix', edit: { changes }, fixes: [{ code: d.code, span: d.span }], isPreferred: true });
      }
      const fix = d.data?.fix ? lintFix(ws, file, d.data.fix) : undefined;
      if (fix) actions.push({ title: fix.title, kind: 'quickfix', edit: { changes: { [uri]: [fix.edit] } }, fixes: [{ code: d.code, span: d.span }], isPreferred: true });
      actions.push({ title: `Ignore ${d.code} on this line`, kind: 'quickfix', edit: { changes: { [uri]: [suppress(file, d)] } }, fixes: [{ code: d.code, span: d.span }] });
      continue;
    }
    const written = file.text.slice(d.span.start, d.span.end);
    let suggestions = d.data?.suggestions;
    if (!suggestions?.length) {
      if (!isUnknownName(d)) continue;
      suggestions = closestNames(unquoteName(written), candidatesFor(ws, d, file.text));
    }
    const known = knownNames(ws.binding().schema);
    suggestions.forEach((s, i) => {
      const newText = spell(s, written, known);
      if (newText === written) return;
      actions.push({
        title: `Change to '${s}'`,
        kind: 'quickfix',
        edit: { changes: { [uri]: [{ span: d.span, newText }] } },
        fixes: [{ code: d.code, span: d.span }],
        isPreferred: i === 0,
      });
    });
  }
  return actions;
}

/** Unknown-name diagnostics, recognised by their message when they carry no suggestions. */
function isUnknownName(d: Diagnostic): boolean {
  return /\b(unknown|not found|cannot find|can't find|undefined|does not exist|no such)\b/i.test(d.message);
}

/**
 * Names of the right kind for the unknown name: a column when the name follows
 * `table.` (that table's columns), otherwise tables, aliases and enums.
 */
function candidatesFor(ws: Workspace, d: Diagnostic, text: string): string[] {
  const schema = ws.binding().schema;
  const msg = d.message.toLowerCase();
  const before = text.slice(Math.max(0, d.span.start - 200), d.span.start);
  const owner = /((?:"[^"\n]*"|[A-Za-z_][A-Za-z0-9_]*)(?:\.(?:"[^"\n]*"|[A-Za-z_][A-Za-z0-9_]*))?)\.\(?(?:[^()\n]*,\s*)?$/.exec(before);
  if (msg.includes('column') || (owner && !msg.includes('table') && !msg.includes('enum'))) {
    const table = owner ? findTable(schema, owner[1]) : undefined;
    if (table) return table.columns.map((c) => c.name);
    return schema.tables.flatMap((t) => t.columns.map((c) => c.name));
  }
  if (msg.includes('enum') && !msg.includes('table')) return schema.enums.flatMap((e) => [e.name, ...e.values.map((v) => v.name)]);
  const names: string[] = [];
  for (const t of schema.tables) {
    names.push(t.schema === schema.defaultSchema ? t.name : `${t.schema}.${t.name}`);
    if (t.alias) names.push(t.alias);
  }
  if (!msg.includes('table')) for (const e of schema.enums) names.push(e.name);
  return names;
}

function findTable(schema: Schema, dotted: string) {
  const parts = dotted.split('.').map(unquoteName);
  if (parts.length === 2) return schema.tables.find((t) => t.schema === parts[0] && t.name === parts[1]);
  return (
    schema.tables.find((t) => t.alias === parts[0]) ??
    schema.tables.find((t) => t.schema === schema.defaultSchema && t.name === parts[0]) ??
    schema.tables.find((t) => t.name === parts[0])
  );
}

/** Every single name in the schema, to tell `core.users` (qualified) from a table named "a.b". */
function knownNames(schema: Schema): Set<string> {
  const out = new Set<string>();
  for (const t of schema.tables) {
    out.add(t.name);
    if (t.alias) out.add(t.alias);
    for (const c of t.columns) out.add(c.name);
  }
  for (const e of schema.enums) {
    out.add(e.name);
    for (const v of e.values) out.add(v.name);
  }
  return out;
}

/**
 * The suggestion as source text. Suggestions are display names, unquoted:
 * `core.order items` is written `core."order items"`. A single name keeps
 * the quotes the user wrote.
 */
function spell(name: string, written: string, known: Set<string>): string {
  const dot = name.indexOf('.');
  if (dot > 0 && !known.has(name)) return formatQualified(name.slice(0, dot), name.slice(dot + 1));
  return written.startsWith('"') ? quoteName(name) : formatName(name);
}
