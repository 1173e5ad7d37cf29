/**
 * Document symbols (the outline) and workspace symbols (go to symbol in
 * workspace), from the typed declarations of each file.
 *
 * Outline: tables and table partials with their columns, indexes, partial
 * injections and records as children; enums with their values; refs; table
 * groups with their members; sticky notes; the project; top-level records.
 * Workspace symbols: tables, partials, enums, enum values, columns and table
 * groups of every file, matched case-insensitively against the query as a
 * substring or, failing that, as a subsequence (`usid` finds `users.id`),
 * best matches first. Never reads the binding: the outline must work on a
 * file that does not bind.
 */
import type { Workspace } from '../workspace.js';
import { plainSpan, type Span } from '../text/span.js';
import { foreignDocumentSymbols, foreignWorkspaceSymbols, isForeign } from './foreign.js';
import type { ColumnDecl, Decl, IndexDecl, QName, RecordsDecl, RefDecl, RefEndpointDecl, TableLikeBody } from '../syntax/dbml/ast.js';
import type { DocumentSymbol, SymbolItemKind, WorkspaceSymbol } from './types.js';
import { compactNameSpan, compactRefTokens, isCompactColumnDecl, isCompactIndexDecl, isCompactRefDecl } from '../syntax/dbml/nodes.js';
import { compactColumnTokens } from '../syntax/dbml/direct-parser.js';

/** At most this many workspace symbols are returned (best first). */
export const WORKSPACE_SYMBOL_LIMIT = 1000;

export function documentSymbols(ws: Workspace, uri: string): DocumentSymbol[] {
  const file = ws.getFile(uri);
  if (!file) return [];
  if (isForeign(file)) return foreignDocumentSymbols(ws, uri);
  const out: DocumentSymbol[] = [];
  for (const d of file.dbml.decls) {
    const s = declSymbol(d);
    if (s) out.push(s);
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

function sym(name: string, kind: SymbolItemKind, span: Span, selectionSpan: Span, children: DocumentSymbol[] = [], detail?: string): DocumentSymbol {
  // the protocol requires the selection inside the whole
  const sel = selectionSpan.start >= span.start && selectionSpan.end <= span.end ? selectionSpan : span;
  const s: DocumentSymbol = { name: name || '(anonymous)', kind, span: plainSpan(span), selectionSpan: plainSpan(sel), children };
  if (detail) s.detail = detail;
  return s;
}

function qtext(q: QName | undefined): string {
  if (!q) return '';
  const base = q.parts.map((p) => p.text).join('.');
  return q.tuple ? `${base}${base ? '.' : ''}(${q.tuple.map((p) => p.text).join(', ')})` : base;
}

function endpointText(e: RefEndpointDecl | undefined): string {
  if (!e) return '?';
  const t = qtext(e.table);
  if (e.columns.length === 0) return t;
  if (e.columns.length === 1) return `${t}.${e.columns[0].text}`;
  return `${t}.(${e.columns.map((c) => c.text).join(', ')})`;
}

function refText(r: RefDecl): string {
  return `${endpointText(r.left)} ${r.op ?? '?'} ${endpointText(r.right)}`;
}

function declSymbol(d: Decl): DocumentSymbol | undefined {
  switch (d.kind) {
    case 'table':
      return sym(qtext(d.name), 'table', d.span, d.name.span, tableChildren(d), d.alias ? `as ${d.alias.text}` : undefined);
    case 'tablePartial':
      return sym(qtext(d.name), 'partial', d.span, d.name.span, tableChildren(d), 'partial');
    case 'enum':
      return sym(
        qtext(d.name),
        'enum',
        d.span,
        d.name.span,
        d.values.map((v) => sym(v.name.text, 'enumValue', v.span, v.name.span)),
      );
    case 'ref': {
      if (!d.element) return undefined; // inline refs show under their column
      if (isCompactRefDecl(d)) {
        // from the record: the name, the endpoints' names and the operator (its nodes are not made)
        const r = d.ref;
        const text = `${r.left.join('.')} ${r.op} ${r.right.join('.')}`;
        const a = r.anchorOfSpan.start;
        const name = compactRefTokens(r).name;
        return name ? sym(r.refName!, 'ref', d.span, name, [], text) : sym(text, 'ref', d.span, { start: a + r.opStartOfSpan, end: a + r.opStartOfSpan + r.op.length });
      }
      const text = refText(d);
      return d.name ? sym(qtext(d.name), 'ref', d.span, d.name.span, [], text) : sym(text, 'ref', d.span, d.opSpan ?? d.span);
    }
    case 'tableGroup':
      return sym(
        qtext(d.name),
        'tableGroup',
        d.span,
        d.name.span,
        d.members.map((m) => sym(qtext(m), 'table', m.span, m.span)),
      );
    case 'note':
      return sym(qtext(d.name), 'note', d.span, d.name.span, [], firstLine(d.content));
    case 'project': {
      const db = d.properties.find((p) => p.key.text.toLowerCase() === 'database_type');
      const detail = db && db.value.kind === 'string' ? db.value.value : undefined;
      return sym(d.name ? qtext(d.name) : 'Project', 'project', d.span, d.name?.span ?? d.element.keyword.span, [], detail);
    }
    case 'records':
      return recordsSymbol(d);
  }
  return undefined;
}

function recordsSymbol(r: RecordsDecl): DocumentSymbol {
  const cols = r.columns.length ? `(${r.columns.map((c) => c.text).join(', ')})` : '';
  const name = `${qtext(r.table)}${cols}` || 'records';
  return sym(name, 'records', r.span, r.table?.span ?? r.span, [], `${r.rows.length} row${r.rows.length === 1 ? '' : 's'}`);
}

function tableChildren(t: TableLikeBody): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const c of t.columns) out.push(columnSymbol(c));
  for (const ix of t.indexes) out.push(indexSymbol(ix));
  for (const p of t.partials) out.push(sym(`~${p.text}`, 'partial', p.span, p.span));
  for (const r of t.records) out.push(recordsSymbol(r));
  return out.sort((a, b) => a.span.start - b.span.start);
}

