/**
 * Editor features inside the queries of SQL files (SELECT / INSERT / UPDATE /
 * DELETE / WITH): hover, go to definition, references, highlights and
 * completion of the tables, aliases and columns a query names, against the
 * schema the Workspace checks that file's queries with (its own unit's, or
 * for a file of queries only, the whole workspace's: DBML, SQL and Prisma).
 *
 * Names come from engine/query: its binder's references (through an injected
 * `QueryCheckFn`, so node-sql-parser loads only when a shell hands it in) and
 * its token-based completion (which never parses, so it works on the
 * incomplete statement being typed). Each function answers `undefined` when
 * the cursor is not inside a query statement, so the caller keeps the DDL
 * answer there. Pure and total: never throws, never touches IO.
 */
import type { SourceFile, Workspace } from '../workspace.js';
import type { Binding } from '../model/bind.js';
import type { Column, Schema, Table } from '../model/schema.js';
import type { Span } from '../text/span.js';
import type { QueryCheck, QueryCheckOptions, QueryDialect, QueryReference } from '../query/types.js';
import { referenceAt } from '../query/references.js';
import { queryCompletions, tokenReferenceAt } from '../query/complete.js';
import { shiftSpan } from '../text/span.js';
import { queryStatements } from '../query-diagnostics.js';
import { splitStatements } from '../syntax/sql/split.js';
import type { CompletionItem, DocumentHighlight, Hover, Location } from './types.js';
import { columnMarkdown, tableDisplay, tableMarkdown } from './hover.js';
import { escapeMarkdown, inlineCode } from './util/markdown.js';
import { languageOf } from '../workspace.js';
import { isQueryStatement } from '../query/statement-kind.js';

/** engine/query's `checkQueries`, as editor features call it (injected: it loads node-sql-parser). */
export type QueryCheckFn = (schema: Schema, text: string, dialect: QueryDialect, options?: QueryCheckOptions) => QueryCheck;

/** The query statement under a cursor and what its names resolve against. */
export interface QueryContext {
  file: SourceFile;
  dialect: QueryDialect;
  binding: Binding;
  /** the schema the file's queries are checked against */
  schema: Schema;
  /** the statement's span (it may end before the cursor while it is being typed) */
  span: Span;
  /** where the next statement starts (the text's length after the last one) */
  limit: number;
}

/**
 * The schema the Workspace checks `uri`'s queries against: the unit that
 * declares tables in the file, else the whole workspace's.
 */
export function querySchemaOf(b: Binding, uri: string): Schema {
  for (const p of b.parts) for (const t of p.tables) if (t.source?.uri === uri) return p;
  return b.schema;
}

/**
 * The query statement under `offset` in an SQL file; undefined in DDL, in
 * commands, and after a statement's terminator. A statement still being
 * typed counts up to the next statement or terminator (`SELECT * FROM t WHERE |`).
 */
export function queryStatementAt(ws: Workspace, uri: string, offset: number): QueryContext | undefined {
  const file = ws.getFile(uri);
  if (!file || file.language !== 'sql' || !file.dialect) return undefined;
  const text = file.text;
  const statements = file.sql?.statements;
  let span: Span | undefined;
  let limit = text.length;
  if (statements) {
    // the statements are in order: the last one starting at or before the cursor
    let lo = 0;
    let hi = statements.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (statements[mid].span.start <= offset) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (at >= 0) span = statements[at].span;
    if (at + 1 < statements.length) limit = statements[at + 1].span.start;
  } else {
    for (const s of splitStatements(text, file.dialect)) {
      if (s.start <= offset) span = { start: s.start, end: s.end };
      else {
        limit = s.start;
        break;
      }
    }
  }
  if (!span || !isQueryStatement(text, span.start, span.end)) return undefined;
  if (offset > span.end) {
    for (let i = span.end; i < offset; i++) if (text.charCodeAt(i) === 59 /* ; */) return undefined;
  }
  const binding = ws.binding();
  return { file, dialect: file.dialect, binding, schema: querySchemaOf(binding, uri), span, limit };
}

