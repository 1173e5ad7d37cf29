/**
 * Rename across files, with prepareRename. Edits exactly the occurrences the
 * binder recorded for the symbol (declaration and every use, in every file);
 * quotes the new name where DBML needs it or where the user had quoted it.
 * Refuses empty names and names a sibling already has. Never touches text the
 * occurrence index does not point at.
 */
import type { Workspace } from '../workspace.js';
import type { Binding } from '../model/bind.js';
import type { SchemaSymbol, SymbolKind } from '../model/symbols.js';
import type { PrepareRename, RenameResult, TextEdit } from './types.js';
import { isPlainIdentifier, quoteName, unquoteName } from './util/names.js';
import { unquoteSql, writeSqlName } from './util/sql-names.js';
import { queryOccurrences, queryReferenceTarget, type QueryCheckFn } from './queries.js';
import type { Span } from '../text/span.js';

const RENAMABLE: ReadonlySet<SymbolKind> = new Set<SymbolKind>(['table', 'column', 'enum', 'enumValue', 'alias', 'tableGroup', 'tablePartial']);

const KIND_NAME: Record<SymbolKind, string> = {
  schema: 'schema',
  table: 'table',
  column: 'column',
  alias: 'alias',
  enum: 'enum',
  enumValue: 'enum value',
  tableGroup: 'table group',
  tablePartial: 'table partial',
  note: 'note',
  project: 'project',
  ref: 'relationship',
  index: 'index',
};

/**
 * The span and current name of the renamable name under the cursor, an error,
 * or null off any word. With `queries` (engine/query's `checkQueries`), a
 * table or column named inside an SQL file's query is renamable too.
 */
export function prepareRename(ws: Workspace, uri: string, offset: number, queries?: QueryCheckFn): PrepareRename | { error: string } | null {
  if (queries) {
    const q = queryRenameTarget(ws, uri, offset, queries);
    if (q !== undefined) return q ? { span: q.span, placeholder: q.symbol.name } : { error: 'Only tables and columns of the schema can be renamed from a query' };
  }
  const hit = ws.occurrenceAt(uri, offset);
  if (!hit) {
    const word = wordAt(ws.getFile(uri)?.text ?? '', offset);
    return word ? { error: `${JSON.stringify(word)} cannot be renamed` } : null;
  }
  if (!RENAMABLE.has(hit.symbol.kind)) return { error: `A ${KIND_NAME[hit.symbol.kind]} cannot be renamed` };
  return { span: hit.occurrence.span, placeholder: hit.symbol.name };
}

/**
 * The schema symbol a query names at `offset`: undefined outside queries,
 * null on a query position that names no table or column of the schema.
 */
function queryRenameTarget(ws: Workspace, uri: string, offset: number, queries: QueryCheckFn): { span: Span; symbol: SchemaSymbol } | null | undefined {
  const q = queryReferenceTarget(ws, uri, offset, queries);
  if (q === undefined) return undefined;
  if (!q.target || !q.span) return null;
  const b = ws.binding();
  const id = q.target.column ? b.columnSymbol(`${q.target.table.key}.${q.target.column.name}`) : b.tableSymbol(q.target.table.key);
  const symbol = id !== undefined ? b.symbol(id) : undefined;
  return symbol ? { span: q.span, symbol } : null;
}

/**
 * Renames the symbol under the cursor everywhere it is written; with
 * `queries`, a table's or column's uses in the queries of SQL files too
 * (written as each file's dialect needs), and from a name inside a query.
 */