function columnSymbol(c: ColumnDecl): DocumentSymbol {
  // a compact column line: from its fields and text, without making its nodes
  if (isCompactColumnDecl(c)) return sym(c.line.cname, 'column', c.span, compactColumnTokens(c.line).name, [], c.line.typeText);
  return sym(c.name.text, 'column', c.span, c.name.span, [], c.type?.text);
}

function indexSymbol(ix: IndexDecl): DocumentSymbol {
  if (isCompactIndexDecl(ix)) {
    // from the record: the columns or the expression, the name, the flags as written
    const l = ix.line;
    const label = `(${l.expression !== undefined ? `\`${l.expression}\`` : l.cols.join(', ')})`;
    const flags = l.settingNames.filter((n) => n === 'pk' || n === 'unique');
    return sym(l.name ?? label, 'index', ix.span, ix.span, [], [l.name !== undefined ? label : '', ...flags].filter(Boolean).join(' ') || undefined);
  }
  const parts = ix.parts.map((p) => (p.column ? p.column.text : `\`${p.expression ?? ''}\``));
  const nameSetting = ix.settings.find((s) => s.name === 'name');
  const label = `(${parts.join(', ')})`;
  const named = nameSetting?.value?.kind === 'string' ? nameSetting.value.value : undefined;
  const flags = ix.settings.filter((s) => !s.value && (s.name === 'pk' || s.name === 'unique')).map((s) => s.name);
  return sym(named ?? label, 'index', ix.span, ix.span, [], [named ? label : '', ...flags].filter(Boolean).join(' ') || undefined);
}

function firstLine(s: string): string | undefined {
  const line = s.trim().split(/\r?\n/)[0];
  return line ? (line.length > 60 ? line.slice(0, 57) + '...' : line) : undefined;
}

