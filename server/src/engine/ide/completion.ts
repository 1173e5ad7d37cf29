/**
 * Completion: top-level keywords (with snippets), column types for the
 * project's database type plus the workspace's enums, settings inside `[...]`
 * and their values, table then column names in refs (aliases and schemas
 * resolved), enum values for defaults, table names in table groups.
 *
 * The context comes from scanning the text before the cursor (util/scan.ts),
 * not from the syntax tree: the document being typed is usually broken. The
 * tree only supplies a safe place to start scanning; names come from the
 * bound model.
 */
import type { Workspace } from '../workspace.js';
import type { Column, Enum, Schema, Table } from '../model/schema.js';
import type { Span } from '../text/span.js';
import type { CompletionItem, CompletionKind } from './types.js';
import { scanTo, type CursorIn, type Frame, type Tok } from './util/scan.js';
import { DATABASE_TYPE_NAMES, TYPE_CATALOG } from './util/types-catalog.js';
import { foreignCompletion, isForeign } from './foreign.js';
import { queryCompletion } from './queries.js';
import { formatName, isPlainIdentifier } from './util/names.js';
import { columnSettings, tableDisplay } from './hover.js';

export function completion(ws: Workspace, uri: string, offset: number): CompletionItem[] {
  const foreignFile = ws.getFile(uri);
  if (foreignFile && isForeign(foreignFile)) return queryCompletion(ws, uri, offset) ?? foreignCompletion(ws, foreignFile, offset);
  const file = ws.getFile(uri);
  if (!file) return [];
  const text = file.text;
  offset = Math.max(0, Math.min(offset, text.length));
  const { frames, cursor } = scanTo(text, scanStart(ws, uri, offset), offset);
  if (cursor.kind === 'none') return [];
  const ctx = new Ctx(ws, frames, cursor, offset);
  const items = ctx.complete();
  return items.map((it, i) => ({ ...it, replaceSpan: it.replaceSpan ?? ctx.replaceSpan, sortText: it.sortText ?? String(i).padStart(4, '0') }));
}

/** A top-level statement start at or before the cursor: the last top-level element written at a line's start. */
function scanStart(ws: Workspace, uri: string, offset: number): number {
  const file = ws.getFile(uri)!;
  const text = file.text;
  let best = 0;
  for (const el of file.dbml.syntax.elements) {
    const s = el.span.start;
    if (s > offset) break;
    if (s > best && s < offset && (s === 0 || text[s - 1] === '\n' || text[s - 1] === '\r')) {
      // an element that ends before the cursor is closed; starting at it is safe
      best = s;
    }
  }
  return best;
}

const TOP_LEVEL: { label: string; snippet: string; doc: string }[] = [
  { label: 'Table', snippet: 'Table ${1:name} {\n\t${2:id} ${3:integer} [pk]\n\t$0\n}', doc: 'A table with its columns, indexes and note.' },
  { label: 'Ref', snippet: 'Ref: ${1:table}.${2:column} > ${3:table}.${4:column}', doc: 'A relationship: `>` many-to-one, `<` one-to-many, `-` one-to-one, `<>` many-to-many.' },
  { label: 'Enum', snippet: 'Enum ${1:name} {\n\t${2:value}\n}', doc: 'An enumerated type; columns use it as their type.' },
  { label: 'TableGroup', snippet: 'TableGroup ${1:name} {\n\t${2:table}\n}', doc: 'A named group of tables.' },
  { label: 'Project', snippet: "Project ${1:name} {\n\tdatabase_type: '${2|PostgreSQL,MySQL,SQLite,SQL Server,Oracle|}'\n\tNote: '$3'\n}", doc: 'Project settings, such as the database type.' },
  { label: 'Note', snippet: "Note ${1:name} {\n\t'$2'\n}", doc: 'A sticky note.' },
  { label: 'TablePartial', snippet: 'TablePartial ${1:name} {\n\t$0\n}', doc: 'Columns and settings shared by tables through `~name`.' },
  { label: 'Records', snippet: 'Records ${1:table}(${2:columns}) {\n\t$0\n}', doc: 'Sample rows for a table.' },
];

