/**
 * Hover: Markdown for the name under the cursor, built from the bound model
 * (never from the syntax tree): a table's alias, note, column count and
 * relationships; a column's type, constraints, note and relationships; an
 * enum's values; a table group's tables. User text is escaped.
 */
import { languageOf, type SchemaLanguage, type Workspace } from '../workspace.js';
import type { Binding } from '../model/bind.js';
import type { Column, Enum, EnumValue, Relationship, RelationshipEnd, Schema, Table, TableGroup } from '../model/schema.js';
import type { SchemaSymbol } from '../model/symbols.js';
import type { Hover } from './types.js';
import { codeBlock, escapeMarkdown, inlineCode } from './util/markdown.js';
import { formatName } from './util/names.js';
import { queryHover, type QueryCheckFn } from './queries.js';

/**
 * Hover for the name under the cursor. In an SQL file's query statements the
 * answer comes from the query binder when `queries` (engine/query's
 * `checkQueries`) is given; without it they answer as DDL text does.
 */
export function hover(ws: Workspace, uri: string, offset: number, queries?: QueryCheckFn): Hover | null {
  if (queries) {
    const q = queryHover(ws, uri, offset, queries);
    if (q !== undefined) return q;
  }
  const hit = ws.occurrenceAt(uri, offset);
  if (!hit) return null;
  const b = ws.binding();
  const contents = symbolMarkdown(b, hit.symbol);
  return contents ? { contents, span: hit.occurrence.span } : null;
}

/** Markdown describing one symbol; exported for other features (completion docs). */
export function symbolMarkdown(b: Binding, sym: SchemaSymbol): string {
  const target = b.target(sym.id);
  const lang = languageOf(sym.uri);
  switch (target.kind) {
    case 'table':
      return tableMarkdown(b.schema, target.table, lang);
    case 'alias':
      return [`${inlineCode(sym.name)} is an alias of table ${inlineCode(tableDisplay(b.schema, target.table))}`, tableMarkdown(b.schema, target.table)].join('\n\n');
    case 'column':
      return columnMarkdown(b.schema, target.table, target.column, lang);
    case 'enum':
      return enumMarkdown(b.schema, target.enum);
    case 'enumValue':
      return enumValueMarkdown(b.schema, target.enum, target.value);
    case 'tableGroup':
      return groupMarkdown(b.schema, target.group);
    default:
      return otherMarkdown(sym);
  }
}

// ---------------------------------------------------------------- names

/** `users` in the default schema, `core.users` elsewhere, each part quoted when needed. */
export function tableDisplay(schema: Schema, t: { schema: string; name: string }): string {
  return t.schema && t.schema !== schema.defaultSchema ? `${formatName(t.schema)}.${formatName(t.name)}` : formatName(t.name);
}

function endDisplay(schema: Schema, end: RelationshipEnd): string {
  const table = tableDisplay(schema, { schema: end.schema, name: end.table });
  const cols = end.columns.map(formatName);
  return cols.length === 1 ? `${table}.${cols[0]}` : `${table}.(${cols.join(', ')})`;
}

const OP: Record<Relationship['cardinality'], string> = { 'n-1': '>', '1-n': '<', '1-1': '-', 'n-n': '<>' };

function relLine(schema: Schema, r: Relationship): string {
  const extras: string[] = [];
  if (r.onDelete) extras.push(`delete: ${r.onDelete}`);
  if (r.onUpdate) extras.push(`update: ${r.onUpdate}`);
  const tail = extras.length ? ` [${extras.join(', ')}]` : '';
  const name = r.name ? ` (${escapeMarkdown(r.name)})` : '';
  return `- ${inlineCode(`${endDisplay(schema, r.from)} ${OP[r.cardinality]} ${endDisplay(schema, r.to)}${tail}`)} ${r.cardinality}${name}`;
}

function relSections(schema: Schema, outgoing: Relationship[], incoming: Relationship[]): string[] {
  const parts: string[] = [];
  if (outgoing.length) parts.push(['**References**', ...outgoing.map((r) => relLine(schema, r))].join('\n'));
  if (incoming.length) parts.push(['**Referenced by**', ...incoming.map((r) => relLine(schema, r))].join('\n'));
  return parts;
}

function note(text: string | undefined): string[] {
  return text && text.trim() ? [escapeMarkdown(text.trim())] : [];
}

// ---------------------------------------------------------------- kinds

export function tableMarkdown(schema: Schema, t: Table, lang: SchemaLanguage = 'dbml'): string {
  const head =
    lang === 'sql'
      ? `${t.isView ? 'VIEW' : 'TABLE'} ${t.schema && t.schema !== schema.defaultSchema ? `${t.schema}.` : ''}${t.name}`
      : lang === 'prisma'
        ? `${t.isView ? 'view' : t.settings.compositeType ? 'type' : 'model'} ${t.settings.prismaName ?? t.name}${t.settings.prismaName && t.settings.prismaName !== t.name ? `  // table ${t.name}` : ''}`
        : `Table ${tableDisplay(schema, t)}${t.alias ? ` as ${formatName(t.alias)}` : ''}`;
  const n = t.columns.length;
  const facts = [`${n} column${n === 1 ? '' : 's'}`];
  const pk = t.columns.filter((c) => c.primaryKey).map((c) => c.name);
  if (!pk.length) {
    const idx = t.indexes.find((i) => i.primaryKey);
    if (idx) for (const p of idx.parts) if (p.column) pk.push(p.column);
  }
  if (pk.length) facts.push(`primary key ${inlineCode(pk.map(formatName).join(', '))}`);
  if (t.indexes.length) facts.push(`${t.indexes.length} index${t.indexes.length === 1 ? '' : 'es'}`);
  // self-references appear in both lists on purpose: the table is on both ends
  const outgoing = schema.relationships.filter((r) => r.from.tableKey === t.key);
  const incoming = schema.relationships.filter((r) => r.to.tableKey === t.key);
  return [codeBlock(lang, head), ...note(t.note), facts.join(' · '), ...relSections(schema, outgoing, incoming)].join('\n\n');
}