// ---------------------------------------------------------------- workspace symbols

interface Candidate {
  symbol: WorkspaceSymbol;
  score: number;
}

/**
 * How well `name` matches a lowercased query: lower is better, undefined is
 * no match. Exact, then prefix, then substring (earlier is better), then a
 * subsequence of the query's characters.
 */
export function matchScore(name: string, query: string): number | undefined {
  if (!query) return 0;
  const n = name.toLowerCase();
  if (n === query) return 0;
  // shorter names first among prefix matches; earlier hits first among substrings
  if (n.startsWith(query)) return 1 + Math.min(n.length - query.length, 999) / 1000;
  const at = n.indexOf(query);
  if (at >= 0) return 2 + Math.min(at, 999) / 1000;
  let qi = 0;
  let gaps = 0;
  let last = -1;
  for (let i = 0; i < n.length && qi < query.length; i++) {
    if (n[i] === query[qi]) {
      if (last >= 0 && i !== last + 1) gaps++;
      last = i;
      qi++;
    }
  }
  return qi === query.length ? 3 + gaps / 100 : undefined;
}

export function workspaceSymbols(ws: Workspace, query: string): WorkspaceSymbol[] {
  const q = query.trim().toLowerCase();
  const found: Candidate[] = [];
  const consider = (name: string, kind: SymbolItemKind, uri: string, span: Span, containerName?: string, alsoMatch?: string) => {
    let score = matchScore(name, q);
    if (alsoMatch !== undefined) {
      const s2 = matchScore(alsoMatch, q);
      if (s2 !== undefined && (score === undefined || s2 + 0.5 < score)) score = s2 + 0.5;
    }
    if (score === undefined) return;
    const symbol: WorkspaceSymbol = { name, kind, location: { uri, span: plainSpan(span) } };
    if (containerName) symbol.containerName = containerName;
    found.push({ symbol, score });
  };
  const schemaOf = (q2: QName) => (q2.parts.length > 1 ? q2.parts.slice(0, -1).map((p) => p.text).join('.') : undefined);
  const lastOf = (q2: QName) => q2.parts[q2.parts.length - 1]?.text ?? '';
  const tableLike = (uri: string, name: QName, kind: SymbolItemKind, body: TableLikeBody) => {
    const full = qtext(name);
    consider(lastOf(name), kind, uri, name.span, schemaOf(name), full);
    for (const c of body.columns) {
      const name = isCompactColumnDecl(c) ? c.line.cname : c.name.text;
      consider(name, 'column', uri, isCompactColumnDecl(c) ? compactNameSpan(c.line) : c.name.span, full, `${full}.${name}`);
    }
  };
  for (const f of ws.files()) {
    for (const d of f.dbml.decls) {
      switch (d.kind) {
        case 'table':
          tableLike(f.uri, d.name, 'table', d);
          if (d.alias) consider(d.alias.text, 'table', f.uri, d.alias.span, qtext(d.name));
          break;
        case 'tablePartial':
          tableLike(f.uri, d.name, 'partial', d);
          break;
        case 'enum': {
          const full = qtext(d.name);
          consider(lastOf(d.name), 'enum', f.uri, d.name.span, schemaOf(d.name), full);
          for (const v of d.values) consider(v.name.text, 'enumValue', f.uri, v.name.span, full, `${full}.${v.name.text}`);
          break;
        }
        case 'tableGroup':
          consider(qtext(d.name), 'tableGroup', f.uri, d.name.span);
          break;
        case 'note':
          consider(qtext(d.name), 'note', f.uri, d.name.span);
          break;
        default:
          break;
      }
    }
  }
  foreignWorkspaceSymbols(ws, consider);
  found.sort((a, b) => a.score - b.score || a.symbol.name.localeCompare(b.symbol.name) || (a.symbol.containerName ?? '').localeCompare(b.symbol.containerName ?? ''));
  return found.slice(0, WORKSPACE_SYMBOL_LIMIT).map((c) => c.symbol);
}