interface SettingSpec {
  label: string;
  detail: string;
  /** takes a value after `:` */
  value?: boolean;
}

const COLUMN_SETTINGS: SettingSpec[] = [
  { label: 'pk', detail: 'primary key' },
  { label: 'primary key', detail: 'primary key' },
  { label: 'not null', detail: 'the column must have a value' },
  { label: 'null', detail: 'the column may be null' },
  { label: 'unique', detail: 'values are unique' },
  { label: 'increment', detail: 'auto-increment' },
  { label: 'default', detail: 'default value', value: true },
  { label: 'note', detail: 'column note', value: true },
  { label: 'ref', detail: 'inline relationship', value: true },
];
const REF_SETTINGS: SettingSpec[] = [
  { label: 'delete', detail: 'ON DELETE action', value: true },
  { label: 'update', detail: 'ON UPDATE action', value: true },
  { label: 'color', detail: 'line colour in diagrams', value: true },
];
const INDEX_SETTINGS: SettingSpec[] = [
  { label: 'pk', detail: 'primary key index' },
  { label: 'unique', detail: 'unique index' },
  { label: 'name', detail: 'index name', value: true },
  { label: 'type', detail: 'index method', value: true },
  { label: 'note', detail: 'index note', value: true },
];
const TABLE_SETTINGS: SettingSpec[] = [
  { label: 'headercolor', detail: 'header colour in diagrams', value: true },
  { label: 'note', detail: 'table note', value: true },
];
const GROUP_SETTINGS: SettingSpec[] = [
  { label: 'color', detail: 'group colour in diagrams', value: true },
  { label: 'note', detail: 'group note', value: true },
];
const ENUM_VALUE_SETTINGS: SettingSpec[] = [{ label: 'note', detail: 'value note', value: true }];

const REF_ACTIONS = ['cascade', 'restrict', 'set null', 'set default', 'no action'];
const INDEX_TYPES = ['btree', 'hash', 'gin', 'gist', 'brin', 'spgist'];
const REF_OPS: { op: string; detail: string }[] = [
  { op: '>', detail: 'many-to-one' },
  { op: '<', detail: 'one-to-many' },
  { op: '-', detail: 'one-to-one' },
  { op: '<>', detail: 'many-to-many' },
];

const BODY_WORDS = new Set(['note', 'indexes', 'checks', 'records']);

type SettingsOwner = 'column' | 'ref' | 'index' | 'table' | 'group' | 'enumValue' | 'none';

class Ctx {
  readonly schema: Schema;
  readonly replaceSpan: Span;
  readonly prefix: string;

  constructor(
    readonly ws: Workspace,
    readonly frames: Frame[],
    readonly cursor: Exclude<CursorIn, { kind: 'none' }>,
    readonly offset: number,
  ) {
    this.schema = ws.binding().schema;
    if (cursor.kind === 'code') {
      this.replaceSpan = { start: offset, end: offset };
      this.prefix = '';
    } else {
      this.replaceSpan = cursor.span;
      this.prefix = cursor.prefix;
    }
  }

  get top(): Frame {
    return this.frames[this.frames.length - 1];
  }

  complete(): CompletionItem[] {
    const f = this.top;
    if (this.cursor.kind === 'string') return this.inString(f);
    switch (f.open) {
      case 'root':
        return this.atTopLevel(f.line);
      case '{':
        return this.inBody(f);
      case '[':
        return this.inSettings(f);
      case '(':
        return this.inParens(f);
    }
  }

  // ------------------------------------------------------------ contexts

  private atTopLevel(line: Tok[]): CompletionItem[] {
    if (!line.length) return this.cursor.kind === 'qword' ? [] : this.keywords();
    const kw = lower(line[0]);
    if (kw === 'ref') {
      const colon = line.findIndex((t) => t.text === ':');
      return colon < 0 ? [] : this.refLine(line.slice(colon + 1));
    }
    if (kw === 'records' && line.length === 1) return this.tableNames();
    return [];
  }

