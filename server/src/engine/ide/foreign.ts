/**
 * Editor features for SQL and Prisma files, from what every front end gives
 * the binder (symbols and occurrences, the model's source spans) and from the
 * statement/block spans of their parses: document and workspace symbols,
 * folding, and completion of table and column names where a foreign key names
 * them (`REFERENCES t (c)`, Prisma `fields: [..]` / `references: [..]`, a
 * field's type). Formatting and semantic tokens stay DBML-only.
 */
import type { Workspace, SourceFile } from '../workspace.js';
import type { Binding } from '../model/bind.js';
import type { SchemaSymbol } from '../model/symbols.js';
import type { Table } from '../model/schema.js';
import { plainSpan, type Span } from '../text/span.js';
import type { CompletionItem, DocumentSymbol, FoldingRange, SymbolItemKind, WorkspaceSymbol } from './types.js';

export function isForeign(file: SourceFile | undefined): boolean {
  return !!file && file.language !== 'dbml';
}

function itemKind(s: SchemaSymbol): SymbolItemKind | undefined {
  switch (s.kind) {
    case 'table':
      return 'table';
    case 'column':
      return 'column';
    case 'enum':
      return 'enum';
    case 'enumValue':
      return 'enumValue';
    case 'index':
      return 'index';
    default:
      return undefined;
  }
}

/** The whole span of what a symbol declares: its model object's source when the front end gave one. */
function wholeSpan(b: Binding, s: SchemaSymbol): Span {
  const t = b.target(s.id);
  const src = t.kind === 'table' ? t.table.source : t.kind === 'column' ? t.column.source : t.kind === 'enum' ? t.enum.source : t.kind === 'enumValue' ? t.value.source : undefined;
  if (src && src.uri === s.uri && src.span.start <= s.nameSpan.start && src.span.end >= s.nameSpan.end) return src.span;
  return s.span;
}

/** Tables (with their columns), enums (with their values) and indexes declared in one SQL or Prisma file. */
export function foreignDocumentSymbols(ws: Workspace, uri: string): DocumentSymbol[] {
  const b = ws.binding();
  const mine = b.symbols.filter((s) => s.uri === uri && itemKind(s));
  const byParent = new Map<number, SchemaSymbol[]>();
  for (const s of mine) {
    if (s.parent === undefined) continue;
    let l = byParent.get(s.parent);
    if (!l) byParent.set(s.parent, (l = []));
    l.push(s);
  }
  const make = (s: SchemaSymbol): DocumentSymbol => {
    let span = wholeSpan(b, s);
    const children = (byParent.get(s.id) ?? []).map(make).sort((x, y) => x.span.start - y.span.start);
    for (const c of children) if (c.span.start < span.start || c.span.end > span.end) span = { start: Math.min(span.start, c.span.start), end: Math.max(span.end, c.span.end) };
    const out: DocumentSymbol = { name: s.name, kind: itemKind(s)!, span: plainSpan(span), selectionSpan: plainSpan(s.nameSpan), children };
    if (s.detail) out.detail = s.detail;
    return out;
  };
  // top level: symbols whose parent is not declared in this file
  const ids = new Set(mine.map((s) => s.id));
  return mine.filter((s) => s.parent === undefined || !ids.has(s.parent)).map(make).sort((x, y) => x.span.start - y.span.start);
}

/** The SQL and Prisma names matching a workspace-symbol query (scored by the caller's matcher). */
export function foreignWorkspaceSymbols(ws: Workspace, consider: (name: string, kind: SymbolItemKind, uri: string, span: Span, container?: string, alsoMatch?: string) => void): void {
  const b = ws.binding();
  const foreignUris = new Set(ws.files().filter(isForeign).map((f) => f.uri));
  if (!foreignUris.size) return;
  for (const s of b.symbols) {
    if (!foreignUris.has(s.uri)) continue;
    const kind = itemKind(s);
    if (!kind) continue;
    const parent = s.parent !== undefined ? b.symbol(s.parent) : undefined;
    consider(s.name, kind, s.uri, s.nameSpan, parent?.qualifiedName, s.qualifiedName);
  }
}