/** `pk`, `unique`, `not null`, ... as DBML settings, in a fixed order. */
export function columnSettings(c: Column): string[] {
  const s: string[] = [];
  if (c.primaryKey) s.push('pk');
  if (c.autoIncrement) s.push('increment');
  if (c.unique) s.push('unique');
  if (!c.nullable && !c.primaryKey) s.push('not null');
  else if (c.nullable && c.nullabilityExplicit) s.push('null');
  if (c.default) s.push(`default: ${defaultText(c)}`);
  return s;
}

function defaultText(c: Column): string {
  const d = c.default!;
  switch (d.kind) {
    case 'string':
    case 'enum':
      return `'${d.value.replace(/'/g, "\\'")}'`;
    case 'expression':
      return `\`${d.value}\``;
    default:
      return d.value;
  }
}

/** A column as its own language writes it. */
function columnDecl(c: Column, lang: SchemaLanguage): string {
  if (lang === 'sql') {
    const parts = [c.name, c.type.raw];
    if (c.primaryKey) parts.push('PRIMARY KEY');
    else if (!c.nullable) parts.push('NOT NULL');
    if (c.unique && !c.primaryKey) parts.push('UNIQUE');
    if (c.autoIncrement) parts.push('-- auto-increment');
    if (c.default) parts.splice(parts.length - (c.autoIncrement ? 1 : 0), 0, `DEFAULT ${c.default.kind === 'string' ? `'${c.default.value.replace(/'/g, "''")}'` : c.default.value}`);
    return parts.join(' ');
  }
  if (lang === 'prisma') {
    const name = c.settings.prismaName ?? c.name;
    const type = c.settings.prismaType ?? c.type.raw;
    const attrs: string[] = [];
    if (c.primaryKey) attrs.push('@id');
    if (c.unique) attrs.push('@unique');
    if (name !== c.name) attrs.push(`@map("${c.name}")`);
    return `${name} ${type}${attrs.length ? ` ${attrs.join(' ')}` : ''}`;
  }
  const settings = columnSettings(c);
  return `${formatName(c.name)} ${c.type.raw}${settings.length ? ` [${settings.join(', ')}]` : ''}`;
}

export function columnMarkdown(schema: Schema, t: Table, c: Column, lang: SchemaLanguage = 'dbml'): string {
  const decl = columnDecl(c, lang);
  const facts = [`Column of table ${inlineCode(tableDisplay(schema, t))}`];
  if (c.type.enumKey) {
    const e = schema.enums.find((x) => x.key === c.type.enumKey);
    if (e) facts.push(`enum ${inlineCode(tableDisplay(schema, e))}: ${e.values.map((v) => inlineCode(v.name)).join(', ')}`);
  }
  const has = (end: RelationshipEnd) => end.tableKey === t.key && end.columns.includes(c.name);
  const outgoing = schema.relationships.filter((r) => has(r.from));
  const incoming = schema.relationships.filter((r) => has(r.to));
  return [codeBlock(lang, decl), ...note(c.note), facts.join('\n\n'), ...relSections(schema, outgoing, incoming)].join('\n\n');
}

function enumMarkdown(schema: Schema, e: Enum): string {
  const values = e.values.map((v) => `- ${inlineCode(v.name)}${v.note ? ` — ${escapeMarkdown(v.note)}` : ''}`);
  const used = usesOfEnum(schema, e);
  const parts = [codeBlock('dbml', `Enum ${tableDisplay(schema, e)}`), ...note(e.note)];
  parts.push(values.length ? [`**Values** (${values.length})`, ...values].join('\n') : '_No values_');
  if (used.length) parts.push(`Used by ${used.map(inlineCode).join(', ')}`);
  return parts.join('\n\n');
}

function usesOfEnum(schema: Schema, e: Enum): string[] {
  const out: string[] = [];
  for (const t of schema.tables) for (const c of t.columns) if (c.type.enumKey === e.key) out.push(`${tableDisplay(schema, t)}.${formatName(c.name)}`);
  return out;
}

function enumValueMarkdown(schema: Schema, e: Enum, v: EnumValue): string {
  return [codeBlock('dbml', formatName(v.name)), ...note(v.note), `Value of enum ${inlineCode(tableDisplay(schema, e))}`].join('\n\n');
}

function groupMarkdown(schema: Schema, g: TableGroup): string {
  const names = g.tables.map((key) => {
    const t = schema.tables.find((x) => x.key === key);
    return `- ${inlineCode(t ? tableDisplay(schema, t) : key)}`;
  });
  const parts = [codeBlock('dbml', `TableGroup ${formatName(g.name)}`), ...note(g.note)];
  parts.push(names.length ? [`**Tables** (${names.length})`, ...names].join('\n') : '_No tables_');
  return parts.join('\n\n');
}

const KIND_LABEL: Record<string, string> = {
  schema: 'Schema',
  tablePartial: 'TablePartial',
  note: 'Note',
  project: 'Project',
  ref: 'Ref',
  index: 'Index',
};

function otherMarkdown(sym: SchemaSymbol): string {
  const head = `${KIND_LABEL[sym.kind] ?? sym.kind} ${sym.qualifiedName || sym.name}`;
  return [codeBlock('dbml', head), ...(sym.detail ? [escapeMarkdown(sym.detail)] : [])].join('\n\n');
}