  private inBody(f: Frame): CompletionItem[] {
    const line = f.line;
    switch (f.owner) {
      case 'table':
      case 'tablepartial':
        return this.inTableBody(line);
      case 'indexes':
        return line.length === 0 ? this.enclosingColumns() : [];
      case 'tablegroup':
        if (line.length) return [];
        return [...this.tableNames(), ...this.bodyKeywords(['Note'])];
      case 'project':
        if (!line.length) {
          return [
            { label: 'database_type', kind: 'setting', insertText: "database_type: '${1|PostgreSQL,MySQL,SQLite,SQL Server,Oracle|}'", isSnippet: true, detail: 'the target database' },
            ...this.bodyKeywords(['Note']),
          ];
        }
        if (line.length === 2 && lower(line[0]) === 'database_type' && line[1].text === ':') {
          return DATABASE_TYPE_NAMES.map((n) => ({ label: n, kind: 'value' as const, insertText: `'${n}'` }));
        }
        return [];
      case 'ref':
        return this.refLine(line);
      default:
        return [];
    }
  }

  private inTableBody(line: Tok[]): CompletionItem[] {
    if (!line.length) {
      if (this.cursor.kind === 'qword') return [];
      return this.bodyKeywords(['Note', 'indexes', 'checks', 'Records']);
    }
    if (line.length === 1 && line[0].text === '~') return this.partialNames();
    const first = line[0];
    if (first.kind !== 'word' && first.kind !== 'qword') return [];
    if (BODY_WORDS.has(lower(first))) return [];
    const rest = line.slice(1);
    // type position: right after the column name, or after `schema.` of a qualified enum type
    if (rest.length === 0) return this.types();
    if (rest.length === 2 && isName(rest[0]) && rest[1].text === '.') return this.enumItems(this.schema.enums.filter((e) => e.schema === rest[0].value), false);
    return [];
  }

  private inSettings(f: Frame): CompletionItem[] {
    const owner = this.settingsOwner();
    const item = lastItem(f.line);
    if (!item.length || item.every(isWordTok)) {
      if (item.length && this.cursor.kind === 'code') return [];
      const specs = settingsFor(owner);
      return this.settingItems(specs, item);
    }
    const name = lower(item[0]);
    const colon = item.findIndex((t) => t.text === ':');
    if (colon < 0) return [];
    const value = item.slice(colon + 1);
    const key = item
      .slice(0, colon)
      .map((t) => t.value.toLowerCase())
      .join(' ');
    void name;
    switch (key) {
      case 'default':
        if (owner !== 'column' || value.length) return [];
        return this.defaultValues(false);
      case 'delete':
      case 'update':
        if (owner !== 'ref' && owner !== 'column') return [];
        return this.actions(value);
      case 'type':
        if (owner !== 'index' || value.length) return [];
        return INDEX_TYPES.map((v) => ({ label: v, kind: 'value' as const }));
      case 'ref':
        if (owner !== 'column') return [];
        if (!value.length) return REF_OPS.map((o) => ({ label: o.op, kind: 'keyword' as const, detail: o.detail, insertText: `${o.op} ` }));
        if (!isRelOp(value[0])) return [];
        return this.endpoint(value.slice(1));
      default:
        return [];
    }
  }

  private inParens(f: Frame): CompletionItem[] {
    const below = this.frames[this.frames.length - 2];
    const item = lastItem(f.line);
    if (item.length) return [];
    // `(a, b)` in an indexes block
    if (below.open === '{' && below.owner === 'indexes' && f.outer.length === 0) return this.enclosingColumns();
    // `Records users(id, |`
    if (f.outer.length >= 2 && lower(f.outer[0]) === 'records') return this.columnsOf(this.resolveTable(names(f.outer.slice(1))));
    // composite endpoint `table.(a, |`
    const outer = f.outer;
    if (outer.length && outer[outer.length - 1].text === '.') {
      const chain = trailingChain(outer.slice(0, -1));
      if (chain) return this.columnsOf(this.resolveTable(chain));
    }
    return [];
  }

