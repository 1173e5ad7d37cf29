/**
 * Semantic tokens: what each name in a DBML file stands for, on top of the
 * TextMate grammar's lexical colouring. Table names are `class`, columns
 * `property`, column types `type` (`enum` when they name an enum), enum
 * values `enumMember`, schema qualifiers `namespace`, element keywords and
 * `as` `keyword`, setting names `decorator`, project properties `property`;
 * declarations carry the `declaration` modifier.
 *
 * Reads the typed declarations and the generic tree for the shape, and the
 * binding's occurrences (when the binder resolved a name) for what a
 * reference really points at: a resolved occurrence wins over the guess made
 * from the syntax. Sorted by offset, never overlapping; strings, numbers and
 * comments are left to the grammar.
 */
import type { Workspace } from '../workspace.js';
import type { Span } from '../text/span.js';
import type { Decl, Element, Ident, QName, SettingItem, TableLikeBody } from '../syntax/dbml/ast.js';
import type { SymbolKind } from '../model/symbols.js';
import type { SemanticToken, SemanticTokenModifier, SemanticTokenType } from './types.js';
import { compactIndexBound, compactRefBound, compactRefTokens, isCompactColumn, isCompactColumnDecl, isCompactIndexDecl, isCompactIndexes, isCompactRef, isCompactRefDecl } from '../syntax/dbml/nodes.js';
import { compactColumnTokens } from '../syntax/dbml/direct-parser.js';

/** Element kinds that are DBML keywords; any other element keyword (a project property) is a `property`. */
const KEYWORD_KINDS = new Set(['project', 'table', 'tablepartial', 'ref', 'enum', 'tablegroup', 'note', 'indexes', 'checks', 'records']);

const SYMBOL_TOKEN: Record<SymbolKind, SemanticTokenType | undefined> = {
  schema: 'namespace',
  table: 'class',
  column: 'property',
  alias: 'class',
  enum: 'enum',
  enumValue: 'enumMember',
  tableGroup: 'namespace',
  tablePartial: 'class',
  note: 'variable',
  project: 'namespace',
  ref: 'variable',
  index: 'variable',
};

/**
 * The semantic tokens of a file, or (with `range`) those of the elements that reach into the range:
 * exactly the whole file's tokens that overlap it, made from those elements only (an editor asks for the
 * visible part of a large file first).
 */