/** The checked statement under the cursor and the reference there, if any. */
function checkedAt(ws: Workspace, uri: string, offset: number, check: QueryCheckFn): { ctx: QueryContext; result: QueryCheck; ref: QueryReference | undefined } | undefined {
  const ctx = queryStatementAt(ws, uri, offset);
  if (!ctx) return undefined;
  const { start, end } = ctx.span;
  const result = check(ctx.schema, ctx.file.text.slice(start, end), ctx.dialect, { offset: start, uri });
  const ref = referenceAt(result, offset);
  if (ref || result.statements.some((s) => s.parsed)) return { ctx, result, ref };
  // a statement being typed does not parse: read the name under the cursor from its tokens
  const t = tokenReferenceAt(ctx.schema, ctx.file.text.slice(start, Math.max(ctx.limit, offset)), offset - start, ctx.dialect);
  if (!t) return { ctx, result, ref };
  const found: QueryReference = { ...t, span: shiftSpan(t.span, start) };
  const refs = [found];
  if (t.definitionSpan) {
    found.definitionSpan = shiftSpan(t.definitionSpan, start);
    refs.push({ kind: 'alias', span: found.definitionSpan, name: t.name, definition: true, aliasOf: t.aliasOf, tableKey: t.tableKey });
  }
  return { ctx, result: { ...result, references: refs }, ref: found };
}

// ---------------------------------------------------------------- targets

/** The schema tables a reference's `tableKey` names (more than one when several files declare it). */
function tablesOf(schema: Schema, key: string | undefined): Table[] {
  if (key === undefined) return [];
  return schema.tables.filter((t) => t.key === key);
}

function columnOf(t: Table, name: string | undefined): Column | undefined {
  return name === undefined ? undefined : t.columns.find((c) => c.name === name);
}

/** The table (and column) a reference stands for in the schema, first declaration first. */
function targetsOf(ctx: QueryContext, ref: QueryReference): { table: Table; column?: Column }[] {
  const out: { table: Table; column?: Column }[] = [];
  for (const t of tablesOf(ctx.schema, ref.tableKey)) {
    if (ref.column === undefined) out.push({ table: t });
    else {
      const c = columnOf(t, ref.column);
      if (c) out.push({ table: t, column: c });
    }
  }
  return out;
}

function sameSource(a: Table | Column, b: Table | Column): boolean {
  if (a === b) return true;
  return !!a.source && !!b.source && a.source.uri === b.source.uri && a.source.nameSpan.start === b.source.nameSpan.start;
}

// ---------------------------------------------------------------- hover