  private inString(f: Frame): CompletionItem[] {
    const cursor = this.cursor as { span: Span };
    if (f.open === '[') {
      const item = lastItem(f.line);
      if (item.length === 2 && lower(item[0]) === 'default' && item[1].text === ':' && this.settingsOwner() === 'column') {
        return this.defaultValues(true).map((it) => ({ ...it, replaceSpan: cursor.span }));
      }
      return [];
    }
    if (f.open === '{' && f.owner === 'project' && f.line.length === 2 && lower(f.line[0]) === 'database_type') {
      return DATABASE_TYPE_NAMES.map((n) => ({ label: n, kind: 'value' as const, replaceSpan: cursor.span }));
    }
    return [];
  }

  // ------------------------------------------------------------ refs

  /** Tokens after `Ref:` (or a line of a `Ref { }` body): complete the endpoint being written. */
  private refLine(toks: Tok[]): CompletionItem[] {
    let opAt = -1;
    for (let k = 0; k < toks.length; k++) if (isRelOp(toks[k])) opAt = k;
    const ep = toks.slice(opAt + 1);
    if (opAt >= 0 && ep.some((t) => t.kind === 'group')) return [];
    // left side finished and no operator yet: offer the operators
    if (opAt < 0 && ep.length && this.cursor.kind === 'code' && ep[ep.length - 1].text !== '.') {
      const chain = chainOf(ep);
      if (chain && chain.length >= 2) return REF_OPS.map((o) => ({ label: o.op, kind: 'keyword' as const, detail: o.detail, insertText: `${o.op} ` }));
      if (ep[ep.length - 1].kind === 'group') return REF_OPS.map((o) => ({ label: o.op, kind: 'keyword' as const, detail: o.detail, insertText: `${o.op} ` }));
      return [];
    }
    return this.endpoint(ep);
  }

  /** Completes `a`, `a.`, `schema.table.`: tables, then that table's columns. */
  private endpoint(toks: Tok[]): CompletionItem[] {
    if (!toks.length) return this.tableNames();
    if (toks[toks.length - 1].text !== '.') return [];
    const chain = chainOf(toks.slice(0, -1));
    if (!chain) return [];
    const items: CompletionItem[] = [];
    const table = this.resolveTable(chain);
    if (table) items.push(...this.columnsOf(table));
    if (chain.length === 1 && this.schema.schemas.includes(chain[0])) {
      items.push(...this.tableNames(chain[0]));
    }
    return items;
  }

  // ------------------------------------------------------------ resolution

  /** A table by `[name]` (alias or default schema first) or `[schema, name]`. */
  resolveTable(chain: string[] | undefined): Table | undefined {
    if (!chain?.length) return undefined;
    const tables = this.schema.tables;
    if (chain.length >= 2) {
      const [s, n] = chain.slice(-2);
      return tables.find((t) => t.schema === s && t.name === n);
    }
    const n = chain[0];
    return (
      tables.find((t) => t.alias === n) ??
      tables.find((t) => t.schema === this.schema.defaultSchema && t.name === n) ??
      uniqueBy(tables, (t) => t.name === n)
    );
  }

  resolveEnum(chain: string[]): Enum | undefined {
    const enums = this.schema.enums;
    if (chain.length >= 2) {
      const [s, n] = chain.slice(-2);
      return enums.find((e) => e.schema === s && e.name === n);
    }
    return enums.find((e) => e.schema === this.schema.defaultSchema && e.name === chain[0]) ?? uniqueBy(enums, (e) => e.name === chain[0]);
  }

  /** The table body frame holding the cursor, if any. */
  private tableFrame(): Frame | undefined {
    for (let k = this.frames.length - 1; k > 0; k--) {
      const f = this.frames[k];
      if (f.open === '{' && (f.owner === 'table' || f.owner === 'tablepartial')) return f;
    }
    return undefined;
  }