export function semanticTokens(ws: Workspace, uri: string, range?: Span): SemanticToken[] {
  const file = ws.getFile(uri);
  // SQL and Prisma keep their TextMate colouring
  if (!file || file.language !== 'dbml') return [];
  const { text } = file;
  // one token per span, the last added wins. Keyed by start (a small integer: no key string per token, which
  // cost most of the time on large files); a second span at the same start (rare) is kept by its full key
  const byStart = new Map<number, SemanticToken>();
  const clash = new Map<string, SemanticToken>();
  const get = (span: Span): SemanticToken | undefined => {
    const t = byStart.get(span.start);
    return t && t.span.end === span.end ? t : clash.size ? clash.get(`${span.start}:${span.end}`) : undefined;
  };
  const put = (t: SemanticToken): void => {
    const at = byStart.get(t.span.start);
    if (!at || at.span.end === t.span.end) byStart.set(t.span.start, t);
    else clash.set(`${t.span.start}:${t.span.end}`, t);
  };
  const add = (span: Span | undefined, type: SemanticTokenType, declaration = false) => {
    if (!span || span.end <= span.start) return;
    put({ span, type, modifiers: declaration ? ['declaration'] : [] });
  };
  /** `schema.name`: qualifiers as namespaces, the last part as `type` */
  const qualified = (q: QName | undefined, type: SemanticTokenType, declaration = false) => {
    if (!q) return;
    q.parts.forEach((p, i) => (i < q.parts.length - 1 ? add(p.span, 'namespace') : add(p.span, type, declaration)));
  };
  /** `schema.table.column` (or `table.(a, b)`): the last part a column */
  const columnPath = (q: QName | undefined) => {
    if (!q) return;
    if (q.tuple) {
      qualified(q, 'class');
      q.tuple.forEach((c) => add(c.span, 'property'));
      return;
    }
    const n = q.parts.length;
    q.parts.forEach((p, i) => add(p.span, i === n - 1 ? 'property' : i === n - 2 ? 'class' : 'namespace'));
  };
  const settings = (items: SettingItem[] | undefined) => items?.forEach((s) => add(s.nameSpan, 'decorator'));

  // enums of the whole workspace, to tell an enum-typed column from a plain type
  const enumNames = new Set<string>();
  for (const f of ws.files()) {
    for (const d of f.dbml.decls) {
      if (d.kind !== 'enum') continue;
      const parts = d.name.parts.map((p) => p.text);
      enumNames.add(parts.join('.'));
      enumNames.add(parts[parts.length - 1]);
    }
  }

  // keywords, `as`, settings and project properties from the generic tree
  const element = (el: Element) => {
    if (isCompactRef(el)) {
      // a compact Ref line's keyword and setting names, from its record (its nodes are not made for colouring)
      const t = compactRefTokens(el);
      add(t.keyword, 'keyword');
      t.settingNames.forEach((n) => add(n, 'decorator'));
      return;
    }
    add(el.keyword.span, KEYWORD_KINDS.has(el.kind) ? 'keyword' : 'property');
    if (el.alias) {
      const from = el.nameArgs?.length ? el.nameArgs[el.nameArgs.length - 1].span.end : el.name ? el.name.span.end : el.keyword.span.end;
      const gap = text.slice(from, el.alias.span.start);
      const m = /\bas\b/i.exec(gap);
      if (m) add({ start: from + m.index, end: from + m.index + 2 }, 'keyword');
    }
    settings(el.settings?.items);
    settings(el.value?.settings?.items);
    for (const item of el.body?.items ?? []) {
      if (isCompactIndexes(item)) {
        // a compact indexes block: its keyword and setting names from the records (its nodes are not made)
        const a = item.anchorOfSpan.start;
        add({ start: item.start, end: item.start + 7 }, 'keyword');
        for (const l of item.lines) for (let i = 0; i < l.settingNames.length; i++) add({ start: a + l.settingStartsOfSpan[i], end: a + l.settingStartsOfSpan[i] + l.settingNames[i].length }, 'decorator');
      } else if (item.type === 'element') element(item);
      // a compact column line's setting names, from its text (its nodes are not made for colouring)
      else if (isCompactColumn(item)) compactColumnTokens(item).settingNames.forEach((n) => add(n, 'decorator'));
      else settings(item.settings?.items);
    }
  };
  /** Does `s` reach into the requested range (always, without one)? */
  const wanted = (s: Span): boolean => !range || (s.end >= range.start && s.start <= range.end);
  // with a range: the region the wanted elements cover (an occurrence there may recolour one of their tokens)
  let lo = Infinity;
  let hi = -1;
  for (const el of file.dbml.syntax.elements) {
    if (!wanted(el.span)) continue;
    if (el.span.start < lo) lo = el.span.start;
    if (el.span.end > hi) hi = el.span.end;
    element(el);
  }

  const tableBody = (b: TableLikeBody) => {
    for (const c of b.columns) {
      if (isCompactColumnDecl(c)) {
        // name, type, settings and inline ref from the line's text
        const t = compactColumnTokens(c.line);
        add(t.name, 'property', true);
        const full = c.line.tq2 === undefined ? c.line.tq1 : `${c.line.tq1}.${c.line.tq2}`;
        t.typeParts.forEach((p, i) => add(p, i < t.typeParts.length - 1 ? 'namespace' : enumNames.has(full) ? 'enum' : 'type'));
        t.settingNames.forEach((n) => add(n, 'decorator'));
        // its inline ref's target, as `columnPath` colours one
        t.refTarget.forEach((p, i) => add(p, i === t.refTarget.length - 1 ? 'property' : i === t.refTarget.length - 2 ? 'class' : 'namespace'));
        continue;
      }
      add(c.name.span, 'property', true);
      if (c.type) {
        const full = c.type.name.parts.map((p) => p.text).join('.');
        qualified(c.type.name, enumNames.has(full) ? 'enum' : 'type');
      }
      settings(c.settings);
      for (const r of c.inlineRefs) {
        columnPath(r.target);
        settings(r.settings);
      }
    }
    for (const ix of b.indexes) {
      if (isCompactIndexDecl(ix)) {
        // its columns (the binder's identifiers); the setting names come with the block's element
        for (const id of compactIndexBound(ix.line).idents) add(id.span, 'property');
        continue;
      }
      for (const p of ix.parts) if (p.column) add(p.column.span, 'property');
      settings(ix.settings);
    }
    for (const ck of b.checks) settings(ck.settings);
    for (const p of b.partials) add(p.span, 'class');
    settings(b.settings);
    for (const r of b.records) records(r);
  };
  const records = (r: Extract<Decl, { kind: 'records' }>) => {
    qualified(r.table, 'class');
    r.columns.forEach((c: Ident) => add(c.span, 'property'));
  };

  for (const d of file.dbml.decls) {
    // a declaration's tokens lie within its element (a Ref's name too, before its line)
    if (range) {
      const ds = 'element' in d && d.element ? d.element.span : d.span;
      if (!wanted(ds)) continue;
      if (ds.start < lo) lo = ds.start;
      if (ds.end > hi) hi = ds.end;
    }
    switch (d.kind) {
      case 'table':
        qualified(d.name, 'class', true);
        if (d.alias) add(d.alias.span, 'class', true);
        tableBody(d);
        break;
      case 'tablePartial':
        qualified(d.name, 'class', true);
        tableBody(d);
        break;
      case 'enum':
        qualified(d.name, 'enum', true);
        for (const v of d.values) {
          add(v.name.span, 'enumMember', true);
          settings(v.settings);
        }
        break;
      case 'ref':
        if (isCompactRefDecl(d)) {
          // its name and endpoints from the record (the endpoints' identifiers are the binder's)
          const name = compactRefTokens(d.ref).name;
          if (name) add(name, 'variable', true);
          const b = compactRefBound(d.ref);
          columnPath(b.left);
          columnPath(b.right);
          break;
        }
        qualified(d.name, 'variable', true);
        for (const end of [d.left, d.right]) {
          if (!end) continue;
          qualified(end.table, 'class');
          end.columns.forEach((c) => add(c.span, 'property'));
        }
        settings(d.settings);
        break;
      case 'tableGroup':
        qualified(d.name, 'namespace', true);
        d.members.forEach((m) => qualified(m, 'class'));
        settings(d.settings);
        break;
      case 'note':
        qualified(d.name, 'variable', true);
        break;
      case 'project':
        qualified(d.name, 'namespace', true);
        for (const p of d.properties) add(p.key.span, 'property');
        break;
      case 'records':
        records(d);
        break;
    }
  }

  // what the binder resolved wins over the syntax's guess
  const binding = ws.binding();
  for (const occ of binding.occurrencesByUri.get(uri) ?? []) {
    if (range && (occ.span.end < lo || occ.span.start > hi)) continue;
    const kind = binding.symbol(occ.symbol)?.kind;
    const type = kind ? SYMBOL_TOKEN[kind] : undefined;
    if (!type) continue;
    // an enum used as a column type stays `enum`; a declaration keeps its modifier
    const mods: SemanticTokenModifier[] = occ.isDefinition ? ['declaration'] : [];
    const existing = get(occ.span);
    if (existing && existing.type === type && existing.modifiers.length >= mods.length) continue;
    put({ span: occ.span, type, modifiers: mods });
  }

  const sorted = [...byStart.values(), ...clash.values()].sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  const out: SemanticToken[] = [];
  let lastEnd = -1;
  for (const t of sorted) {
    if (t.span.start < lastEnd) continue;
    // a token never spans lines (the protocol's tokens are per line)
    if (breaksLine(text, t.span.start, t.span.end)) continue;
    lastEnd = t.span.end;
    // with a range, only the tokens that overlap it (one outside still hid what it overlaps, as in the whole file)
    if (range && (t.span.end <= range.start || t.span.start >= range.end)) continue;
    out.push(t);
  }
  return out;
}

/** Does `text[start, end)` hold a line break? */
function breaksLine(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return true;
  }
  return false;
}