export function rename(ws: Workspace, uri: string, offset: number, newName: string, queries?: QueryCheckFn): RenameResult {
  if (queries) {
    const q = queryRenameTarget(ws, uri, offset, queries);
    if (q === null) return { error: 'Only tables and columns of the schema can be renamed from a query' };
    // from the query, rename at the declaration: the declaring file's rules apply to the new name
    if (q) return rename(ws, q.symbol.uri, q.symbol.nameSpan.start, newName, queries);
  }
  const prep = prepareRename(ws, uri, offset);
  if (!prep) return { error: 'There is no name to rename here' };
  if ('error' in prep) return prep;
  const hit = ws.occurrenceAt(uri, offset)!;
  const language = ws.getFile(uri)?.language ?? 'dbml';
  const name = language === 'sql' ? unquoteSql(newName) : language === 'prisma' ? newName.trim() : unquoteName(newName.trim());
  if (language === 'prisma' && !/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) return { error: 'A Prisma name starts with a letter and holds only letters, digits and underscores' };
  if (!name.trim()) return { error: 'The new name must not be empty' };
  if (/[\r\n]/.test(name)) return { error: 'The new name must not contain a line break' };
  const b = ws.binding();
  const sym = hit.symbol;
  if (name === sym.name) return { edit: { changes: {} } };
  const clash = findClash(b, sym, name);
  if (clash) return { error: clash };

  const changes: Record<string, TextEdit[]> = {};
  const seen = new Set<string>();
  for (const occ of b.occurrencesOf(sym.id)) {
    const key = `${occ.uri}#${occ.span.start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const file = ws.getFile(occ.uri);
    const text = file?.text;
    if (text === undefined) continue;
    const written = text.slice(occ.span.start, occ.span.end);
    if (file?.language === 'sql' || file?.language === 'prisma') {
      const current = file.language === 'sql' ? unquoteSql(written) : written;
      if (current.toLowerCase() !== sym.name.toLowerCase()) continue;
      const newText = file.language === 'sql' ? writeSqlName(name, file.dialect ?? 'postgres', written) : name;
      (changes[occ.uri] ??= []).push({ span: occ.span, newText });
      continue;
    }
    const spanHasQuotes = written.length >= 2 && written.startsWith('"') && written.endsWith('"');
    // guard against an occurrence that does not spell the symbol (e.g. an alias use recorded on its table)
    if (unquoteName(written).toLowerCase() !== sym.name.toLowerCase()) continue;
    let newText: string;
    if (spanHasQuotes) newText = quoteName(name);
    else if (occ.quoted) newText = quoteName(name).slice(1, -1);
    else newText = isPlainIdentifier(name) ? name : quoteName(name);
    (changes[occ.uri] ??= []).push({ span: occ.span, newText });
  }
  if (queries) {
    const target = b.target(sym.id);
    if (target.kind === 'table' || target.kind === 'column') {
      for (const loc of queryOccurrences(ws, target.kind === 'column' ? { table: target.table, column: target.column } : { table: target.table }, queries)) {
        const key = `${loc.uri}#${loc.span.start}`;
        const file = ws.getFile(loc.uri);
        if (seen.has(key) || !file) continue;
        seen.add(key);
        const written = file.text.slice(loc.span.start, loc.span.end);
        if (unquoteSql(written).toLowerCase() !== sym.name.toLowerCase()) continue;
        (changes[loc.uri] ??= []).push({ span: loc.span, newText: writeSqlName(name, file.dialect ?? 'postgres', written) });
      }
    }
  }
  for (const edits of Object.values(changes)) edits.sort((x, y) => x.span.start - y.span.start);
  return { edit: { changes } };
}

/** An error message when `name` is already taken by a sibling of `sym`. */
function findClash(b: Binding, sym: SchemaSymbol, name: string): string | undefined {
  const target = b.target(sym.id);
  const s = b.schema;
  const taken = (what: string, where: string) => `${what} ${JSON.stringify(name)} already exists${where}`;
  switch (target.kind) {
    case 'table': {
      const schemaName = target.table.schema;
      if (s.tables.some((t) => t !== target.table && t.schema === schemaName && t.name === name)) {
        return taken('A table named', schemaName === s.defaultSchema ? '' : ` in schema ${JSON.stringify(schemaName)}`);
      }
      if (s.tables.some((t) => t.alias === name)) return taken('An alias', '');
      return undefined;
    }
    case 'column':
      if (target.table.columns.some((c) => c !== target.column && c.name === name)) {
        return taken('A column named', ` in table ${JSON.stringify(target.table.name)}`);
      }
      return undefined;
    case 'enum':
      if (s.enums.some((e) => e !== target.enum && e.schema === target.enum.schema && e.name === name)) return taken('An enum named', '');
      return undefined;
    case 'enumValue':
      if (target.enum.values.some((v) => v !== target.value && v.name === name)) {
        return taken('A value', ` in enum ${JSON.stringify(target.enum.name)}`);
      }
      return undefined;
    case 'alias':
      if (s.tables.some((t) => t !== target.table && t.alias === name)) return taken('An alias', '');
      if (s.tables.some((t) => t.schema === s.defaultSchema && t.name === name)) return taken('A table named', '');
      return undefined;
    case 'tableGroup':
      if (s.tableGroups.some((g) => g !== target.group && g.name === name)) return taken('A table group named', '');
      return undefined;
    default: {
      // symbols without a model object (partials): compare with same-kind symbols under the same parent
      const sibling = b.symbols.find((o) => o.id !== sym.id && o.kind === sym.kind && o.parent === sym.parent && o.name === name);
      return sibling ? taken(`A ${KIND_NAME[sym.kind]} named`, '') : undefined;
    }
  }
}

function wordAt(text: string, offset: number): string | undefined {
  let start = offset;
  let end = offset;
  while (start > 0 && /[A-Za-z0-9_]/.test(text[start - 1])) start--;
  while (end < text.length && /[A-Za-z0-9_]/.test(text[end])) end++;
  return end > start ? text.slice(start, end) : undefined;
}