  /** The table whose body holds the cursor, by the name in its header. */
  private enclosingTable(): Table | undefined {
    const f = this.tableFrame();
    return f && f.owner === 'table' ? this.resolveTable(chainOf(headerName(f.outer.slice(1)))) : undefined;
  }

  /**
   * Columns of the table being edited: from the model, or, when the broken
   * text kept the table out of the model, from the column lines scanned so far.
   */
  private enclosingColumns(): CompletionItem[] {
    const table = this.enclosingTable();
    if (table) return this.columnsOf(table);
    const f = this.tableFrame();
    if (!f) return [];
    const items: CompletionItem[] = [];
    for (const line of f.done) {
      const head = line[0];
      if (!isName(head) || line.length < 2 || !isName(line[1])) continue;
      if (head.kind === 'word' && BODY_WORDS.has(head.value.toLowerCase())) continue;
      items.push(this.nameItem(formatName(head.value), 'column', line[1].value));
    }
    return items;
  }

  /** What a `[...]` list belongs to, from the statement it follows. */
  private settingsOwner(): SettingsOwner {
    const f = this.top;
    const below = this.frames[this.frames.length - 2];
    const outer = f.outer;
    if (below.open === 'root') {
      const kw = outer.length ? lower(outer[0]) : '';
      if (kw === 'ref') return 'ref';
      if (kw === 'table' || kw === 'tablepartial') return 'table';
      if (kw === 'tablegroup') return 'group';
      return 'none';
    }
    if (below.open !== '{') return 'none';
    switch (below.owner) {
      case 'table':
      case 'tablepartial':
        return outer.length >= 2 && isName(outer[0]) ? 'column' : 'none';
      case 'indexes':
        return 'index';
      case 'enum':
        return 'enumValue';
      case 'ref':
        return 'ref';
      default:
        return 'none';
    }
  }

  /** The column whose settings hold the cursor: its table (by the header) and its written type. */
  private settingsColumn(): { column?: Column; typeChain?: string[] } {
    const f = this.top;
    const outer = f.outer;
    const table = this.enclosingTable();
    const colName = outer[0]?.value;
    const column = table?.columns.find((c) => c.name === colName);
    const typeToks: Tok[] = [];
    for (const t of outer.slice(1)) {
      if (isName(t) || t.text === '.') typeToks.push(t);
      else break;
    }
    return { column, typeChain: chainOf(typeToks) };
  }

  // ------------------------------------------------------------ items

  private keywords(): CompletionItem[] {
    return TOP_LEVEL.map((k) => ({ label: k.label, kind: 'keyword' as const, insertText: k.snippet, isSnippet: true, documentation: k.doc, detail: 'snippet' }));
  }

  private bodyKeywords(words: string[]): CompletionItem[] {
    const snippets: Record<string, string> = {
      Note: "Note: '$1'",
      indexes: 'indexes {\n\t$0\n}',
      checks: 'checks {\n\t`$0`\n}',
      Records: 'Records (${1:columns}) {\n\t$0\n}',
    };
    return words.map((w) => ({ label: w, kind: 'keyword' as const, insertText: snippets[w] ?? w, isSnippet: w in snippets }));
  }

  private types(): CompletionItem[] {
    const b = this.ws.binding();
    const dbType = b.databaseType ?? 'generic';
    const list = TYPE_CATALOG[dbType] ?? TYPE_CATALOG.generic;
    const items: CompletionItem[] = list.map((t) => ({
      label: t.name,
      kind: 'type' as const,
      detail: t.args ? `${t.name}${t.args.replace(/\$\{\d+:([^}]*)\}/g, '$1')}` : dbType,
      ...(t.args ? { insertText: `${t.name}${t.args}`, isSnippet: true } : {}),
    }));
    return [...this.enumItems(this.schema.enums, true), ...items];
  }

  private enumItems(enums: Enum[], qualify: boolean): CompletionItem[] {
    return enums.map((e) => {
      const text = qualify ? tableDisplay(this.schema, e) : formatName(e.name);
      return this.nameItem(text, 'enum', `enum: ${e.values.map((v) => v.name).join(', ')}`);
    });
  }