/** `[schema.dbml:12](file:///.../schema.dbml#L12)`: where a name is declared. */
function whereDefined(ws: Workspace, x: Table | Column): string[] {
  const src = x.source;
  if (!src) return [];
  const file = ws.getFile(src.uri);
  const line = file ? file.lineIndex.position(src.nameSpan.start).line + 1 : undefined;
  const path = src.uri.split(/[?#]/)[0];
  let name = path.slice(path.lastIndexOf('/') + 1);
  try {
    name = decodeURIComponent(name);
  } catch {
    // keep the encoded name
  }
  const label = escapeMarkdown(line ? `${name}:${line}` : name);
  return [`Defined in [${label}](${src.uri}${line ? `#L${line}` : ''})`];
}

function tableHover(ws: Workspace, schema: Schema, t: Table): string {
  return [tableMarkdown(schema, t, t.source ? languageOf(t.source.uri) : 'sql'), ...whereDefined(ws, t)].join('\n\n');
}

function columnHover(ws: Workspace, schema: Schema, t: Table, c: Column): string {
  return [columnMarkdown(schema, t, c, c.source ? languageOf(c.source.uri) : t.source ? languageOf(t.source.uri) : 'sql'), ...whereDefined(ws, c)].join('\n\n');
}

/**
 * Hover on a table, column or alias of a query: the schema's description of
 * the table or column and where it is declared; for an alias, what it stands
 * for. `undefined` outside query statements (the caller answers as for DDL);
 * `null` on a query position with nothing to say.
 */
export function queryHover(ws: Workspace, uri: string, offset: number, check: QueryCheckFn): Hover | null | undefined {
  const hit = checkedAt(ws, uri, offset, check);
  if (!hit) return undefined;
  const { ctx, ref } = hit;
  if (!ref) return null;
  const target = targetsOf(ctx, ref)[0];
  const name = inlineCode(ref.name);
  let contents: string | undefined;
  if (ref.kind === 'table') {
    if (target) contents = tableHover(ws, ctx.schema, target.table);
  } else if (ref.kind === 'column') {
    if (target?.column) contents = columnHover(ws, ctx.schema, target.table, target.column);
    else contents = `${name}: a column of a WITH query or derived table (not a column of the schema)`;
  } else if (ref.aliasOf === 'cte') {
    contents = `${name} is a WITH query (common table expression) of this statement`;
  } else if (ref.aliasOf === 'output') {
    const head = `${name} is an output column of the select list`;
    contents = target?.column ? [head, columnHover(ws, ctx.schema, target.table, target.column)].join('\n\n') : head;
  } else if (target) {
    contents = [`${name} is an alias of table ${inlineCode(tableDisplay(ctx.schema, target.table))}`, tableHover(ws, ctx.schema, target.table)].join('\n\n');
  } else {
    contents = `${name} is an alias of a WITH query, a subquery or a table function`;
  }
  return contents ? { contents, span: ref.span } : null;
}

// ---------------------------------------------------------------- definition

/**
 * Go to definition from a query: a table or column to its declaration in
 * the schema files (every declaration when several files declare it), an
 * alias or WITH name to where the statement defines it (a table alias's own
 * definition goes on to its table). `undefined` outside query statements.
 */
export function queryDefinition(ws: Workspace, uri: string, offset: number, check: QueryCheckFn): Location[] | undefined {
  const hit = checkedAt(ws, uri, offset, check);
  if (!hit) return undefined;
  const { ctx, ref } = hit;
  if (!ref) return [];
  if (ref.kind === 'alias' && !ref.definition) {
    const def = ref.definitionSpan ?? aliasDefinition(hit.result, ref);
    if (def) return [{ uri, span: def }];
    if (ref.aliasOf === 'output') return declarations(ctx, ref);
    return [];
  }
  if (ref.kind === 'column' && ref.tableKey === undefined) return ref.definitionSpan ? [{ uri, span: ref.definitionSpan }] : [];
  const decls = ref.kind === 'alias' && ref.aliasOf !== 'relation' ? [] : declarations(ctx, ref);
  // a definition with nothing behind it (a WITH name, a derived table's alias) is its own definition
  return decls.length || !ref.definition ? decls : [{ uri, span: ref.span }];
}

function declarations(ctx: QueryContext, ref: QueryReference): Location[] {
  const out: Location[] = [];
  for (const { table, column } of targetsOf(ctx, ref)) {
    const src = column ? column.source : table.source;
    if (src) out.push({ uri: src.uri, span: src.nameSpan });
  }
  return out;
}

/** The definition of an alias used without a recorded definition span: the first definition of that name in the statement. */
function aliasDefinition(result: QueryCheck, ref: QueryReference): Span | undefined {
  const low = ref.name.toLowerCase();
  for (const r of result.references) if (r.kind === 'alias' && r.definition && r.name.toLowerCase() === low) return r.span;
  return undefined;
}

// ---------------------------------------------------------------- references

/** What a schema name is, for finding it in queries. */
export interface QueryTarget {
  table: Table;
  column?: Column;
}

/**
 * Every place the queries of the workspace's SQL files name `target` (a
 * table, or one of its columns). Cheap once the analysis pass has checked
 * the queries: results are cached per statement text and schema. Data-load
 * INSERTs are skipped, as in the diagnostics.
 */
export function queryOccurrences(ws: Workspace, target: QueryTarget, check: QueryCheckFn): Location[] {
  const b = ws.binding();
  const out: Location[] = [];
  for (const f of ws.files()) {
    if (f.language !== 'sql' || !f.dialect) continue;
    const schema = querySchemaOf(b, f.uri);
    const candidates = tablesOf(schema, target.table.key);
    // the query's table is the first declaration of its key in that schema
    if (!candidates.length || !sameSource(candidates[0], target.table)) continue;
    for (const r of fileReferences(f, f.dialect, schema, check)) {
      if (r.tableKey !== target.table.key || r.definition) continue;
      if (target.column ? r.kind !== 'column' || r.column !== target.column.name : r.kind !== 'table') continue;
      out.push({ uri: f.uri, span: r.span });
    }
  }
  return out;
}

/** Every query reference of one file version against one schema (a file is replaced, never changed, on edit). */
const fileRefCache = new WeakMap<SourceFile, { schema: Schema; dialect: QueryDialect; check: QueryCheckFn; refs: QueryReference[] }>();

function fileReferences(f: SourceFile, dialect: QueryDialect, schema: Schema, check: QueryCheckFn): QueryReference[] {
  const hit = fileRefCache.get(f);
  if (hit && hit.schema === schema && hit.dialect === dialect && hit.check === check) return hit.refs;
  const refs: QueryReference[] = [];
  for (const s of queryStatements(f.text, dialect)) {
    for (const r of check(schema, f.text.slice(s.start, s.end), dialect, { offset: s.start, uri: f.uri }).references) if (r.tableKey !== undefined) refs.push(r);
  }
  fileRefCache.set(f, { schema, dialect, check, refs });
  return refs;
}

/**
 * What a position inside a query refers to: a schema table or column
 * (`target`, with the span of the name under the cursor; the caller collects
 * its declarations and uses), or for an alias, its definition and uses in the
 * statement (`locations`). `undefined` outside query statements.
 */
export function queryReferenceTarget(ws: Workspace, uri: string, offset: number, check: QueryCheckFn): { target?: QueryTarget; span?: Span; locations: Location[] } | undefined {
  const hit = checkedAt(ws, uri, offset, check);
  if (!hit) return undefined;
  const { ctx, ref, result } = hit;
  if (!ref) return { locations: [] };
  if (ref.kind === 'alias') {
    const def = ref.definition ? ref.span : (ref.definitionSpan ?? aliasDefinition(result, ref));
    const locations: Location[] = [];
    for (const r of result.references) {
      if (r.kind !== 'alias') continue;
      const rd = r.definition ? r.span : (r.definitionSpan ?? aliasDefinition(result, r));
      if (def && rd && rd.start === def.start && rd.end === def.end) locations.push({ uri, span: r.span });
    }
    return { locations };
  }
  const t = targetsOf(ctx, ref)[0];
  return t ? { target: t, span: ref.span, locations: [] } : { locations: [] };
}

/** Highlights in the query statement under the cursor: the uses of the same table, column or alias (definitions as `write`). */
export function queryHighlights(ws: Workspace, uri: string, offset: number, check: QueryCheckFn): DocumentHighlight[] | undefined {
  const hit = checkedAt(ws, uri, offset, check);
  if (!hit) return undefined;
  const { ref, result } = hit;
  if (!ref) return [];
  const out: DocumentHighlight[] = [];
  if (ref.kind === 'alias') {
    const loc = queryReferenceTarget(ws, uri, offset, check)?.locations ?? [];
    for (const l of loc) {
      const def = result.references.find((r) => r.span.start === l.span.start && r.definition);
      out.push({ span: l.span, kind: def ? 'write' : 'read' });
    }
  } else if (ref.tableKey !== undefined) {
    for (const r of result.references) {
      if (r.kind === ref.kind && r.tableKey === ref.tableKey && r.column === ref.column) out.push({ span: r.span, kind: 'read' });
    }
  } else out.push({ span: ref.span, kind: 'read' });
  return out.sort((a, b) => a.span.start - b.span.start);
}

// ---------------------------------------------------------------- completion

const QUOTES = new Set([34, 96, 91]); // " ` [

/**
 * Completion inside a query: tables after FROM / JOIN / INTO / UPDATE
 * (schema-qualified outside the default schema), a relation's columns after
 * `alias.`, the columns of the tables in scope elsewhere; every name written
 * as the file's dialect needs it (quoted when it must be). Works on the
 * incomplete statement being typed and needs no query parser. `undefined`
 * outside query statements.
 */
export function queryCompletion(ws: Workspace, uri: string, offset: number): CompletionItem[] | undefined {
  const ctx = queryStatementAt(ws, uri, offset);
  if (!ctx) return undefined;
  const text = ctx.file.text;
  // only the statement's text (up to the next one): a keystroke never rescans the whole file
  const base = ctx.span.start;
  const r = queryCompletions(ctx.schema, text.slice(base, Math.max(ctx.limit, offset)), offset - base, ctx.dialect);
  const replaceSpan = { start: r.span.start + base, end: r.span.end + base };
  const typedQuote = replaceSpan.end > replaceSpan.start && QUOTES.has(text.charCodeAt(replaceSpan.start));
  return r.items.map((it, i): CompletionItem => {
    const item: CompletionItem = {
      label: it.label,
      kind: it.kind === 'column' ? 'column' : 'table',
      replaceSpan,
      sortText: String(i).padStart(4, '0'),
    };
    if (it.detail) item.detail = it.kind === 'alias' && it.detail !== 'CTE' ? `alias of ${it.detail}` : it.detail;
    const open = text.charCodeAt(replaceSpan.start);
    const written = it.insertText ?? (typedQuote ? (it.kind === 'table' ? it.label.split('.').map((p) => quoteLike(p, open)).join('.') : quoteLike(it.label, open)) : undefined);
    if (written !== undefined && written !== it.label) item.insertText = written;
    // what the user typed, a quote included, must still match
    if (typedQuote) item.filterText = item.insertText ?? it.label;
    return item;
  });
}

/** `name` in the quote style the user started typing. */
function quoteLike(name: string, open: number): string {
  if (open === 91) return `[${name.replace(/\]/g, ']]')}]`;
  const q = String.fromCharCode(open);
  return q + name.split(q).join(q + q) + q;
}