/** Multi-line statements (SQL) and blocks (Prisma) fold. */
export function foreignFolding(file: SourceFile): FoldingRange[] {
  const spans: Span[] = [];
  if (file.sql) for (const st of file.sql.statements) spans.push(st.span);
  if (file.prisma) for (const bl of file.prisma.blocks) spans.push(bl.span);
  const out: FoldingRange[] = [];
  const li = file.lineIndex;
  for (const s of spans) {
    if (li.position(s.end).line > li.position(s.start).line) out.push({ start: s.start, end: s.end });
  }
  // runs of line comments
  const re = /^[ \t]*(--|\/\/|#)[^\n]*(\r?\n[ \t]*\1[^\n]*)+/gm;
  for (let m = re.exec(file.text); m; m = re.exec(file.text)) out.push({ start: m.index, end: m.index + m[0].length, kind: 'comment' });
  return out.sort((a, b) => a.start - b.start);
}

/** The tables of the same unit as `file` (its part of the binding). */
function unitTables(b: Binding, file: SourceFile): Table[] {
  for (const part of b.parts) if (part.tables.some((t) => t.source?.uri === file.uri)) return part.tables;
  // a file that declares no table yet: every table of its language
  return b.schema.tables.filter((t) => {
    const u = t.source?.uri;
    return u !== undefined && (file.language === 'prisma' ? u.endsWith('.prisma') : !u.endsWith('.prisma') && !u.endsWith('.dbml'));
  });
}

function tableLabel(t: Table, file: SourceFile, defaultSchema: string): string {
  if (file.language === 'prisma') return t.settings.prismaName ?? t.name;
  return t.schema && t.schema !== defaultSchema ? `${t.schema}.${t.name}` : t.name;
}

function findTable(tables: Table[], written: string, file: SourceFile): Table | undefined {
  const w = written.replace(/["`[\]]/g, '');
  const low = w.toLowerCase();
  return tables.find((t) => (file.language === 'prisma' ? (t.settings.prismaName ?? t.name) === w : t.name.toLowerCase() === low || `${t.schema}.${t.name}`.toLowerCase() === low));
}

/** The word being typed at `offset` (its span is what a completion replaces). */
function wordBefore(text: string, offset: number, language: string): Span {
  const word = language === 'sql' ? /[A-Za-z0-9_$"`[\]]/ : /[A-Za-z0-9_]/;
  let start = offset;
  while (start > 0 && word.test(text[start - 1])) start--;
  return { start, end: offset };
}

/** Table and column names where a foreign key names them; undefined when the cursor is elsewhere. */
export function foreignCompletion(ws: Workspace, file: SourceFile, offset: number): CompletionItem[] {
  const b = ws.binding();
  const tables = unitTables(b, file);
  const def = b.parts.find((p) => p.tables.some((t) => t.source?.uri === file.uri))?.defaultSchema ?? b.schema.defaultSchema;
  const replaceSpan = wordBefore(file.text, offset, file.language);
  const before = file.text.slice(Math.max(0, offset - 2000), replaceSpan.start);
  const tableItems = (): CompletionItem[] => tables.filter((t) => !t.isView || file.language === 'sql').map((t) => ({ label: tableLabel(t, file, def), kind: 'table', detail: `${t.columns.length} columns`, replaceSpan }));
  const columnItems = (t: Table | undefined): CompletionItem[] =>
    t ? t.columns.map((c) => ({ label: file.language === 'prisma' ? (c.settings.prismaName ?? c.name) : c.name, kind: 'column', detail: c.type.raw, replaceSpan })) : [];
  if (file.language === 'sql') {
    // REFERENCES t (a, |   /   REFERENCES |
    const cols = /\breferences\s+([A-Za-z0-9_."`[\]]+)\s*\(\s*(?:[A-Za-z0-9_"`[\]]+\s*,\s*)*$/i.exec(before);
    if (cols) return columnItems(findTable(tables, cols[1], file));
    if (/\breferences\s+$/i.test(before)) return tableItems();
    // ALTER TABLE / CREATE INDEX ... ON / FROM / JOIN: a table name
    if (/\b(alter\s+table(\s+only)?(\s+if\s+exists)?|on|into|update|from|join|table\s+if\s+exists|drop\s+table)\s+$/i.test(before)) return tableItems();
    return [];
  }
  if (file.language === 'prisma') {
    const block = file.prisma?.blocks.find((bl) => bl.span.start <= offset && offset <= bl.span.end);
    if (!block || (block.kind !== 'model' && block.kind !== 'view' && block.kind !== 'type')) return [];
    const self = findTable(tables, block.name?.text ?? '', file);
    // @relation(fields: [a, |]  -> this model's fields;  references: [|] -> the related model's fields
    const inList = /\b(fields|references)\s*:\s*\[\s*(?:[A-Za-z0-9_]+\s*,\s*)*$/.exec(before);
    if (inList) {
      if (inList[1] === 'fields') return columnItems(self);
      const line = file.text.slice(file.text.lastIndexOf('\n', replaceSpan.start) + 1, replaceSpan.start);
      const type = /^\s*[A-Za-z0-9_]+\s+([A-Za-z0-9_]+)/.exec(line)?.[1];
      return columnItems(type ? findTable(tables, type, file) : undefined);
    }
    // @@index([|]), @@id([..]), @@unique([..])
    if (/@@(index|id|unique)\s*\(\s*(?:fields\s*:\s*)?\[\s*(?:[A-Za-z0-9_]+\s*,\s*)*$/.test(before)) return columnItems(self);
    // the type position of a field: `name |`
    if (/^[ \t]*[A-Za-z_][A-Za-z0-9_]*[ \t]+$/m.test(before.slice(before.lastIndexOf('\n') + 1))) {
      const scalars = ['String', 'Int', 'BigInt', 'Float', 'Decimal', 'Boolean', 'DateTime', 'Json', 'Bytes', 'Unsupported("")'];
      const enums = b.parts.find((p) => p.tables.includes(self as Table))?.enums ?? [];
      return [
        ...scalars.map((label): CompletionItem => ({ label, kind: 'type', replaceSpan })),
        ...tableItems(),
        ...enums.map((e): CompletionItem => ({ label: e.name, kind: 'enum', replaceSpan })),
      ];
    }
  }
  return [];
}