  private partialNames(): CompletionItem[] {
    const b = this.ws.binding();
    return b.symbols.filter((s) => s.kind === 'tablePartial').map((s) => this.nameItem(formatName(s.name), 'table', 'table partial'));
  }

  /** Tables (qualified outside the default schema), aliases and schemas; or the tables of one schema. */
  tableNames(inSchema?: string): CompletionItem[] {
    const s = this.schema;
    const items: CompletionItem[] = [];
    if (inSchema !== undefined) {
      for (const t of s.tables) if (t.schema === inSchema) items.push(this.nameItem(formatName(t.name), 'table', tableDetail(t)));
      return items;
    }
    for (const t of s.tables) items.push(this.nameItem(tableDisplay(s, t), 'table', tableDetail(t)));
    // the table being edited may be missing from the model while its text is broken
    const f = this.tableFrame();
    const chain = f?.owner === 'table' ? chainOf(headerName(f.outer.slice(1))) : undefined;
    if (chain && !this.resolveTable(chain)) {
      const [schemaName, name] = chain.length >= 2 ? chain.slice(-2) : [s.defaultSchema, chain[0]];
      items.push(this.nameItem(tableDisplay(s, { schema: schemaName, name }), 'table', 'table'));
    }
    for (const t of s.tables) if (t.alias) items.push(this.nameItem(formatName(t.alias), 'table', `alias of ${tableDisplay(s, t)}`));
    for (const name of s.schemas) if (name !== s.defaultSchema) items.push(this.nameItem(formatName(name), 'schema', 'schema'));
    return dedupe(items);
  }

  columnsOf(table: Table | undefined): CompletionItem[] {
    if (!table) return [];
    return table.columns.map((c) => {
      const settings = columnSettings(c);
      return this.nameItem(formatName(c.name), 'column', `${c.type.raw}${settings.length ? ` [${settings.join(', ')}]` : ''}`);
    });
  }

  private defaultValues(inString: boolean): CompletionItem[] {
    const { column, typeChain } = this.settingsColumn();
    const e =
      (typeChain && this.resolveEnum(typeChain)) ?? (column?.type.enumKey ? this.schema.enums.find((x) => x.key === column.type.enumKey) : undefined);
    if (e) {
      return e.values.map((v) => ({
        label: v.name,
        kind: 'enumValue' as const,
        detail: `${tableDisplay(this.schema, e)} value`,
        insertText: inString ? v.name.replace(/'/g, "\\'") : `'${v.name.replace(/'/g, "\\'")}'`,
        filterText: v.name,
      }));
    }
    if (inString) return [];
    return [
      { label: 'null', kind: 'value', detail: 'no default value' },
      { label: 'true', kind: 'value' },
      { label: 'false', kind: 'value' },
      { label: '`now()`', kind: 'value', detail: 'expression', filterText: 'now' },
    ];
  }

  private actions(value: Tok[]): CompletionItem[] {
    // `set n|` and `no a|` are two words: replace from the first one
    if (value.length > 1 || (value.length === 1 && !isWordTok(value[0]))) return [];
    if (value.length === 1 && this.cursor.kind !== 'word') return [];
    const start = value.length ? value[0].start : this.replaceSpan.start;
    const span = { start, end: this.replaceSpan.end };
    const typed = value.length ? `${value[0].value} ${this.prefix}`.toLowerCase() : this.prefix.toLowerCase();
    return REF_ACTIONS.filter((a) => !value.length || a.startsWith(typed.split(' ')[0] + ' ')).map((a) => ({
      label: a,
      kind: 'value' as const,
      replaceSpan: span,
      filterText: a,
    }));
  }

  private settingItems(specs: SettingSpec[], typed: Tok[]): CompletionItem[] {
    const span = typed.length ? { start: typed[0].start, end: this.replaceSpan.end } : this.replaceSpan;
    const typedWords = typed.map((t) => t.value.toLowerCase());
    return specs
      .filter((s) => {
        if (!typed.length) return true;
        const words = s.label.split(' ');
        return words.length > typedWords.length && typedWords.every((w, k) => words[k] === w);
      })
      .map((s) => ({
        label: s.value ? `${s.label}:` : s.label,
        kind: 'setting' as const,
        detail: s.detail,
        insertText: s.value ? `${s.label}: ` : s.label,
        replaceSpan: span,
        filterText: s.label,
      }));
  }

  /** A name item; inside `"...` the quoted spelling is inserted over the quote. */
  private nameItem(text: string, kind: CompletionKind, detail?: string): CompletionItem {
    const inQuote = this.cursor.kind === 'qword';
    // inside `"ord|` the replaced span starts at the quote, so a plain name gets its quotes back
    const insertText = inQuote && isPlainIdentifier(text) ? `"${text}"` : text;
    return {
      label: text.replace(/"((?:[^"\\]|\\.)*)"/g, (_m, inner: string) => inner.replace(/\\(.)/g, '$1')),
      kind,
      detail,
      insertText,
      filterText: inQuote ? insertText : text.replace(/"/g, ''),
    };
  }
}

// ---------------------------------------------------------------- helpers

function settingsFor(owner: SettingsOwner): SettingSpec[] {
  switch (owner) {
    case 'column':
      return COLUMN_SETTINGS;
    case 'ref':
      return REF_SETTINGS;
    case 'index':
      return INDEX_SETTINGS;
    case 'table':
      return TABLE_SETTINGS;
    case 'group':
      return GROUP_SETTINGS;
    case 'enumValue':
      return ENUM_VALUE_SETTINGS;
    default:
      return [];
  }
}

function tableDetail(t: Table): string {
  return `table · ${t.columns.length} column${t.columns.length === 1 ? '' : 's'}`;
}

function lower(t: Tok | undefined): string {
  return t && t.kind === 'word' ? t.value.toLowerCase() : '';
}

function isName(t: Tok | undefined): boolean {
  return !!t && (t.kind === 'word' || t.kind === 'qword');
}

function isWordTok(t: Tok): boolean {
  return t.kind === 'word';
}

function isRelOp(t: Tok): boolean {
  return t.kind === 'punct' && (t.text === '>' || t.text === '<' || t.text === '-' || t.text === '<>');
}

/** The tokens after the last `,` of a settings or parenthesised list. */
function lastItem(line: Tok[]): Tok[] {
  let k = line.length;
  while (k > 0 && line[k - 1].text !== ',') k--;
  return line.slice(k);
}

/** `a . b . c` as names, or undefined when the tokens are not a dotted name. */
function chainOf(toks: Tok[]): string[] | undefined {
  if (!toks.length || toks.length % 2 === 0) return undefined;
  const out: string[] = [];
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k];
    if (k % 2 === 0) {
      if (!isName(t)) return undefined;
      out.push(t.value);
    } else if (t.text !== '.') return undefined;
  }
  return out;
}

/** The longest dotted name at the end of `toks`. */
function trailingChain(toks: Tok[]): string[] | undefined {
  let k = toks.length;
  while (k > 0 && (isName(toks[k - 1]) || toks[k - 1].text === '.')) k--;
  const tail = toks.slice(k);
  while (tail.length && tail[0].text === '.') tail.shift();
  return chainOf(tail);
}

/** The table name tokens of a header (`core . users as U [...]`). */
function headerName(toks: Tok[]): Tok[] {
  const out: Tok[] = [];
  for (const t of toks) {
    if (t.kind === 'word' && t.value.toLowerCase() === 'as') break;
    if (isName(t) || t.text === '.') out.push(t);
    else break;
  }
  return out;
}

function names(toks: Tok[]): string[] | undefined {
  return chainOf(headerName(toks));
}

function uniqueBy<T>(xs: T[], pred: (x: T) => boolean): T | undefined {
  const found = xs.filter(pred);
  return found.length === 1 ? found[0] : undefined;
}

function dedupe(items: CompletionItem[]): CompletionItem[] {
  const seen = new Set<string>();
  return items.filter((it) => {
    const k = `${it.kind}:${it.label}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
