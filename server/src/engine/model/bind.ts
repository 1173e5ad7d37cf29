/**
 * Binding: all files of a workspace into one Schema, with the symbol index
 * (every declaration and every occurrence of a name, across files) and the
 * cross-file diagnostics: unknown, ambiguous and duplicate names, refs to
 * missing columns, refs between incompatible types, TablePartial injection.
 *
 * Names resolve like DBML: `users` is `public.users` or an alias; `core.users`
 * is schema `core`; `users.id` in a ref endpoint is a column. Never throws.
 *
 * Incremental in two ways. A full run reuses, through the BindCache, every table
 * build and ref unit whose inputs are the same objects. A delta rebind (Binder.delta)
 * goes further when one table block of one DBML file changed without changing its
 * interface (key, alias, partials, having inline refs): it rebuilds that table and
 * the ref units that looked it up, and re-issues the rest of the last binding by
 * identity, so a keystroke costs what the table and its refs cost, not the file.
 */
import type { Diagnostic } from '../diagnostics.js';
import { blockBase, blockText, spanBetween, type Span } from '../text/span.js';
import type { SourceFile, WorkspaceOptions } from '../workspace.js';
import type {
  ColumnDecl,
  EnumDecl,
  Expr,
  Ident,
  IndexDecl,
  QName,
  RefDecl,
  RefEndpointDecl,
  RelOp,
  SettingItem,
  TableDecl,
  TablePartialDecl,
} from '../syntax/dbml/ast.js';
import { exprText } from '../syntax/dbml/interpret.js';
import { sharedDefault, COMPACT_ARRAY, COMPACT_INCREMENT, COMPACT_NOT_NULL, COMPACT_NULL, COMPACT_PK, COMPACT_QUOTED, COMPACT_UNIQUE, compactDecl, compactInlineRef, compactIndexBound, compactNameIdent, compactRefBound, identNode, isCompactColumnDecl, isCompactIndexDecl, isCompactRefDecl, type CompactColumn, type CompactColumnDecl, type CompactIndexLine, type CompactRefNode } from '../syntax/dbml/nodes.js';
import {
  emptySchema,
  qualifiedKey,
  type Cardinality,
  type Column,
  type ColumnDefault,
  type ColumnType,
  type DatabaseType,
  type Enum,
  type EnumValue,
  type Index,
  type RefAction,
  type Relationship,
  type Schema,
  type SourceRef,
  type Table,
  type TableGroup,
} from './schema.js';
import type { Occurrence, SchemaSymbol, SymbolKind } from './symbols.js';
import { normaliseType, typesCompatible } from './types.js';
import { closestNames } from './suggest.js';
import { interpretSql, SqlInterpretCache, type SqlDialect, type SqlFile, type SqlInterpretation, type SqlName } from '../syntax/sql/index.js';
import { interpretPrisma, type PrismaFile, type PrismaInterpretation, type PrismaName } from '../syntax/prisma/index.js';

/** What a symbol stands for in the model. */
export type SymbolTarget =
  | { kind: 'table'; table: Table }
  | { kind: 'column'; table: Table; column: Column }
  | { kind: 'enum'; enum: Enum }
  | { kind: 'enumValue'; enum: Enum; value: EnumValue }
  | { kind: 'tableGroup'; group: TableGroup }
  | { kind: 'alias'; table: Table }
  | { kind: 'other' };

export interface Binding {
  /** everything bound, DBML, SQL and Prisma together */
  schema: Schema;
  /** the schema of each unit bound on its own (all DBML files; each SQL migrations folder or file; each Prisma folder) */
  parts: Schema[];
  databaseType: DatabaseType;
  /** every symbol of this binding (ids are stable across bindings while their declaration is unchanged) */
  readonly symbols: SchemaSymbol[];
  symbol(id: number): SchemaSymbol | undefined;
  /** binding diagnostics per file */
  diagnosticsByUri: Map<string, Diagnostic[]>;
  /** every occurrence per file, sorted by span start (built on first use) */
  readonly occurrencesByUri: Map<string, Occurrence[]>;
  /** a symbol's occurrences, definition first */
  occurrencesOf(id: number): Occurrence[];
  occurrenceAt(uri: string, offset: number): Occurrence | undefined;
  target(symbolId: number): SymbolTarget;
  /** symbol id of a table by its model key (`schema.name`) */
  tableSymbol(key: string): number | undefined;
  /** symbol id of a column by `schema.table.column` key */
  columnSymbol(key: string): number | undefined;
}

/** Binding diagnostic codes (documented in docs/rules.md). */
export const BindCodes = {
  unknownTable: 'BIND001',
  unknownColumn: 'BIND002',
  unknownEnum: 'BIND003',
  duplicateTable: 'BIND004',
  duplicateName: 'BIND005',
  ambiguousName: 'BIND006',
  incompatibleTypes: 'BIND007',
  unknownPartial: 'BIND008',
  duplicateRef: 'BIND009',
  sameEndpoints: 'BIND010',
  groupMembership: 'BIND011',
} as const;

const DATABASE_TYPES: Record<string, DatabaseType> = {
  postgresql: 'postgres',
  postgres: 'postgres',
  mysql: 'mysql',
  mariadb: 'mysql',
  sqlite: 'sqlite',
  'sql server': 'mssql',
  sqlserver: 'mssql',
  mssql: 'mssql',
  oracle: 'oracle',
};

const ACTIONS: Record<string, RefAction> = { cascade: 'cascade', restrict: 'restrict', 'set null': 'set null', 'set default': 'set default', 'no action': 'no action' };

/** What building one table produced: reused while its declaration and what it depends on are unchanged. */
interface TableBuild {
  /** the binding generation that last used this build (its symbols are live in that binding) */
  gen: number;
  /** the environment (enums and partials) its dependencies were last checked against */
  env: number;
  /**
   * the enums and partials the build was made (or last checked) against: when they have changed
   * since, the build holds while every name its declaration could resolve (`depKeysOf`) resolves
   * there as it does now (computed then, not at every build: most builds are never rechecked)
   */
  scope: BindScope;
  table: Table;
  columns: ColumnIds;
  columnOrigin: Map<string, TablePartialDecl>;
  /** targets of the partials' column symbols this table injects (the first table injecting one wins) */
  partialTargets: [number, SymbolTarget][];
  occurrences: Occurrence[];
  diagnostics: Diagnostic[];
  /** how many symbols the build declared in the registry (its column block's are not counted) */
  symbolCount: number;
  /** a table without partials: its own columns' symbols, made on demand */
  block: ColumnBlock | undefined;
}

/**
 * The column symbols of one table build without partials (most tables), made only
 * when a feature asks for one: column declaration `i` has symbol `first + i`, its
 * definition occurrence is its name. Binding then makes no symbol, symbol record,
 * target, key strings or definition occurrence per column (about a quarter of what
 * binding 1,000 tables allocated). Immutable once made, but for the objects it caches.
 */
interface ColumnBlock {
  first: number;
  /** the build it belongs to: live while that build is */
  owner: TableBuild;
  uri: string;
  decls: readonly ColumnDecl[];
  /** the model column made from each declaration (a repeated name's earlier one is not in the table) */
  columns: Column[];
  table: Table;
  /** the table's symbol */
  parent: number;
  /** `schema.table.` as shown and as keyed */
  shownPrefix: string;
  keyPrefix: string;
  /** made on demand, by index */
  symbols: (SchemaSymbol | undefined)[] | undefined;
  /** the definition occurrences, made on demand */
  occurrences: Occurrence[] | undefined;
}

/** A relationship waiting for the duplicate check (which every binding redoes, in order). */
interface PendingRel {
  rel: Relationship;
  dupKey: string;
  uri: string;
  span: Span;
}

/**
 * What binding one Ref (or one table's inline refs) produced: reused while every
 * table name it looked up resolves to the same table builds.
 */
interface RefBuild {
  /** table lookups, flat: three entries each (table key, alias name or '', report) */
  lookups: (string | boolean)[];
  deps: unknown[];
  /** some lookup found no table (its diagnostic's suggestions depend on every table name) */
  unknown: boolean;
  occurrences: Occurrence[];
  diagnostics: Diagnostic[];
  rels: PendingRel[];
}

/** A symbol in the cache's registry: live in a binding when it or its table build was used by it. */
interface SymbolRecord {
  symbol: SchemaSymbol;
  gen: number;
  target: SymbolTarget;
  owner?: TableBuild;
}

/**
 * What one binding leaves for the next: symbols per declaring name (so ids are
 * stable), each table's build and ref unit's build, and the last full run's
 * binder for delta rebinds. Held by the Workspace across edits; a keystroke in
 * one table rebuilds that table and rebinds the refs that name it.
 */
/** Adds slot `i` to a name's slots in `Binder.slotsByName` (once). */
function addSlot(index: Map<string, number | number[]>, key: string, i: number): void {
  const cur = index.get(key);
  if (cur === undefined) index.set(key, i);
  else if (typeof cur === 'number') {
    if (cur !== i) index.set(key, [cur, i]);
  } else if (cur[cur.length - 1] !== i && !cur.includes(i)) {
    // a new array of the exact length: `push` would leave room for 16 more on each name's list
    const next = new Array<number>(cur.length + 1);
    for (let k = 0; k < cur.length; k++) next[k] = cur[k];
    next[cur.length] = i;
    index.set(key, next);
  }
}

/** A name's slots in `Binder.slotsByName`. */
function slotsOf(index: Map<string, number | number[]>, key: string): readonly number[] {
  const cur = index.get(key);
  return cur === undefined ? NO_SLOTS : typeof cur === 'number' ? [cur] : cur;
}

const NO_SLOTS: readonly number[] = [];

export class BindCache {
  /** @internal */ nextId = 0;
  /** @internal */ gen = 0;
  /** @internal changes whenever an enum or partial is added, removed or changed */
  env = 0;
  /** @internal what `env` stands for: enum keys and symbols, partial names and declarations */
  envDeps: unknown[] = [];
  /** @internal */ readonly symbolsByName = new WeakMap<Span, SchemaSymbol>();
  /** @internal every symbol ever made, by id; dead ones are swept when they outnumber the live ones */
  readonly registry = new Map<number, SymbolRecord>();
  /** @internal */ live = 0;
  /** @internal */ readonly tables = new WeakMap<TableDecl, TableBuild>();
  /** @internal the column blocks by first id (ascending, at most one per first id); dead ones are swept */
  blocks: ColumnBlock[] = [];
  /** @internal did-you-mean candidates of unknown table names, with the table names they were chosen from */
  readonly tableSuggestions = new Map<string, { names: string; suggestions: string[] }>();
  /** @internal a Ref's, or a table's inline refs', build */
  readonly refs = new WeakMap<object, RefBuild>();
  /** @internal SQL and Prisma interpretations, reused while their files' parses are the same objects */
  readonly units = new Map<string, { inputs: unknown[]; result: SqlInterpretation | PrismaInterpretation }>();
  /** @internal per SQL unit, what a keystroke's re-interpretation patches instead of replaying every statement */
  readonly sqlInterpret = new Map<string, SqlInterpretCache>();
  /** @internal the enum keys and partial names a table declaration's own columns name */
  readonly tableKeys = new WeakMap<TableDecl | TablePartialDecl, string[]>();
  /**
   * @internal the generation of the last full run: a symbol is live when it (or its table build) was
   * used since then and not retired by a delta rebind since (a retired one gets generation -1)
   */
  liveFrom = 0;
  /** @internal the last full run's binder, which a delta rebind continues from */
  last: Binder | undefined;
  /** how many bindings were full runs and how many delta rebinds (tests and benchmarks read them) */
  readonly stats = { full: 0, delta: 0 };

  /** @internal */
  isLive(r: SymbolRecord): boolean {
    return r.owner !== undefined ? r.owner.gen >= this.liveFrom : r.gen >= this.liveFrom;
  }

  /** @internal drops records and blocks no binding can reach any more */
  sweep(): void {
    let dead = 0;
    for (const b of this.blocks) if (b.owner.gen < this.liveFrom) dead++;
    if (dead > 256 && 2 * dead > this.blocks.length) this.blocks = this.blocks.filter((b) => b.owner.gen >= this.liveFrom);
    if (this.registry.size < 2 * this.live + 1024) return;
    for (const [id, r] of this.registry) if (!this.isLive(r)) this.registry.delete(id);
  }

  /** @internal the block that holds column symbol `id`, live or not */
  blockOf(id: number): ColumnBlock | undefined {
    const bl = this.blocks;
    let lo = 0;
    let hi = bl.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const b = bl[mid];
      if (id < b.first) hi = mid - 1;
      else if (id >= b.first + b.decls.length) lo = mid + 1;
      else return b;
    }
    return undefined;
  }

  /** @internal registers a block; one with the first id of an earlier block (the same declaration rebuilt) replaces it */
  addBlock(block: ColumnBlock): void {
    const bl = this.blocks;
    if (bl.length === 0 || bl[bl.length - 1].first < block.first) {
      bl.push(block);
      return;
    }
    let lo = 0;
    let hi = bl.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (bl[mid].first < block.first) lo = mid + 1;
      else hi = mid;
    }
    if (lo < bl.length && bl[lo].first === block.first) bl[lo] = block;
    else bl.splice(lo, 0, block);
  }

  /** @internal is the block's build used by the current binding (or, during a delta, not replaced)? */
  blockLive(b: ColumnBlock): boolean {
    return b.owner.gen >= this.liveFrom;
  }
}

/** A table's column symbols by name: a Map, or for a column block its columns' ids (BlockColumnIds). */
interface ColumnIds {
  get(name: string): number | undefined;
  has(name: string): boolean;
  keys(): Iterable<string>;
  [Symbol.iterator](): Iterator<[string, number]>;
}

/**
 * The column symbols of a column block by name, without a Map per table: column `i` of the block is
 * id `first + i`, found by a scan of the block's columns (a Map is built once a table is wide).
 */
class BlockColumnIds implements ColumnIds {
  private map: Map<string, number> | undefined;
  constructor(private readonly block: ColumnBlock) {}

  /** the id of the block's first column */
  get first(): number {
    return this.block.first;
  }

  get(name: string): number | undefined {
    const cols = this.block.columns;
    if (cols.length > 24) {
      if (!this.map) {
        this.map = new Map();
        for (let i = 0; i < cols.length; i++) this.map.set(cols[i].name, this.block.first + i);
      }
      return this.map.get(name);
    }
    for (let i = 0; i < cols.length; i++) if (cols[i].name === name) return this.block.first + i;
    return undefined;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  *keys(): IterableIterator<string> {
    for (const c of this.block.columns) yield c.name;
  }

  *[Symbol.iterator](): IterableIterator<[string, number]> {
    const { columns, first } = this.block;
    for (let i = 0; i < columns.length; i++) yield [columns[i].name, first + i];
  }
}

/** The column ids of a table whose columns are not bound yet (ownColumns or mergedColumns sets its own). */
const NO_COLUMN_IDS: ColumnIds = new Map<string, number>();

/** Column symbol `id` of block `b`, made on first use. */
function blockSymbol(b: ColumnBlock, id: number): SchemaSymbol {
  const i = id - b.first;
  const syms = (b.symbols ??= new Array<SchemaSymbol | undefined>(b.decls.length));
  let sym = syms[i];
  if (!sym) {
    const c = b.decls[i];
    // a compact column's name and span from its line and its model column (its ident is not made)
    const name = isCompactColumnDecl(c) ? c.line.cname : c.name.text;
    const nameSpan = isCompactColumnDecl(c) ? b.columns[i].source!.nameSpan : c.name.span;
    sym = syms[i] = { id, kind: 'column', name, qualifiedName: b.shownPrefix + name, uri: b.uri, nameSpan, span: c.span, parent: b.parent, detail: b.columns[i].type.raw, key: b.keyPrefix + name };
  }
  return sym;
}

/** The definition occurrences of a block's columns, made on first use. */
function blockOccurrences(b: ColumnBlock): Occurrence[] {
  if (!b.occurrences) {
    const out: Occurrence[] = new Array(b.decls.length);
    for (let i = 0; i < b.decls.length; i++) {
      const c = b.decls[i];
      if (isCompactColumnDecl(c)) {
        out[i] = { uri: b.uri, span: b.columns[i].source!.nameSpan, symbol: b.first + i, isDefinition: true, quoted: (c.line.bits & COMPACT_QUOTED) !== 0 };
        continue;
      }
      const n = c.name;
      out[i] = { uri: b.uri, span: n.span, symbol: b.first + i, isDefinition: true, quoted: n.quoted };
    }
    b.occurrences = out;
  }
  return b.occurrences;
}



interface TableEntry {
  table: Table;
  symbol: number;
  decl: TableDecl;
  uri: string;
  /** column name -> column symbol */
  columns: ColumnIds;
  /** column name -> the partial that provides it (absent: the table's own column) */
  columnOrigin: Map<string, TablePartialDecl>;
  /** a valid build from an earlier binding, replayed instead of rebuilding */
  reuse?: TableBuild;
  /** the build this binding uses (set when the table's internals are bound) */
  build?: TableBuild;
  /** index in `Binder.entries` (and in the DBML part's tables) */
  pos: number;
  /** index of the table's definition occurrence in `Binder.occurrences` (its alias's follows) */
  occPos: number;
  /** index in `Binder.slots` of the table's inline refs (-1: none) */
  inlineSlot: number;
}

/**
 * One unit of the refs phase, in binding order: a Ref, one table's inline refs,
 * or a TablePartial's inline refs (checked and injected; never cached).
 * Immutable once made: a delta rebind replaces slots, never changes them.
 */
interface RefSlot {
  kind: 'ref' | 'inline' | 'partial';
  owner: RefDecl | TableDecl | TablePartialDecl;
  uri: string;
  build: RefBuild;
  /** duplicate-ref diagnostics of the build's relationships (the check runs in slot order) */
  dups: Diagnostic[];
}

const NO_DIAGS: Diagnostic[] = Object.freeze([]) as unknown as Diagnostic[];
/** A DBML column's settings and checks when it has none (most columns): shared, frozen (the model is read-only after binding). */
const NO_SETTINGS: Record<string, string> = Object.freeze({}) as Record<string, string>;
/** an inline ref's settings: it has none */
const NO_REF_SETTINGS: SettingItem[] = Object.freeze([]) as unknown as SettingItem[];
const NO_CHECKS: string[] = Object.freeze([]) as unknown as string[];
/** The column origins of a table without partials (never written: only mergedColumns writes origins). */
const NO_ORIGIN: Map<string, TablePartialDecl> = new Map();

/** What a binding's table builds resolve names against: its enums, partials and name lists (never changed once collected). */
interface BindScope {
  enums: Map<string, { symbol: number }>;
  partials: Map<string, PartialEntry>;
  namesVersion: string;
}

/** What a dependency key resolves to in a scope: an enum's symbol, a partial's declaration, the name lists. */
function resolveIn(scope: BindScope, k: string): unknown {
  const kind = k.charCodeAt(0);
  if (kind === 101 /* e */) return scope.enums.get(stripKind(k))?.symbol;
  if (kind === 112 /* p */) return scope.partials.get(stripKind(k))?.decl;
  return scope.namesVersion;
}

interface PartialEntry {
  decl: TablePartialDecl;
  uri: string;
  symbol: number;
  columns: Map<string, number>;
}


class Binder {
  schema: Schema = emptySchema('public');
  parts: Schema[] = [];
  /** occurrences of the collect phase (project, enums, partials, table names and aliases) */
  occurrences: Occurrence[] = [];
  /** diagnostics of the collect phase */
  headDiags: Diagnostic[] = [];
  /** occurrences and diagnostics of table groups, notes and records */
  groupOccs: Occurrence[] = [];
  groupDiags: Diagnostic[] = [];
  /** the symbols the groups phase declared (a delta that redoes it retires them first) */
  groupSymbolIds: number[] = [];
  /** while set, every symbol declared is noted here */
  private symbolLog: number[] | undefined;
  /** occurrences and diagnostics of the SQL and Prisma units */
  foreignOccs: Occurrence[] = [];
  foreignDiags: Diagnostic[] = [];
  /** where occurrences and diagnostics made outside a table or ref build go */
  private occSink: Occurrence[] = this.occurrences;
  private diagSink: Diagnostic[] = this.headDiags;
  /** the registered tables in binding order */
  entries: TableEntry[] = [];
  /** the refs phase's units in binding order */
  slots: RefSlot[] = [];
  /** keys of tables declared more than once */
  readonly dupTableKeys = new Set<string>();
  /** aliases declared by more than one table (the later ones' diagnostics name the first's table) */
  readonly aliasClashes = new Set<string>();
  /** a TablePartial has inline refs (they bind against every table injecting it: no delta then) */
  hasPartialRefs = false;
  /** some unit's relationship duplicates an earlier one */
  hasDups = false;
  /** table keys and `@names` that Records blocks looked up */
  private recordNames = new Set<string>();
  /** the last binding's diagnostics (a delta that changes none re-issues them) */
  private diagMap: Map<string, Diagnostic[]> | undefined;
  private segs: { rank: number; list: Diagnostic[] }[] | undefined;
  /**
   * table key or `@alias` -> the slots whose lookups named it (built by the first delta; may hold extra slots):
   * one slot as a number, more as an array of the exact length (at 5,000 tables a Set per name was 8,500 Sets, 1.8 MB;
   * these take 0.9 MB)
   */
  private slotsByName: Map<string, number | number[]> | undefined;
  /** while a table is built: the build its symbols, occurrences and diagnostics are recorded in */
  private capture: TableBuild | undefined;
  /** while a table is rebuilt from the same declaration: its previous build's symbols by name span */
  private prevSymbols: Map<Span, SchemaSymbol> | undefined;
  /** while a ref is bound: the build its lookups, occurrences, diagnostics and relationships are recorded in */
  private refCapture: RefBuild | undefined;
  private seenRels = new Map<string, PendingRel>();
  /** relationships are checked for duplicates as they are made (a partial's), not after their unit */
  private checkNow = false;
  private tableNamesMemo: string | undefined;
  /** enum keys and partial names joined: a table whose diagnostics suggest names depends on it */
  private namesVersion = '';
  /** this binding's enums, partials and name lists, as table builds record them */
  private scope: BindScope = { enums: new Map(), partials: new Map(), namesVersion: '' };
  /** the registered tables by key, in binding order (a renaming delta makes a new map) */
  tables = new Map<string, TableEntry>();
  /** the registered (non-duplicate) tables by declaration */
  readonly entryOf = new Map<TableDecl, TableEntry>();
  readonly aliases = new Map<string, { entry: TableEntry; symbol: number }>();
  readonly enums = new Map<string, { enum: Enum; symbol: number; values: Map<string, number> }>();
  readonly partials = new Map<string, PartialEntry>();
  databaseType: DatabaseType;

  constructor(
    public files: SourceFile[],
    readonly options: WorkspaceOptions,
    readonly cache: BindCache,
  ) {
    this.databaseType = options.defaultDatabaseType ?? 'generic';
  }

  /**
   * Model keys of one-part names (`public.<name>`) and their enum dependency keys, per binding:
   * every column type and ref endpoint looks one up, most of them the same few names. Not kept
   * across bindings: a name is a slice of its file's text, and a long-lived memo would keep old texts alive.
   */
  private readonly publicKeys = new Map<string, string>();
  private readonly publicEnumKeys = new Map<string, string>();

  publicKey(name: string): string {
    let k = this.publicKeys.get(name);
    if (k === undefined) this.publicKeys.set(name, (k = qualifiedKey('public', name)));
    return k;
  }

  publicEnumKey(name: string): string {
    let k = this.publicEnumKeys.get(name);
    if (k === undefined) this.publicEnumKeys.set(name, (k = `e:${this.publicKey(name)}`));
    return k;
  }

  /** identical diagnostics (a partial's ref checked once per injection) are reported once */
  private readonly diagKeys = new Set<string>();

  diag(uri: string, span: Span, severity: Diagnostic['severity'], code: string, message: string, extra: Partial<Diagnostic> = {}): void {
    const d = this.makeDiag(uri, span, severity, code, message, extra);
    if (!d) return;
    const into = this.capture ?? this.refCapture;
    if (into) into.diagnostics.push(d);
    else this.diagSink.push(d);
  }

  /** A diagnostic, or undefined when the same one was already reported by this binding. */
  private makeDiag(uri: string, span: Span, severity: Diagnostic['severity'], code: string, message: string, extra: Partial<Diagnostic>): Diagnostic | undefined {
    const k = `${uri}\u0000${span.start}\u0000${span.end}\u0000${code}\u0000${message}`;
    if (this.diagKeys.has(k)) return undefined;
    this.diagKeys.add(k);
    // spans are shared, not copied: a cached table's diagnostics move with its block
    return { uri, span, severity, code, message, ...extra };
  }

  /**
   * The symbol declared by the name at `nameSpan`: the same object (and id) as in
   * earlier bindings while that declaration's block is unchanged.
   */
  symbol(kind: SymbolKind, name: string, qualifiedName: string, key: string, uri: string, nameSpan: Span, span: Span, target: SymbolTarget, parent?: number, detail?: string): number {
    // a table build's (column) symbols come from the previous build of the same declaration, if any
    let sym = this.capture ? this.prevSymbols?.get(nameSpan) : this.cache.symbolsByName.get(nameSpan);
    let rec = sym && this.cache.registry.get(sym.id);
    if (!sym || !rec || sym.kind !== kind || sym.key !== key || sym.parent !== parent) {
      sym = { id: this.cache.nextId++, kind, name, qualifiedName, uri, nameSpan, span, parent, detail, key };
      if (!this.capture) this.cache.symbolsByName.set(nameSpan, sym);
      rec = { symbol: sym, gen: this.cache.gen, target, owner: this.capture };
      this.cache.registry.set(sym.id, rec);
    } else sym.detail = detail;
    rec.target = target;
    rec.gen = this.cache.gen;
    rec.owner = this.capture;
    if (this.capture) this.capture.symbolCount++;
    else this.cache.live++;
    this.symbolLog?.push(sym.id);
    return sym.id;
  }

  occ(uri: string, ident: Ident, symbol: number, isDefinition = false): void {
    const o: Occurrence = { uri, span: ident.span, symbol, isDefinition, quoted: ident.quoted };
    ((this.capture ?? this.refCapture)?.occurrences ?? this.occSink).push(o);
  }

  src(uri: string, nameSpan: Span, span: Span): SourceRef {
    return { uri, nameSpan, span };
  }

  run(): Binding {
    const cache = this.cache;
    cache.gen++;
    cache.liveFrom = cache.gen;
    cache.live = 0;
    for (const f of this.files) this.collectProject(f);
    for (const f of this.files) this.collectEnums(f);
    for (const f of this.files) this.collectPartials(f);
    this.namesVersion = [...this.enums.keys(), '', ...this.partials.keys()].join('\u0000');
    this.scope = { enums: this.enums, partials: this.partials, namesVersion: this.namesVersion };
    this.updateEnv();
    for (const f of this.files) this.collectTables(f);
    for (const f of this.files) this.bindTableInternals(f);
    for (const f of this.files) this.bindRefs(f);
    this.bindGroups();
    this.schema.schemas = [...new Set(['public', ...this.schema.tables.map((t) => t.schema), ...this.schema.enums.map((e) => e.schema)])];
    this.parts.push({ ...this.schema, tables: [...this.schema.tables], relationships: [...this.schema.relationships], enums: [...this.schema.enums] });
    this.occSink = this.foreignOccs;
    this.diagSink = this.foreignDiags;
    this.bindForeign();
    cache.last = this;
    return this.finish();
  }

  /**
   * Continues from this binder's last binding when the files differ from it by one
   * declaration of one DBML file, of a kind whose dependents are known:
   * - a table whose interface (key, alias, no partials, having inline refs) is unchanged:
   *   that table is rebuilt and the ref units that looked it up are rebound;
   * - a Ref: that unit is rebound;
   * - a TableGroup or a sticky Note: the groups phase is redone.
   * Then the duplicate-ref check and the diagnostics are brought up to date, and
   * everything else is reused by identity. Returns undefined, having changed nothing,
   * for any other change: the caller runs a full binding.
   */
  delta(files: SourceFile[]): Binding | undefined {
    const old = this.files;
    if (files.length !== old.length || this.hasPartialRefs) return undefined;
    let fi = -1;
    for (let i = 0; i < files.length; i++) {
      if (files[i] === old[i]) continue;
      if (fi >= 0 || files[i].uri !== old[i].uri || files[i].language !== 'dbml' || old[i].language !== 'dbml') return undefined;
      fi = i;
    }
    if (fi < 0) return undefined;
    const od = old[fi].dbml.decls;
    const nd = files[fi].dbml.decls;
    if (od.length !== nd.length) return undefined;
    let k = -1;
    for (let i = 0; i < od.length; i++) {
      if (od[i] === nd[i]) continue;
      if (k >= 0) return undefined;
      k = i;
    }
    const cache = this.cache;
    if (k < 0) {
      // the declarations are the same objects (an edit between blocks): the same binding, re-issued
      cache.gen++;
      this.files = files;
      return this.finish();
    }
    const o = od[k];
    const n = nd[k];
    const uri = files[fi].uri;
    // what to redo, decided before anything changes
    let slot = -1;
    if (o.kind === 'table' && n.kind === 'table') {
      if (!this.tableDeltaApplies(o, n)) return undefined;
    } else if (o.kind === 'ref' && n.kind === 'ref') {
      slot = this.slots.findIndex((x) => x.owner === o);
      if (slot < 0) return undefined;
    } else if (!((o.kind === 'tableGroup' && n.kind === 'tableGroup') || (o.kind === 'note' && n.kind === 'note'))) return undefined;

    cache.gen++;
    this.files = files;
    this.diagKeys.clear();
    // the diagnostics lists that change, by rank (see segments)
    const changes = new Map<number, Diagnostic[]>();
    const changed = (rank: number, before: Diagnostic[], after: Diagnostic[]): void => {
      if (before.length || after.length) changes.set(rank, after);
    };
    // units to rebind: slot -> its new owner
    const redo = new Map<number, RefSlot['owner']>();
    const part = this.parts[0];
    let dbmlTables = part.tables;
    let regroup = o.kind !== 'table' && o.kind !== 'ref';
    /** table and alias symbol ids that a table's rebuild renewed (group members naming them follow) */
    const renamed = new Map<number, number>();
    if (o.kind === 'table' && n.kind === 'table') {
      const entry = this.entryOf.get(o)!;
      const oldKey = entry.table.key;
      const index = this.slotIndex();
      const ne = this.replaceTable(uri, entry, n, changed, renamed);
      if (ne.table.key !== oldKey) {
        // a rename: what looked up the old name or the new one, and every lookup that found no table
        // (its suggestions come from the table names), binds again; so do groups and records
        for (const i of slotsOf(index, oldKey)) redo.set(i, this.slots[i].owner);
        for (const i of slotsOf(index, '?')) redo.set(i, this.slots[i].owner);
        regroup = true;
      }
      for (const i of slotsOf(index, ne.table.key)) redo.set(i, this.slots[i].owner);
      if (ne.table.alias !== undefined) for (const i of slotsOf(index, `@${ne.table.alias}`)) redo.set(i, this.slots[i].owner);
      if (ne.inlineSlot >= 0) redo.set(ne.inlineSlot, n);
      dbmlTables = part.tables.slice();
      dbmlTables[entry.pos] = ne.table;
      const names = this.recordNames;
      // records name the table's columns, which are new
      regroup ||= names.has(ne.table.key) || (ne.table.alias !== undefined && names.has(`@${ne.table.alias}`)) || o.records.length > 0 || n.records.length > 0;
    } else if (slot >= 0) redo.set(slot, n as RefDecl);

    // the ref units
    const slots = (this.slots = this.slots.slice());
    const oldRels: PendingRel[][] = [];
    for (const [i, owner] of redo) {
      const s = slots[i];
      oldRels.push(s.build.rels);
      const kind = s.kind as 'ref' | 'inline';
      const build = this.bindUnit(kind, owner, s.uri);
      cache.refs.set(owner, build);
      changed(this.slotRank(i), s.build.diagnostics, build.diagnostics);
      slots[i] = { kind, owner, uri: s.uri, build, dups: s.dups };
      if (this.slotsByName) this.indexSlot(this.slotsByName, i, build);
    }

    // the duplicate check over every unit's relationships, in order; without duplicates before,
    // only the rebound units' relationships need a look (each key is then held by one relationship)
    let unique = !this.hasDups;
    if (unique) {
      const seen = this.seenRels;
      for (const l of oldRels) for (const r of l) if (seen.get(r.dupKey) === r) seen.delete(r.dupKey);
      for (const i of redo.keys()) {
        for (const r of slots[i].build.rels) {
          if (seen.has(r.dupKey)) unique = false;
          else seen.set(r.dupKey, r);
        }
      }
    }
    let rels = part.relationships;
    if (redo.size) {
      rels = [];
      if (unique) {
        for (const s of slots) for (const r of s.build.rels) rels.push(r.rel);
      } else {
        this.seenRels = new Map();
        this.hasDups = false;
        for (let i = 0; i < slots.length; i++) {
          const s = slots[i];
          const dups = this.addRels(s.build.rels, rels);
          if (dups.length) this.hasDups = true;
          if (dups.length || s.dups.length) {
            slots[i] = { ...s, dups };
            changed(this.slotRank(i) + 1, s.dups, dups);
          }
        }
      }
    }

    // the schema: the DBML part's tables and relationships renewed, the SQL and Prisma parts as they were
    const foreignTables = this.schema.tables.slice(part.tables.length);
    const foreignRels = this.schema.relationships.slice(part.relationships.length);
    this.schema = { ...this.schema, tables: dbmlTables.concat(foreignTables), relationships: rels.concat(foreignRels) };
    if (regroup) {
      const before = this.groupDiags;
      // the groups phase's symbols retire; those still declared come back as it runs again
      for (const id of this.groupSymbolIds) this.retire(id);
      this.schema.tableGroups = [];
      this.schema.notes = [];
      this.groupOccs = [];
      this.groupDiags = [];
      this.bindGroups();
      changed(this.groupsRank(), before, this.groupDiags);
    } else if (renamed.size) {
      // group members resolve as before (same key and alias): only the table's and alias's symbol ids are new
      let occs: Occurrence[] | undefined;
      const g = this.groupOccs;
      for (let i = 0; i < g.length; i++) {
        const to = renamed.get(g[i].symbol);
        if (to === undefined) continue;
        occs ??= g.slice();
        occs[i] = { ...g[i], symbol: to };
      }
      if (occs) this.groupOccs = occs;
    }
    this.parts = [{ ...part, tables: dbmlTables, relationships: rels, tableGroups: this.schema.tableGroups, notes: this.schema.notes }, ...this.parts.slice(1)];
    if (changes.size) {
      const segs = this.segments().filter((x) => !changes.has(x.rank));
      for (const [rank, list] of changes) if (list.length) segs.push({ rank, list });
      segs.sort((a, b) => a.rank - b.rank);
      this.segs = segs;
      this.diagMap = undefined;
    }
    return this.finish();
  }

  /** Can a delta replace table `o` by `n`: the same registered, unique key and alias, no partials, inline refs on both or neither? */
  private tableDeltaApplies(o: TableDecl, n: TableDecl): boolean {
    if (o.partials.length || n.partials.length) return false;
    const entry = this.entryOf.get(o);
    if (!entry || this.dupTableKeys.has(entry.table.key)) return false;
    const alias = n.alias?.text;
    if (alias !== o.alias?.text) return false;
    if (alias !== undefined && this.aliases.get(alias)?.entry !== entry) return false;
    const { schema, name } = splitName(n.name);
    if (name !== entry.table.name) {
      // a rename within the schema, to a name no table has; no other table's diagnostic names this one
      if (schema !== entry.table.schema || this.tables.has(qualifiedKey(schema, name))) return false;
      if (alias !== undefined && this.aliasClashes.has(alias)) return false;
    } else if (schema !== entry.table.schema) return false;
    return hasInlineRefs(n) === entry.inlineSlot >= 0;
  }

  /** A symbol no longer declared by this binding. */
  private retire(id: number): void {
    const r = this.cache.registry.get(id);
    if (r && r.gen >= 0) {
      r.gen = -1;
      r.owner = undefined;
      this.cache.live--;
    }
  }

  /**
   * Replaces a table's entry by one for its new declaration (same key and alias: the maps keep
   * their order) and builds it; the old declaration's symbols retire. Notes the renewed symbol ids.
   */
  private replaceTable(uri: string, entry: TableEntry, n: TableDecl, changed: (rank: number, before: Diagnostic[], after: Diagnostic[]) => void, renamed: Map<number, number>): TableEntry {
    const cache = this.cache;
    const alias = n.alias?.text;
    const aliasEntry = alias !== undefined ? this.aliases.get(alias) : undefined;
    this.retire(entry.symbol);
    if (aliasEntry) this.retire(aliasEntry.symbol);
    const oldBuild = entry.build!;
    oldBuild.gen = -1;
    cache.live -= oldBuild.symbolCount;
    this.entryOf.delete(entry.decl);

    const { schema, name, nameIdent } = splitName(n.name);
    const renaming = name !== entry.table.name;
    const key = renaming ? qualifiedKey(schema, name) : entry.table.key;
    const table = this.newTable(uri, n, key, schema, name, nameIdent);
    const defs: Occurrence[] = [];
    this.occSink = defs;
    this.diagSink = this.headDiags;
    const symbol = this.symbol('table', name, displayKey(schema, name), key, uri, nameIdent.span, n.span, { kind: 'table', table });
    renamed.set(entry.symbol, symbol);
    this.occ(uri, nameIdent, symbol, true);
    const ne: TableEntry = { table, symbol, decl: n, uri, columns: NO_COLUMN_IDS, columnOrigin: n.partials.length ? new Map() : NO_ORIGIN, pos: entry.pos, occPos: entry.occPos, inlineSlot: entry.inlineSlot };
    if (!renaming) this.tables.set(key, ne);
    this.entryOf.set(n, ne);
    if (n.alias && aliasEntry) {
      const as = this.symbol('alias', n.alias.text, n.alias.text, `alias:${n.alias.text}`, uri, n.alias.span, n.span, { kind: 'alias', table }, symbol);
      renamed.set(aliasEntry.symbol, as);
      this.occ(uri, n.alias, as, true);
      this.aliases.set(n.alias.text, { entry: ne, symbol: as });
    }
    this.occurrences = this.occurrences.slice();
    for (let i = 0; i < defs.length; i++) this.occurrences[entry.occPos + i] = defs[i];
    this.entries = this.entries.slice();
    this.entries[entry.pos] = ne;
    if (renaming) {
      const memo = cache.tableSuggestions;
      const oldNames = memo.size ? this.tableNames() : undefined;
      // the map in binding order, as a full run makes it
      this.tables = new Map();
      for (const e of this.entries) this.tables.set(e.table.key, e);
      this.tableNamesMemo = undefined;
      if (oldNames !== undefined) {
        // an unknown name's suggestions stay what they were when neither the old name nor the new one could be one
        const newNames = this.tableNames();
        const changedNames = [displayKey(entry.table.schema, entry.table.name), displayKey(schema, name)];
        for (const [unknown, m] of memo) if (m.names === oldNames && closestNames(unknown, changedNames).length === 0) m.names = newNames;
      }
    }
    this.buildTable(uri, n, ne);
    changed(1 + entry.pos, oldBuild.diagnostics, ne.build!.diagnostics);
    return ne;
  }

  /** Table key or `@alias` -> the slots that looked it up (built on first use, then kept up to date). */
  private slotIndex(): Map<string, number | number[]> {
    if (this.slotsByName) return this.slotsByName;
    const index = new Map<string, number | number[]>();
    for (let i = 0; i < this.slots.length; i++) this.indexSlot(index, i, this.slots[i].build);
    return (this.slotsByName = index);
  }

  private indexSlot(index: Map<string, number | number[]>, i: number, b: RefBuild): void {
    if (b.unknown) addSlot(index, '?', i);
    const lookups = b.lookups;
    for (let l = 0; l < lookups.length; l += 3) {
      const key = lookups[l] as string;
      const alias = lookups[l + 1] as string;
      if (key) addSlot(index, key, i);
      if (alias) addSlot(index, `@${alias}`, i);
    }
  }

  /** The groups, notes and records phase, noting the table names it looks up (a delta redoes it when it named the table). */
  private bindGroups(): void {
    this.occSink = this.groupOccs;
    this.diagSink = this.groupDiags;
    this.recordNames = new Set();
    this.groupSymbolIds = [];
    this.symbolLog = this.groupSymbolIds;
    for (const f of this.files) this.bindGroupsNotesRecords(f);
    this.symbolLog = undefined;
  }

  // ------------------------------------------------------------ project

  collectProject(f: SourceFile): void {
    for (const d of f.dbml.decls) {
      if (d.kind !== 'project') continue;
      if (this.schema.project) {
        this.diag(f.uri, d.element.keyword.span, 'error', BindCodes.duplicateName, 'Only one Project is allowed in the workspace');
        continue;
      }
      const settings: Record<string, string> = {};
      for (const p of d.properties) settings[p.key.text] = exprText(p.value);
      const raw = Object.entries(settings).find(([k]) => k.toLowerCase() === 'database_type')?.[1];
      const dbType = raw ? DATABASE_TYPES[raw.toLowerCase()] : undefined;
      if (dbType) this.databaseType = dbType;
      const nameSpan = d.name?.span ?? d.element.keyword.span;
      this.schema.project = { name: d.name?.parts[0]?.text, databaseType: dbType, databaseTypeRaw: raw, note: d.note?.content, settings, source: this.src(f.uri, nameSpan, d.span) };
      if (d.name?.parts[0]) this.occ(f.uri, d.name.parts[0], this.symbol('project', d.name.parts[0].text, d.name.parts[0].text, 'project', f.uri, nameSpan, d.span, { kind: 'other' }), true);
    }
  }

  // ------------------------------------------------------------ enums

  collectEnums(f: SourceFile): void {
    for (const d of f.dbml.decls) {
      if (d.kind !== 'enum') continue;
      this.declareEnum(f.uri, d);
    }
  }

  declareEnum(uri: string, d: EnumDecl): void {
    const { schema, name, nameIdent } = splitName(d.name);
    const key = qualifiedKey(schema, name);
    if (this.enums.has(key)) {
      this.diag(uri, nameIdent.span, 'error', BindCodes.duplicateName, `Enum '${displayKey(schema, name)}' is already defined`, { related: this.relatedTo(this.enums.get(key)!.symbol, 'first defined here') });
      return;
    }
    const e: Enum = { key, schema, name, values: [], source: this.src(uri, nameIdent.span, d.span) };
    const symbol = this.symbol('enum', name, displayKey(schema, name), key, uri, nameIdent.span, d.span, { kind: 'enum', enum: e });
    this.occ(uri, nameIdent, symbol, true);
    this.qualifierOccurrences(uri, d.name);
    const values = new Map<string, number>();
    for (const v of d.values) {
      const note = settingString(v.settings, 'note');
      const value: EnumValue = { name: v.name.text, note, source: this.src(uri, v.name.span, v.span) };
      e.values.push(value);
      const vs = this.symbol('enumValue', v.name.text, `${displayKey(schema, name)}.${v.name.text}`, `${key}.${v.name.text}`, uri, v.name.span, v.span, { kind: 'enumValue', enum: e, value }, symbol);
      values.set(v.name.text, vs);
      this.occ(uri, v.name, vs, true);
    }
    this.enums.set(key, { enum: e, symbol, values });
    this.schema.enums.push(e);
  }

  // ------------------------------------------------------------ partials

  collectPartials(f: SourceFile): void {
    for (const d of f.dbml.decls) {
      if (d.kind !== 'tablePartial') continue;
      const ident = d.name.parts[d.name.parts.length - 1];
      if (this.partials.has(ident.text)) {
        this.diag(f.uri, ident.span, 'error', BindCodes.duplicateName, `TablePartial '${ident.text}' is already defined`);
        continue;
      }
      const symbol = this.symbol('tablePartial', ident.text, ident.text, `partial:${ident.text}`, f.uri, ident.span, d.span, { kind: 'other' });
      this.occ(f.uri, ident, symbol, true);
      const columns = new Map<string, number>();
      for (const c of d.columns) {
        const cs = this.symbol('column', c.name.text, `${ident.text}.${c.name.text}`, `partial:${ident.text}.${c.name.text}`, f.uri, c.name.span, c.span, { kind: 'other' }, symbol, c.type?.text);
        this.occ(f.uri, c.name, cs, true);
        columns.set(c.name.text, cs);
        // the names the column uses (enum types, enum defaults), recorded once where they are written
        this.column(f.uri, c, true);
      }
      this.partials.set(ident.text, { decl: d, uri: f.uri, symbol, columns });
      // a partial's indexes may only use the partial's own columns
      for (const ix of d.indexes) {
        for (const p of ix.parts) {
          if (!p.column) continue;
          const cs = columns.get(p.column.text);
          if (cs !== undefined) this.occ(f.uri, p.column, cs);
          else {
            this.diag(f.uri, p.column.span, 'error', BindCodes.unknownColumn, `No column named '${p.column.text}' inside TablePartial '${ident.text}'`, {
              data: { suggestions: closestNames(p.column.text, [...columns.keys()]) },
            });
          }
        }
      }
    }
  }

  // ------------------------------------------------------------ tables

  collectTables(f: SourceFile): void {
    for (const d of f.dbml.decls) {
      if (d.kind !== 'table') continue;
      const { schema, name, nameIdent } = splitName(d.name);
      const cached = this.cache.tables.get(d);
      // the cached build's key is the same string every run (hashed once)
      const key = cached ? cached.table.key : qualifiedKey(schema, name);
      const existing = this.tables.get(key);
      if (existing) {
        this.dupTableKeys.add(key);
        this.diag(f.uri, nameIdent.span, 'error', BindCodes.duplicateTable, `Table '${displayKey(schema, name)}' is already defined`, { related: this.relatedTo(existing.symbol, 'first defined here') });
        continue;
      }
      // with the same enums and partials as when it was last checked, a build's dependencies still hold
      const reuse = cached && (cached.env === this.cache.env || this.depsHold(cached, d)) ? cached : undefined;
      if (reuse) {
        reuse.env = this.cache.env;
        reuse.scope = this.scope;
      }
      const table: Table = reuse ? reuse.table : this.newTable(f.uri, d, key, schema, name, nameIdent);
      const symbol = this.symbol('table', name, displayKey(schema, name), key, f.uri, nameIdent.span, d.span, { kind: 'table', table });
      const occPos = this.occSink.length;
      this.occ(f.uri, nameIdent, symbol, true);
      this.qualifierOccurrences(f.uri, d.name);
      const entry: TableEntry = { table, symbol, decl: d, uri: f.uri, columns: reuse ? reuse.columns : NO_COLUMN_IDS, columnOrigin: reuse ? reuse.columnOrigin : d.partials.length ? new Map() : NO_ORIGIN, reuse, pos: this.entries.length, occPos, inlineSlot: -1 };
      this.entries.push(entry);
      this.tables.set(key, entry);
      this.entryOf.set(d, entry);
      this.schema.tables.push(table);
      if (d.alias) {
        const clash = this.aliases.get(d.alias.text);
        if (clash) {
          this.aliasClashes.add(d.alias.text);
          this.diag(f.uri, d.alias.span, 'error', BindCodes.duplicateName, `Alias '${d.alias.text}' is already used for table '${clash.entry.table.name}'`);
        } else {
          const as = this.symbol('alias', d.alias.text, d.alias.text, `alias:${d.alias.text}`, f.uri, d.alias.span, d.span, { kind: 'alias', table }, symbol);
          this.occ(f.uri, d.alias, as, true);
          this.aliases.set(d.alias.text, { entry, symbol: as });
        }
      }
    }
  }

  /** A table's model before its columns and indexes are bound. */
  private newTable(uri: string, d: TableDecl, key: string, schema: string, name: string, nameIdent: Ident): Table {
    return {
      key,
      schema,
      name,
      alias: d.alias?.text,
      note: d.note?.content,
      headerColor: exprText(d.settings.find((s) => s.name === 'headercolor')?.value) || undefined,
      columns: [],
      indexes: [],
      checks: d.checks.map((c) => ({ name: settingString(c.settings, 'name'), expression: c.expression, source: this.src(uri, c.span, c.span) })),
      settings: {},
      source: this.src(uri, nameIdent.span, d.span),
    };
  }

  bindTableInternals(f: SourceFile): void {
    for (const d of f.dbml.decls) {
      if (d.kind !== 'table') continue;
      const entry = this.entryOf.get(d);
      if (!entry) continue;
      if (entry.reuse) {
        this.replay(entry, entry.reuse);
        continue;
      }
      this.buildTable(f.uri, d, entry);
    }
  }

  /** Builds a table's columns and indexes afresh, recording the build in the cache. */
  private buildTable(uri: string, d: TableDecl, entry: TableEntry): void {
    // the declaration's previous build (its names now resolve differently): its symbols keep their ids
    const previous = this.cache.tables.get(d);
    this.prevSymbols = previous && !previous.block ? this.definitionsOf(previous) : undefined;
    const capture: TableBuild = (this.capture = {
      gen: this.cache.gen,
      env: this.cache.env,
      scope: this.scope,
      table: entry.table,
      columns: entry.columns,
      columnOrigin: entry.columnOrigin,
      partialTargets: [],
      occurrences: [],
      diagnostics: [],
      symbolCount: 0,
      block: undefined,
    });
    entry.build = capture;
    if (d.partials.length === 0) this.ownColumns(uri, d, entry, capture, previous);
    else this.mergedColumns(uri, d, entry, capture);
    const indexes = entry.table.indexes;
    for (let i = 0, n = d.indexes.length; i < n; i++) indexes.push(this.index(uri, d.indexes[i], entry));
    // kept as long as the build: lists made exactly as long as they are (a pushed-to array keeps room for 17)
    if (indexes.length) entry.table.indexes = indexes.slice();
    if (capture.occurrences.length) capture.occurrences = capture.occurrences.slice();
    if (capture.partialTargets.length) capture.partialTargets = capture.partialTargets.slice();
    const ts = this.cache.registry.get(entry.symbol)?.symbol;
    if (ts) ts.detail = `${entry.table.columns.length} columns`;
    this.capture = undefined;
    this.prevSymbols = undefined;
    this.cache.live += capture.symbolCount;
    this.cache.tables.set(d, capture);
  }

  /** The symbols a table build declared (its definition occurrences' symbols), by name span. */
  private definitionsOf(b: TableBuild): Map<Span, SchemaSymbol> {
    const out = new Map<Span, SchemaSymbol>();
    for (const o of b.occurrences) {
      if (!o.isDefinition) continue;
      const sym = this.cache.registry.get(o.symbol)?.symbol;
      if (sym) out.set(o.span, sym);
    }
    return out;
  }

  /** A column's symbol and definition occurrence in its table. */
  private columnSymbol(uri: string, c: ColumnDecl, col: Column, entry: TableEntry, shownPrefix: string, keyPrefix: string): number {
    const cs = this.symbol('column', c.name.text, shownPrefix + c.name.text, keyPrefix + c.name.text, uri, c.name.span, c.span, { kind: 'column', table: entry.table, column: col }, entry.symbol, col.type.raw);
    this.occ(uri, c.name, cs, true);
    return cs;
  }

  /**
   * The columns of a table without partials (most tables): its own, in order (a repeated name keeps its
   * first place and its last definition). Their symbols are a block of ids, made on demand; a rebuild of
   * the same declaration keeps the previous build's ids.
   */
  private ownColumns(uri: string, d: TableDecl, entry: TableEntry, capture: TableBuild, previous: TableBuild | undefined): void {
    const n = d.columns.length;
    if (n === 0) return;
    const shownPrefix = `${displayKey(entry.table.schema, entry.table.name)}.`;
    const keyPrefix = `${entry.table.key}.`;
    const prev = previous?.block;
    const same = prev !== undefined && prev.decls === d.columns && prev.parent === entry.symbol && prev.keyPrefix === keyPrefix;
    const first = same ? prev.first : this.cache.nextId;
    if (!same) this.cache.nextId += n;
    const made: Column[] = new Array(n);
    const block: ColumnBlock = { first, owner: capture, uri, decls: d.columns, columns: made, table: entry.table, parent: entry.symbol, shownPrefix, keyPrefix, symbols: undefined, occurrences: undefined };
    // the interpreter keeps one declaration per name: column i is the block's id first + i
    for (let i = 0; i < n; i++) made[i] = this.column(uri, d.columns[i], true);
    // the table's list is the block's (exact size; neither changes once made)
    if (entry.table.columns.length === 0) entry.table.columns = made;
    else entry.table.columns.push(...made);
    entry.columns = capture.columns = new BlockColumnIds(block);
    capture.block = block;
    this.cache.addBlock(block);
  }

  /** The columns of a table with partials: partials first (in injection order, later override earlier), own columns override. */
  private mergedColumns(uri: string, d: TableDecl, entry: TableEntry, capture: TableBuild): void {
    const byName = new Map<string, { column: Column; symbol: number; origin?: TablePartialDecl }>();
    const order: string[] = [];
    const put = (c: Column, sym: number, origin?: TablePartialDecl): void => {
      if (!byName.has(c.name)) order.push(c.name);
      byName.set(c.name, { column: c, symbol: sym, origin });
    };
    let ownIndexAt = -1;
    for (const p of d.partials) {
      const partial = this.partials.get(p.text);
      if (!partial) {
        this.diag(uri, p.span, 'error', BindCodes.unknownPartial, `Unknown TablePartial '${p.text}'`, { data: { suggestions: closestNames(p.text, [...this.partials.keys()]) } });
        continue;
      }
      this.occ(uri, p, partial.symbol);
      for (const c of partial.decl.columns) put(this.column(partial.uri, c, false), partial.columns.get(c.name.text)!, partial.decl);
      if (!entry.table.note && partial.decl.note) entry.table.note = partial.decl.note.content;
      for (const ix of partial.decl.indexes) entry.table.indexes.push(this.index(partial.uri, ix, undefined));
      ownIndexAt = entry.table.indexes.length;
    }
    void ownIndexAt;
    const shownPrefix = `${displayKey(entry.table.schema, entry.table.name)}.`;
    const keyPrefix = `${entry.table.key}.`;
    for (const c of d.columns) {
      const col = this.column(uri, c, true);
      put(col, this.columnSymbol(uri, c, col, entry, shownPrefix, keyPrefix));
    }
    const ids = new Map<string, number>();
    entry.columns = capture.columns = ids;
    for (const name of order) {
      const { column, symbol, origin } = byName.get(name)!;
      entry.table.columns.push(column);
      ids.set(name, symbol);
      if (origin) {
        entry.columnOrigin.set(name, origin);
        // a partial's column symbol stands for the column of the first table that injects it
        const target: SymbolTarget = { kind: 'column', table: entry.table, column };
        capture.partialTargets.push([symbol, target]);
        const rec = this.cache.registry.get(symbol);
        if (rec && rec.target.kind === 'other') rec.target = target;
      }
    }
  }

  // ------------------------------------------------------------ SQL and Prisma

  /**
   * Binds the SQL and Prisma files: each unit (an SQL migrations folder replayed
   * in order, a standalone SQL file, a Prisma folder) is interpreted by its front
   * end; its tables join the schema and its names become symbols and occurrences.
   */
  bindForeign(): void {
    const sqlUnits = new Map<string, { dialect: SqlDialect; files: SourceFile[] }>();
    const prismaUnits = new Map<string, SourceFile[]>();
    for (const f of this.files) {
      if (f.language === 'sql' && f.sql && f.dialect) {
        const unit = `sql:${f.dialect}:${sqlUnitOf(f.uri)}`;
        let u = sqlUnits.get(unit);
        if (!u) sqlUnits.set(unit, (u = { dialect: f.dialect, files: [] }));
        u.files.push(f);
      } else if (f.language === 'prisma' && f.prisma) {
        const unit = `prisma:${dirOf(f.uri)}`;
        let u = prismaUnits.get(unit);
        if (!u) prismaUnits.set(unit, (u = []));
        u.push(f);
      }
    }
    for (const [unit, { dialect, files }] of sqlUnits) {
      files.sort((a, b) => naturalCompare(a.uri, b.uri));
      const inputs = files.map((f) => ({ uri: f.uri, file: f.sql as SqlFile }));
      let interpretCache = this.cache.sqlInterpret.get(unit);
      if (!interpretCache) this.cache.sqlInterpret.set(unit, (interpretCache = new SqlInterpretCache()));
      const cache = interpretCache;
      const r = this.unitResult(unit, inputs.map((i) => i.file), () => interpretSql(inputs, dialect, cache)) as SqlInterpretation;
      // the unit's database is its dialect (the linter and inference read it there)
      r.schema.project ??= { databaseType: dialect, settings: {} };
      this.addPart(unit, r.schema, r.diagnostics, r.names);
    }
    for (const unit of this.cache.sqlInterpret.keys()) if (!sqlUnits.has(unit)) this.cache.sqlInterpret.delete(unit);
    for (const [unit, files] of prismaUnits) {
      files.sort((a, b) => naturalCompare(a.uri, b.uri));
      const inputs = files.map((f) => ({ uri: f.uri, file: f.prisma as PrismaFile }));
      // Prisma 7 forbids the datasource `url` that Prisma 6 requires: a schema without one is read as Prisma 7
      const hasUrl = files.some((f) => f.prisma!.blocks.some((b) => b.kind === 'datasource' && b.properties.some((p) => p.key.text === 'url')));
      const hasDatasource = files.some((f) => f.prisma!.blocks.some((b) => b.kind === 'datasource'));
      const version = hasDatasource && !hasUrl ? 7 : 6;
      const r = this.unitResult(`${unit}@${version}`, inputs.map((i) => i.file), () => interpretPrisma(inputs, { version })) as PrismaInterpretation;
      this.addPart(unit, r.schema, r.diagnostics, r.names);
    }
  }

  private unitResult(unit: string, inputs: unknown[], run: () => SqlInterpretation | PrismaInterpretation): SqlInterpretation | PrismaInterpretation {
    const cached = this.cache.units.get(unit);
    if (cached && cached.inputs.length === inputs.length && cached.inputs.every((x, i) => x === inputs[i])) return cached.result;
    const result = run();
    this.cache.units.set(unit, { inputs, result });
    return result;
  }

  private addPart(unit: string, schema: Schema, diagnostics: Diagnostic[], names: (SqlName | PrismaName)[]): void {
    this.parts.push(schema);
    for (const t of schema.tables) this.schema.tables.push(t);
    for (const r of schema.relationships) this.schema.relationships.push(r);
    for (const e of schema.enums) this.schema.enums.push(e);
    for (const n of schema.schemas) if (!this.schema.schemas.includes(n)) this.schema.schemas.push(n);
    for (const d of diagnostics) this.diagSink.push(d);
    const isPrisma = unit.startsWith('prisma:');
    // the model objects names stand for, by the front end's keys
    const tables = new Map<string, Table>();
    for (const t of schema.tables) tables.set(isPrisma ? (t.settings.prismaName ?? t.name) : t.key, t);
    // a column by its table's key and its own name (no map of every column: a keystroke rebuilds this)
    const columnOf = (tableKey: string, name: string): { table: Table; column: Column } | undefined => {
      const table = tables.get(tableKey);
      const column = table?.columns.find((c) => (isPrisma ? (c.settings.prismaName ?? c.name) : c.name) === name);
      return table && column ? { table, column } : undefined;
    };
    const enums = new Map<string, Enum>();
    for (const e of schema.enums) enums.set(isPrisma ? (e.alias ?? e.name) : e.key, e);
    const display = (key: string): string => {
      const dot = key.indexOf('.');
      return !isPrisma && dot >= 0 && key.slice(0, dot) === schema.defaultSchema ? key.slice(dot + 1) : key;
    };
    const symbols = new Map<string, number>();
    // definitions first (parents before children: names come in source order, a table before its columns)
    for (const n of names) {
      if (!n.isDefinition || symbols.has(n.key)) continue;
      const kind = symbolKindOf(n.kind);
      if (!kind) continue;
      const dot = n.key.lastIndexOf('.');
      const parentKey = kind === 'column' || kind === 'enumValue' ? n.key.slice(0, dot) : undefined;
      const parent = parentKey !== undefined ? symbols.get(parentKey) : undefined;
      let target: SymbolTarget = { kind: 'other' };
      let detail: string | undefined;
      if (kind === 'table') {
        const t = tables.get(n.key);
        if (t) {
          target = { kind: 'table', table: t };
          detail = `${t.columns.length} columns`;
        }
      } else if (kind === 'column' && parentKey !== undefined) {
        const c = columnOf(parentKey, n.key.slice(dot + 1));
        if (c) {
          target = { kind: 'column', table: c.table, column: c.column };
          detail = c.column.type.raw;
        }
      } else if (kind === 'enum') {
        const e = enums.get(n.key);
        if (e) target = { kind: 'enum', enum: e };
      } else if (kind === 'enumValue' && parentKey !== undefined) {
        const e = enums.get(parentKey);
        const v = e?.values.find((x) => (x.alias ?? x.name) === n.key.slice(dot + 1));
        if (e && v) target = { kind: 'enumValue', enum: e, value: v };
      }
      const name = n.key.slice(kind === 'table' || kind === 'enum' || kind === 'schema' ? (isPrisma ? 0 : n.key.indexOf('.') + 1) : dot + 1);
      // in a migrations folder the declaration is where the object last changed (the model's source), not where it was created
      const src = target.kind === 'table' ? target.table.source : target.kind === 'column' ? target.column.source : target.kind === 'enum' ? target.enum.source : undefined;
      const at = !isPrisma && src ? src : { uri: n.uri, nameSpan: n.span, span: n.span };
      const id = this.symbol(kind, name, display(n.key), `${unit}|${n.key}`, at.uri, at.nameSpan, at.span, target, parent, detail);
      symbols.set(n.key, id);
    }
    for (const n of names) {
      const id = symbols.get(n.key);
      if (id === undefined) continue;
      this.occSink.push({ uri: n.uri, span: n.span, symbol: id, isDefinition: n.isDefinition, quoted: 'quoted' in n ? n.quoted : false });
    }
  }

  /** Advances the environment id when the enums or partials differ from the previous binding's. */
  private updateEnv(): void {
    const deps: unknown[] = [];
    for (const [k, e] of this.enums) deps.push(k, e.symbol);
    for (const [k, p] of this.partials) deps.push(k, p.decl);
    const prev = this.cache.envDeps;
    let same = prev.length === deps.length;
    for (let i = 0; same && i < deps.length; i++) same = prev[i] === deps[i];
    if (!same) {
      this.cache.env++;
      this.cache.envDeps = deps;
    }
  }

  /** Replays a table's earlier build: its symbols stay live, its names and diagnostics count again. */
  replay(entry: TableEntry, b: TableBuild): void {
    b.gen = this.cache.gen;
    entry.build = b;
    this.cache.live += b.symbolCount;
    for (const [id, target] of b.partialTargets) {
      const rec = this.cache.registry.get(id);
      if (rec && rec.target.kind === 'other') rec.target = target;
    }
    entry.columns = b.columns;
    entry.columnOrigin = b.columnOrigin;
    const ts = this.cache.registry.get(entry.symbol)?.symbol;
    if (ts) ts.detail = `${entry.table.columns.length} columns`;
  }

  /**
   * The names a table's build resolves besides its own declaration: `e:` enum keys its
   * columns' types could name, `p:` partial names, `n:` the name lists suggestions come from.
   */
  depKeysOf(d: TableDecl): string[] {
    const keys = this.ownKeys(d).slice();
    for (const p of d.partials) {
      keys.push(`p:${p.text}`);
      const partial = this.partials.get(p.text);
      if (partial) for (const k of this.ownKeys(partial.decl)) keys.push(k);
      else keys.push('n:');
    }
    return keys;
  }

  /** The enum keys the declaration's own columns could name (cached per declaration). */
  ownKeys(d: TableDecl | TablePartialDecl): string[] {
    let keys = this.cache.tableKeys.get(d);
    if (keys) return keys;
    // a name's key once, in first-use order (most columns share a handful of type names)
    const seen = new Set<string>();
    const out: string[] = [];
    const add = (k: string): void => {
      if (!seen.has(k)) {
        seen.add(k);
        out.push(k);
      }
    };
    let consultsNames = false;
    for (const c of d.columns) {
      if (isCompactColumnDecl(c)) {
        // its type's names (a compact line has no default that names an enum value)
        const l = c.line;
        if (l.tq2 === undefined) add(this.publicEnumKey(l.tq1));
        else {
          add(`e:${qualifiedKey(l.tq1, l.tq2)}`);
          consultsNames = true;
        }
        continue;
      }
      if (c.type && !c.type.name.tuple) {
        const parts = c.type.name.parts;
        if (parts.length === 1) add(this.publicEnumKey(parts[0].text));
        else if (parts.length === 2) {
          add(`e:${qualifiedKey(parts[0].text, parts[1].text)}`);
          consultsNames = true;
        }
      }
      for (const st of c.settings) {
        if (st.name === 'default' && st.value && st.value.kind === 'qname' && st.value.name.parts.length >= 2) {
          const ep = st.value.name.parts.slice(0, -1);
          if (ep.length === 1) add(this.publicEnumKey(ep[0].text));
          else if (ep.length === 2) add(`e:${qualifiedKey(ep[0].text, ep[1].text)}`);
          consultsNames = true;
        }
      }
    }
    if (consultsNames) out.push('n:');
    keys = out;
    this.cache.tableKeys.set(d, keys);
    return keys;
  }

  /**
   * Does a cached build of `d` still resolve every name to the same thing? The keys come from the
   * current partials; where a partial differs from the build's, its `p:` key differs first.
   */
  depsHold(b: TableBuild, d: TableDecl): boolean {
    if (b.scope === this.scope) return true;
    for (const k of this.depKeysOf(d)) if (resolveIn(b.scope, k) !== resolveIn(this.scope, k)) return false;
    return true;
  }

  /** A column's model; `recordUses` records the names it uses (false for a partial's column injected into a table). */
  column(uri: string, c: ColumnDecl, recordUses: boolean): Column {
    if (isCompactColumnDecl(c)) return this.compactColumn(uri, c, recordUses);
    // the flags in one pass over the settings
    let pk = false;
    let explicitNull = false;
    let notNull = false;
    let unique = false;
    let increment = false;
    for (let i = 0, n = c.settings.length; i < n; i++) {
      const s = c.settings[i];
      switch (s.name) {
        case 'pk':
        case 'primary key':
          pk = true;
          break;
        case 'null':
          explicitNull = true;
          break;
        case 'not null':
          notNull = true;
          break;
        case 'unique':
          unique = true;
          break;
        case 'increment':
          increment = true;
          break;
      }
    }
    const firstVisit = recordUses;
    let enumKey: string | undefined;
    let typeName = c.type?.name.parts[c.type.name.parts.length - 1]?.text ?? '';
    if (c.type) {
      const tq = c.type.name;
      const e = this.resolveEnum(tq);
      if (e) {
        enumKey = e.enum.key;
        const last = tq.parts[tq.parts.length - 1];
        if (firstVisit) this.occ(uri, last, e.symbol);
        this.qualifierOccurrences(uri, tq);
      } else if (firstVisit && tq.parts.length === 2) {
        // a schema-qualified type that is no enum is a custom type (`public.citext`, a domain): valid DBML.
        // Only a near miss of a known enum is worth a hint.
        const written = tq.parts.map((p) => p.text).join('.');
        const suggestions = closestNames(written, [...this.enums.values()].map((x) => displayKey(x.enum.schema, x.enum.name)));
        if (suggestions.length) {
          this.diag(uri, tq.span, 'info', BindCodes.unknownEnum, `'${written}' is not a known enum; it is used as a custom type`, { data: { suggestions } });
        }
      }
      if (enumKey) typeName = tq.parts[tq.parts.length - 1].text;
    }
    const type = this.columnType(c, typeName, enumKey);
    let def: ColumnDefault | undefined;
    let checks = NO_CHECKS;
    for (let i = 0, n = c.settings.length; i < n; i++) {
      const s = c.settings[i];
      if (s.name === 'default' && s.value) {
        const d = defaultOf(s.value);
        def = sharedDefault(d.kind, d.value);
        if (firstVisit && s.value.kind === 'qname' && s.value.name.parts.length >= 2) this.enumValueUse(uri, s.value.name);
      }
      else if (s.name === 'check' && s.value) (checks === NO_CHECKS ? (checks = []) : checks).push(exprText(s.value));
    }
    return {
      name: c.name.text,
      type,
      nullable: pk ? false : !notNull,
      nullabilityExplicit: explicitNull || notNull,
      default: def,
      primaryKey: pk,
      unique,
      autoIncrement: increment,
      checks,
      note: settingString(c.settings, 'note'),
      settings: NO_SETTINGS,
      source: this.src(uri, c.name.span, c.span),
    };
  }

  /**
   * `column` for a compact column line (syntax/dbml/nodes.ts CompactColumn), from its fields: the same
   * Column, without making the line's nodes. Its type's last name is made only when it names an enum
   * (for the occurrence), and a qualified type that names no enum takes `column`'s path (the hint needs
   * the name's span).
   */
  private compactColumn(uri: string, view: CompactColumnDecl, recordUses: boolean): Column {
    const c = view.line;
    const bits = c.bits;
    const pk = (bits & COMPACT_PK) !== 0;
    let enumKey: string | undefined;
    const typeName = c.tq2 ?? c.tq1;
    const e = c.tq2 === undefined ? this.enums.get(this.publicKey(c.tq1)) : this.enums.get(qualifiedKey(c.tq1, c.tq2));
    if (e) {
      enumKey = e.enum.key;
      if (recordUses) {
        const tq = c.madeSpan?.decl.type?.name;
        const last = tq ? tq.parts[tq.parts.length - 1] : undefined;
        if (last) this.occ(uri, last, e.symbol);
        else this.compactTypeOccurrence(uri, c, e.symbol);
      }
    } else if (recordUses && c.tq2 !== undefined) {
      // the hint needs the name's span: the full path, on the declaration made from the line
      return this.column(uri, compactDecl(c), recordUses);
    }
    const raw = c.typeText;
    const memo = enumKey ? (this.enumTypes ??= new Map()) : this.types;
    const key = enumKey ? `${enumKey}\u0000${raw}` : raw;
    let type = memo.get(key);
    if (!type) memo.set(key, (type = normaliseType(raw, typeName, c.args, (bits & COMPACT_ARRAY) !== 0, enumKey)));
    return {
      name: c.cname,
      type,
      nullable: pk ? false : (bits & COMPACT_NOT_NULL) === 0,
      nullabilityExplicit: (bits & (COMPACT_NULL | COMPACT_NOT_NULL)) !== 0,
      default: c.cdefault,
      primaryKey: pk,
      unique: (bits & COMPACT_UNIQUE) !== 0,
      autoIncrement: (bits & COMPACT_INCREMENT) !== 0,
      checks: NO_CHECKS,
      note: c.note,
      settings: NO_SETTINGS,
      // the view is the column's SourceRef: its name's span (anchored: it moves with its block), its line
      source: view,
    };
  }

  /** An enum type's occurrence on a compact column: its last name, from the materialized declaration. */
  private compactTypeOccurrence(uri: string, c: CompactColumn, symbol: number): void {
    // a plain unquoted name: its ident alone; otherwise the line's nodes
    if (c.tq2 === undefined && blockText(c.anchorOfSpan).charCodeAt(blockBase(c.anchorOfSpan) + c.typeStartOfSpan) !== 34) {
      this.occ(uri, identNode(c.anchorOfSpan, c.typeStartOfSpan, c.typeStartOfSpan + c.tq1.length, c.tq1, false), symbol);
      return;
    }
    const tq = compactDecl(c).type?.name;
    if (tq) this.occ(uri, tq.parts[tq.parts.length - 1], symbol);
  }

  /**
   * A column's normalised type, one object per type as written (and enum) in this binding: most
   * columns of a schema share a handful of types. Model types are never changed after binding.
   */
  private columnType(c: ColumnDecl, typeName: string, enumKey: string | undefined): ColumnType {
    const raw = c.type?.text ?? '';
    const memo = enumKey ? (this.enumTypes ??= new Map()) : this.types;
    const key = enumKey ? `${enumKey}\u0000${raw}` : raw;
    let t = memo.get(key);
    if (!t) memo.set(key, (t = normaliseType(raw, typeName, c.type?.args ?? [], c.type?.isArray ?? false, enumKey)));
    return t;
  }

  private readonly types = new Map<string, ColumnType>();

  private enumTypes: Map<string, ColumnType> | undefined;

  index(uri: string, ix: IndexDecl, entry: TableEntry | undefined): Index {
    if (isCompactIndexDecl(ix)) return this.primaryKeyIndex(this.compactIndex(uri, ix.line, entry), entry);
    // one pass over the settings (the first of each name counts), and the parts made exactly as many as they are
    const settings = ix.settings;
    let name: SettingItem | undefined;
    let type: SettingItem | undefined;
    let note: SettingItem | undefined;
    let unique = false;
    let primaryKey = false;
    for (let i = 0; i < settings.length; i++) {
      const s = settings[i];
      switch (s.name) {
        case 'name':
          name ??= s;
          break;
        case 'type':
          type ??= s;
          break;
        case 'note':
          note ??= s;
          break;
        case 'unique':
          unique = true;
          break;
        case 'pk':
        case 'primary key':
          primaryKey = true;
      }
    }
    const parts: Index['parts'] = ix.parts.map((p) => {
      if (!p.column) return { expression: p.expression, span: p.span };
      if (entry) this.columnUse(uri, entry, p.column);
      return { column: p.column.text, span: p.column.span };
    });
    const out: Index = {
      name: stringValue(name),
      parts,
      unique,
      primaryKey,
      type: exprText(type?.value) || undefined,
      note: stringValue(note),
      source: this.src(uri, ix.span, ix.span),
    };
    return this.primaryKeyIndex(out, entry);
  }

  /**
   * A compact index line (nodes.ts CompactIndexLine), from its record: what `index` makes of the
   * interpreter's declaration, with the columns' identifiers made once (compactIndexBound).
   */
  private compactIndex(uri: string, l: CompactIndexLine, entry: TableEntry | undefined): Index {
    const b = compactIndexBound(l);
    if (b.exprSpan) return { name: l.name, parts: [{ expression: l.expression, span: b.exprSpan }], unique: l.unique, primaryKey: l.pk, type: l.type, note: l.note, source: this.src(uri, b.span, b.span) };
    const parts: Index['parts'] = new Array(b.idents.length);
    for (let i = 0; i < b.idents.length; i++) {
      const id = b.idents[i];
      if (entry) this.columnUse(uri, entry, id);
      parts[i] = { column: id.text, span: id.span };
    }
    return { name: l.name, parts, unique: l.unique, primaryKey: l.pk, type: l.type, note: l.note, source: this.src(uri, b.span, b.span) };
  }

  /** A primary-key index makes its columns not null (and a one-column one, the primary key). */
  private primaryKeyIndex(out: Index, entry: TableEntry | undefined): Index {
    if (out.primaryKey && entry) {
      for (const part of out.parts) {
        const col = part.column === undefined ? undefined : columnNamed(entry.table, part.column);
        if (col) {
          col.nullable = false;
          if (out.parts.length === 1) col.primaryKey = true;
        }
      }
    }
    return out;
  }

  /** `default: status.active` / `default: core.status.active`: the enum and its value must exist. */
  enumValueUse(uri: string, q: QName): void {
    const valueIdent = q.parts[q.parts.length - 1];
    const enumParts = q.parts.slice(0, -1);
    const enumQ: QName = { parts: enumParts, span: spanBetween(enumParts[0].span, enumParts[enumParts.length - 1].span) };
    const e = this.resolveEnum(enumQ);
    const written = enumParts.map((p) => p.text).join('.');
    if (!e) {
      this.diag(uri, enumQ.span, 'error', BindCodes.unknownEnum, `Unknown enum '${written}'`, {
        data: { suggestions: closestNames(written, [...this.enums.values()].map((x) => displayKey(x.enum.schema, x.enum.name))) },
      });
      return;
    }
    this.occ(uri, enumParts[enumParts.length - 1], e.symbol);
    const vs = e.values.get(valueIdent.text);
    if (vs === undefined) {
      this.diag(uri, valueIdent.span, 'error', BindCodes.unknownEnum, `Enum '${written}' has no value '${valueIdent.text}'`, {
        data: { suggestions: closestNames(valueIdent.text, [...e.values.keys()]) },
      });
      return;
    }
    this.occ(uri, valueIdent, vs);
  }

  resolveEnum(q: QName): { enum: Enum; symbol: number; values: Map<string, number> } | undefined {
    if (q.tuple) return undefined;
    if (q.parts.length === 1) return this.enums.get(this.publicKey(q.parts[0].text));
    if (q.parts.length === 2) return this.enums.get(qualifiedKey(q.parts[0].text, q.parts[1].text));
    return undefined;
  }

  /** Records occurrences for the schema part of a qualified name (no symbol yet: schemas are implicit). */
  qualifierOccurrences(_uri: string, _q: QName): void {}

  // ------------------------------------------------------------ name resolution

  /**
   * Resolves a table name, or the table part of one (its first `n` parts: `users` of `users.id`);
   * reports unknown tables with suggestions.
   */
  resolveTable(uri: string, q: QName, report = true, n = q.parts.length): TableEntry | undefined {
    const parts = q.parts;
    // what a ref unit records of the lookup is what is looked up here (no second lookup)
    const cap = this.refCapture;
    if (n === 1) {
      const id = parts[0];
      const key = this.publicKey(id.text);
      const direct = this.tables.get(key);
      const alias = this.aliases.get(id.text);
      if (cap) this.recordLookup(cap, key, id.text, report, direct, alias);
      if (direct && alias && alias.entry !== direct && report) {
        this.diag(uri, id.span, 'warning', BindCodes.ambiguousName, `'${id.text}' is both a table and an alias of '${alias.entry.table.name}'; the table is used`);
      }
      if (direct) {
        this.occ(uri, id, direct.symbol);
        return direct;
      }
      if (alias) {
        this.occ(uri, id, alias.symbol);
        return alias.entry;
      }
    } else if (n === 2) {
      const key = qualifiedKey(parts[0].text, parts[1].text);
      const t = this.tables.get(key);
      if (cap) this.recordLookup(cap, key, '', report, t, undefined);
      if (t) {
        this.occ(uri, parts[1], t.symbol);
        return t;
      }
    } else {
      if (cap) this.recordLookup(cap, '', '', report, undefined, undefined);
      if (n === 0) return undefined;
    }
    if (report) {
      const name = (n === parts.length ? parts : parts.slice(0, n)).map((p) => p.text).join('.');
      // the same unknown name against the same table names (every keystroke elsewhere) reuses its suggestions
      const names = this.tableNames();
      const memo = this.cache.tableSuggestions.get(name);
      let suggestions = memo && memo.names === names ? memo.suggestions : undefined;
      if (!suggestions) {
        suggestions = closestNames(name, this.tableCandidates(name));
        if (this.cache.tableSuggestions.size > 1000) this.cache.tableSuggestions.clear();
        this.cache.tableSuggestions.set(name, { names, suggestions });
      }
      const span = n === parts.length ? q.span : spanBetween(parts[0].span, parts[n - 1].span);
      this.diag(uri, span, 'error', BindCodes.unknownTable, `Unknown table '${name}'`, { data: { suggestions: [...suggestions] } });
    }
    return undefined;
  }

  /**
   * The table names and aliases `closestNames` could suggest for `name`, in its candidate order: a
   * name whose length differs by more than the edit distance it accepts cannot be suggested, so
   * it is skipped before its display name is made (an ASCII name's lower case has its length;
   * a non-ASCII name keeps every candidate).
   */
  private tableCandidates(name: string): string[] {
    const out: string[] = [];
    const all = !isAscii(name);
    const max = Math.max(1, Math.floor(name.length / 3));
    for (const e of this.tables.values()) {
      const { schema, name: n } = e.table;
      const length = schema === 'public' ? n.length : schema.length + 1 + n.length;
      // a non-ASCII candidate's lower case may be longer than it
      if (all || Math.abs(length - name.length) <= max || !isAscii(n) || !isAscii(schema)) out.push(displayKey(schema, n));
    }
    for (const a of this.aliases.keys()) if (all || Math.abs(a.length - name.length) <= max || !isAscii(a)) out.push(a);
    return out;
  }

  columnUse(uri: string, entry: TableEntry, ident: Ident): Column | undefined {
    const sym = entry.columns.get(ident.text);
    if (sym === undefined) {
      this.diag(uri, ident.span, 'error', BindCodes.unknownColumn, `Unknown column '${ident.text}' in table '${displayKey(entry.table.schema, entry.table.name)}'`, {
        data: { suggestions: closestNames(ident.text, [...entry.columns.keys()]) },
      });
      return undefined;
    }
    this.occ(uri, ident, sym);
    // a column block's table holds its columns in the block's order: id first + i is column i
    const ids = entry.columns;
    if (ids instanceof BlockColumnIds) return entry.table.columns[sym - ids.first];
    return entry.table.columns.find((c) => c.name === ident.text);
  }

  // ------------------------------------------------------------ refs

  bindRefs(f: SourceFile): void {
    for (const d of f.dbml.decls) {
      if (d.kind === 'ref') this.addSlot('ref', d, f.uri, this.refUnit('ref', d, f.uri));
      else if (d.kind === 'table') {
        const entry = this.entryOf.get(d);
        if (!entry) continue;
        if (!hasInlineRefs(d)) continue;
        entry.inlineSlot = this.slots.length;
        this.addSlot('inline', d, f.uri, this.refUnit('inline', d, f.uri));
      } else if (d.kind === 'tablePartial') {
        const partial = this.partials.get(d.name.parts[0].text);
        if (!partial || partial.decl !== d) continue;
        if (!d.columns.some((c) => c.inlineRefs.length)) continue;
        this.hasPartialRefs = true;
        this.addSlot('partial', d, f.uri, this.bindUnit('partial', d, f.uri));
      }
    }
  }

  /** The duplicate check of a unit's relationships, which then join the schema; the unit takes its place in order. */
  private addSlot(kind: RefSlot['kind'], owner: RefSlot['owner'], uri: string, build: RefBuild): void {
    const dups = this.addRels(build.rels, this.schema.relationships);
    if (dups.length) this.hasDups = true;
    this.slots.push({ kind, owner, uri, build, dups });
  }

  /** Binds one unit of the refs phase afresh, recording what it does in a build. */
  private bindUnit(kind: RefSlot['kind'], d: RefSlot['owner'], uri: string): RefBuild {
    const cap: RefBuild = (this.refCapture = { lookups: [], deps: [], unknown: false, occurrences: [], diagnostics: [], rels: [] });
    const seen = this.seenRels;
    try {
      if (kind === 'ref') this.bindRef(uri, d as RefDecl, seen);
      else if (kind === 'inline') {
        const t = d as TableDecl;
        const entry = this.entryOf.get(t)!;
        // the table's own columns depend on its build too
        this.noteLookup(t.name, false);
        for (let i = 0, n = t.columns.length; i < n; i++) {
          const c = t.columns[i];
          if (isCompactColumnDecl(c)) {
            // a compact line's one inline ref, from its record (its nodes are not made)
            const r = compactInlineRef(c.line);
            if (r) this.bindEndpoints(uri, entry, [compactNameIdent(c.line)], r.target, r.op, r.span, NO_REF_SETTINGS, undefined, seen);
            continue;
          }
          for (let j = 0, m = c.inlineRefs.length; j < m; j++) {
            const r = c.inlineRefs[j];
            this.bindEndpoints(uri, entry, [c.name], r.target, r.op, r.span, NO_REF_SETTINGS, undefined, seen);
          }
        }
      } else {
        this.checkNow = true;
        const p = d as TablePartialDecl;
        const partial = this.partials.get(p.name.parts[0].text)!;
        this.checkPartialRefs(uri, partial);
        // the partial's inline refs become relationships of every table it is injected into,
        // for the columns the partial still provides there (own columns and later partials override)
        for (const [, entry] of this.tables) {
          for (const c of p.columns) {
            if (!c.inlineRefs.length || entry.columnOrigin.get(c.name.text) !== p) continue;
            for (const r of c.inlineRefs) {
              this.bindEndpoints(uri, entry, [c.name], r.target, r.op, r.span, NO_REF_SETTINGS, undefined, seen, true);
            }
          }
        }
      }
    } finally {
      this.refCapture = undefined;
      this.checkNow = false;
    }
    // kept until the unit is bound afresh: each list made exactly as long as it is (a pushed-to array keeps
    // room for 16 or more; a unit holds 1 to 6 entries per list, and there is one unit per Ref)
    cap.lookups = cap.lookups.slice();
    cap.deps = cap.deps.slice();
    cap.occurrences = cap.occurrences.slice();
    cap.rels = cap.rels.slice();
    return cap;
  }

  /**
   * Checks a TablePartial's inline refs once, where they are written: a one-part
   * target names a column of the partial itself; longer targets name a table's column.
   */
  checkPartialRefs(uri: string, partial: PartialEntry): void {
    const name = partial.decl.name.parts[0].text;
    for (const c of partial.decl.columns) {
      for (const r of c.inlineRefs) {
        const t = r.target;
        if (t.tuple || t.parts.length !== 1) {
          const split = splitTarget(t);
          if (!split) continue;
          const entry = this.resolveTable(uri, split.table);
          if (entry) for (const col of split.columns) this.columnUse(uri, entry, col);
          continue;
        }
        const target = t.parts[0];
        const sym = partial.columns.get(target.text);
        if (sym === undefined) {
          this.diag(uri, target.span, 'error', BindCodes.unknownColumn, `Column '${target.text}' does not exist in TablePartial '${name}'`, {
            data: { suggestions: closestNames(target.text, [...partial.columns.keys()]) },
          });
          continue;
        }
        this.occ(uri, target, sym);
        if (target.text === c.name.text) this.diag(uri, r.span, 'error', BindCodes.sameEndpoints, 'Two endpoints are the same');
      }
    }
  }

  /**
   * Binds one unit of refs (a Ref, or one table's inline refs) through its cached
   * build when every table name it looks up still resolves to the same builds.
   */
  refUnit(kind: 'ref' | 'inline', owner: RefDecl | TableDecl, uri: string): RefBuild {
    const cached = this.cache.refs.get(owner);
    if (cached && this.lookupsHold(cached)) return cached;
    const cap = this.bindUnit(kind, owner, uri);
    this.cache.refs.set(owner, cap);
    return cap;
  }

  /** Records, for the ref being bound, what a table lookup resolves to (by build identity). */
  noteLookup(q: QName, report: boolean, n = q.parts.length): void {
    const cap = this.refCapture;
    const parts = q.parts;
    if (!cap) return;
    const key = n === 1 ? this.publicKey(parts[0].text) : n === 2 ? qualifiedKey(parts[0].text, parts[1].text) : '';
    const aliasName = n === 1 ? parts[0].text : '';
    this.recordLookup(cap, key, aliasName, report, key ? this.tables.get(key) : undefined, aliasName ? this.aliases.get(aliasName) : undefined);
  }

  /**
   * Records a lookup in a ref unit's build, with what it found: the table of `key`, the alias
   * `aliasName` (one-part names), and every table name when it found neither and reports that.
   */
  private recordLookup(cap: RefBuild, key: string, aliasName: string, report: boolean, direct: TableEntry | undefined, alias: { entry: TableEntry; symbol: number } | undefined): void {
    cap.lookups.push(key, aliasName, report);
    const deps = cap.deps;
    deps.push(this.buildOf(direct));
    let found = direct !== undefined;
    if (aliasName) {
      deps.push(this.buildOf(alias?.entry), alias?.symbol);
      found ||= alias !== undefined;
    }
    if (report && !found) {
      deps.push(this.tableNames());
      cap.unknown = true;
    }
  }

  /** what a lookup that found `entry` depends on: its build (set for every table before the refs phase) */
  private buildOf(entry: TableEntry | undefined): unknown {
    return entry ? (entry.build ?? entry) : undefined;
  }

  /** table keys and aliases joined: unknown-table suggestions depend on them */
  private tableNames(): string {
    return (this.tableNamesMemo ??= [...this.tables.keys(), '', ...this.aliases.keys()].join('\u0000'));
  }

  /** Do the build's lookups resolve as they did (what lookupDeps recorded, compared in place)? */
  private lookupsHold(b: RefBuild): boolean {
    const deps = b.deps;
    const lookups = b.lookups;
    let j = 0;
    for (let i = 0; i < lookups.length; i += 3) {
      const key = lookups[i] as string;
      const direct = key ? this.tables.get(key) : undefined;
      if (deps[j++] !== (direct ? (direct.build ?? direct) : undefined)) return false;
      let found = direct !== undefined;
      const aliasName = lookups[i + 1] as string;
      if (aliasName) {
        const alias = this.aliases.get(aliasName);
        if (deps[j++] !== (alias ? (alias.entry.build ?? alias.entry) : undefined)) return false;
        if (deps[j++] !== alias?.symbol) return false;
        found ||= alias !== undefined;
      }
      if (lookups[i + 2] && !found && deps[j++] !== this.tableNames()) return false;
    }
    return j === deps.length;
  }

  /** The duplicate check, then the relationships join `into`; returns the duplicates' diagnostics. */
  private addRels(rels: PendingRel[], into: Relationship[]): Diagnostic[] {
    let dups = NO_DIAGS;
    for (const r of rels) {
      const prev = this.seenRels.get(r.dupKey);
      if (prev) {
        const d = this.makeDiag(r.uri, r.span, 'error', BindCodes.duplicateRef, 'A relationship with the same endpoints already exists', { related: [{ uri: prev.uri, span: prev.span, message: 'the other relationship' }] });
        if (d) (dups === NO_DIAGS ? (dups = []) : dups).push(d);
        continue;
      }
      this.seenRels.set(r.dupKey, r);
      into.push(r.rel);
    }
    return dups;
  }

  bindRef(uri: string, d: RefDecl, seen: Map<string, { uri: string; span: Span }>): void {
    if (isCompactRefDecl(d)) {
      this.bindCompactRef(uri, d.ref, seen);
      return;
    }
    if (!d.left || !d.right || !d.op) return;
    const leftEntry = this.resolveTable(uri, d.left.table);
    const rightEntry = this.resolveTable(uri, d.right.table);
    if (!leftEntry || !rightEntry) {
      // still index the columns we can
      if (leftEntry) for (const c of d.left.columns) this.columnUse(uri, leftEntry, c);
      if (rightEntry) for (const c of d.right.columns) this.columnUse(uri, rightEntry, c);
      return;
    }
    this.makeRelationship(uri, leftEntry, d.left.columns, rightEntry, d.right.columns, d.op, d.span, d.settings, d.name?.parts.map((p) => p.text).join('.'), seen);
  }

  /**
   * A compact Ref line (nodes.ts CompactRefNode), from its record: what `bindRef` does with the
   * interpreter's declaration, with the endpoints' identifiers made once (compactRefBound) and the
   * table part of each endpoint looked up in place.
   */
  private bindCompactRef(uri: string, r: CompactRefNode, seen: Map<string, { uri: string; span: Span }>): void {
    const b = compactRefBound(r);
    const lp = b.left.parts;
    const rp = b.right.parts;
    const leftEntry = this.resolveTable(uri, b.left, true, lp.length - 1);
    const rightEntry = this.resolveTable(uri, b.right, true, rp.length - 1);
    const lcols = [lp[lp.length - 1]];
    const rcols = [rp[rp.length - 1]];
    if (!leftEntry || !rightEntry) {
      if (leftEntry) this.columnUse(uri, leftEntry, lcols[0]);
      if (rightEntry) this.columnUse(uri, rightEntry, rcols[0]);
      return;
    }
    this.makeRelationship(uri, leftEntry, lcols, rightEntry, rcols, r.op, b.span, NO_REF_SETTINGS, r.refName, seen, false, false, r.actions);
  }

  /** An inline ref of the column `ownCols` (one ident) of `ownEntry`'s table to `target`. */
  bindEndpoints(
    uri: string,
    ownEntry: TableEntry,
    ownCols: Ident[],
    target: QName,
    op: RelOp,
    span: Span,
    settings: SettingItem[],
    name: string | undefined,
    seen: Map<string, { uri: string; span: Span }>,
    quiet = false,
  ): void {
    let rightEntry: TableEntry | undefined;
    let cols: Ident[];
    const parts = target.parts;
    if (!target.tuple && parts.length === 1) {
      // `[ref: > other_col]`: a column of the same table
      rightEntry = ownEntry;
      cols = [parts[0]];
    } else if (!target.tuple && (parts.length === 2 || parts.length === 3)) {
      // `table.column` or `schema.table.column`: the table is the name's first parts (no second QName made)
      cols = [parts[parts.length - 1]];
      rightEntry = quiet ? this.lookupTable(target, parts.length - 1) : this.resolveTable(uri, target, true, parts.length - 1);
    } else {
      const split = splitTarget(target);
      if (!split) {
        if (!quiet) this.diag(uri, target.span, 'error', BindCodes.unknownColumn, `'${target.parts.map((p) => p.text).join('.')}' must name a column: table.column`);
        return;
      }
      cols = split.columns;
      rightEntry = quiet ? this.lookupTable(split.table) : this.resolveTable(uri, split.table);
    }
    if (!rightEntry) return;
    this.makeRelationship(uri, ownEntry, ownCols, rightEntry, cols, op, span, settings, name, seen, true, quiet);
  }

  /** Resolves a table name (its first `n` parts) without recording anything (for refs checked elsewhere). */
  lookupTable(q: QName, n = q.parts.length): TableEntry | undefined {
    this.noteLookup(q, false, n);
    if (n === 1) return this.tables.get(this.publicKey(q.parts[0].text)) ?? this.aliases.get(q.parts[0].text)?.entry;
    if (n === 2) return this.tables.get(qualifiedKey(q.parts[0].text, q.parts[1].text));
    return undefined;
  }

  makeRelationship(
    uri: string,
    le: TableEntry,
    lcols: Ident[],
    re: TableEntry,
    rcols: Ident[],
    op: RelOp,
    span: Span,
    settings: SettingItem[],
    name: string | undefined,
    seen: Map<string, { uri: string; span: Span }>,
    leftAlreadyIndexed = false,
    quiet = false,
    actions?: string[],
  ): void {
    const lc: (Column | undefined)[] = new Array(lcols.length);
    let missing = false;
    for (let i = 0; i < lcols.length; i++) {
      const c = lcols[i];
      if (!(lc[i] = leftAlreadyIndexed ? columnNamed(le.table, c.text) : this.columnUse(uri, le, c))) missing = true;
    }
    const rc: (Column | undefined)[] = new Array(rcols.length);
    for (let i = 0; i < rcols.length; i++) {
      const c = rcols[i];
      if (!(rc[i] = quiet ? columnNamed(re.table, c.text) : this.columnUse(uri, re, c))) missing = true;
    }
    if (missing) return;
    if (lcols.length !== rcols.length) return;
    // type compatibility, pairwise
    for (let i = 0; i < lc.length; i++) {
      const a = lc[i]!;
      const b = rc[i]!;
      if (!typesCompatible(a.type, b.type)) {
        this.diag(uri, span, 'warning', BindCodes.incompatibleTypes, `Column types do not match: ${le.table.name}.${a.name} is ${a.type.raw || '?'} but ${re.table.name}.${b.name} is ${b.type.raw || '?'}`);
      }
    }
    const lend = { schema: le.table.schema, table: le.table.name, columns: identTexts(lcols), tableKey: le.table.key };
    const rend = { schema: re.table.schema, table: re.table.name, columns: identTexts(rcols), tableKey: re.table.key };
    if (lend.tableKey === rend.tableKey && lend.columns.join(',') === rend.columns.join(',')) {
      this.diag(uri, span, 'error', BindCodes.sameEndpoints, 'Two endpoints are the same');
      return;
    }
    // `from` holds the foreign key: the many side, or the left of `-` and `<>`
    let from = lend;
    let to = rend;
    let cardinality: Cardinality = 'n-1';
    if (op === '<') {
      from = rend;
      to = lend;
    } else if (op === '-') cardinality = '1-1';
    else if (op === '<>') cardinality = 'n-n';
    const dupKey = relationshipKey(from.tableKey, from.columns, to.tableKey, to.columns);
    void seen;
    const rel: Relationship = { name, from, to, cardinality, source: 'declared', origin: this.src(uri, span, span) };
    for (let i = 0; i < settings.length; i++) {
      const s = settings[i];
      if (s.name === 'delete' || s.name === 'update') {
        const act = ACTIONS[exprText(s.value).toLowerCase()];
        if (act) rel[s.name === 'delete' ? 'onDelete' : 'onUpdate'] = act;
      } else if (s.name === 'color') rel.color = exprText(s.value);
    }
    // a compact Ref's settings: (delete or update, action) pairs as written
    if (actions) for (let i = 0; i < actions.length; i += 2) rel[actions[i] === 'delete' ? 'onDelete' : 'onUpdate'] = ACTIONS[actions[i + 1]];
    const pending: PendingRel = { rel, dupKey, uri, span };
    // every relationship is made while a unit of the refs phase is bound
    const cap = this.refCapture;
    if (!cap) return;
    if (this.checkNow) {
      // a partial's injected refs: each is checked as it is made (their diagnostics share the ref's span, in this order)
      for (const dup of this.addRels([pending], this.schema.relationships)) cap.diagnostics.push(dup);
    } else cap.rels.push(pending);
  }

  // ------------------------------------------------------------ groups, notes, records

  bindGroupsNotesRecords(f: SourceFile): void {
    const groupOf = new Map<string, string>();
    for (const g of this.schema.tableGroups) for (const t of g.tables) groupOf.set(t, g.name);
    for (const d of f.dbml.decls) {
      if (d.kind === 'tableGroup') {
        const nameIdent = d.name.parts[d.name.parts.length - 1];
        const gname = d.name.parts.map((p) => p.text).join('.');
        if (this.schema.tableGroups.some((g) => g.name === gname)) {
          this.diag(f.uri, nameIdent.span, 'error', BindCodes.duplicateName, `TableGroup '${gname}' is already defined`);
          continue;
        }
        const group: TableGroup = { name: gname, tables: [], note: d.note?.content, color: exprText(d.settings.find((s) => s.name === 'color')?.value) || undefined, source: this.src(f.uri, nameIdent.span, d.span) };
        const gs = this.symbol('tableGroup', gname, gname, `group:${gname}`, f.uri, nameIdent.span, d.span, { kind: 'tableGroup', group });
        this.occ(f.uri, nameIdent, gs, true);
        for (const m of d.members) {
          const entry = this.resolveTable(f.uri, m);
          if (!entry) continue;
          const other = groupOf.get(entry.table.key);
          if (other !== undefined) {
            this.diag(f.uri, m.span, 'error', BindCodes.groupMembership, `Table '${entry.table.name}' is already in TableGroup '${other}'`);
            continue;
          }
          groupOf.set(entry.table.key, gname);
          group.tables.push(entry.table.key);
        }
        this.schema.tableGroups.push(group);
      } else if (d.kind === 'note') {
        const ident = d.name.parts[0];
        if (this.schema.notes.some((n) => n.name === ident.text)) {
          this.diag(f.uri, ident.span, 'error', BindCodes.duplicateName, `Note '${ident.text}' is already defined`);
          continue;
        }
        this.schema.notes.push({ name: ident.text, content: d.content, source: this.src(f.uri, ident.span, d.span) });
        this.occ(f.uri, ident, this.symbol('note', ident.text, ident.text, `note:${ident.text}`, f.uri, ident.span, d.span, { kind: 'other' }), true);
      } else if (d.kind === 'records' && d.table) {
        const parts = d.table.parts;
        const names = this.recordNames;
        if (parts.length === 1) names.add(this.publicKey(parts[0].text)).add(`@${parts[0].text}`);
        else if (parts.length === 2) names.add(qualifiedKey(parts[0].text, parts[1].text));
        const entry = this.resolveTable(f.uri, d.table);
        if (entry) for (const c of d.columns) this.columnUse(f.uri, entry, c);
      } else if (d.kind === 'table') {
        if (!d.records.length) continue;
        const entry = this.entryOf.get(d);
        if (!entry) continue;
        for (const r of d.records) for (const c of r.columns) this.columnUse(f.uri, entry, c);
      }
    }
  }

  /**
   * The binding's non-empty diagnostics lists in reporting order, each with its rank: 0 the
   * collect phase, 1 + i table i's build, then per ref slot its unit's and its duplicates',
   * then the groups phase and the SQL and Prisma units. A delta replaces lists by rank.
   */
  private segments(): { rank: number; list: Diagnostic[] }[] {
    if (this.segs) return this.segs;
    const segs: { rank: number; list: Diagnostic[] }[] = [];
    const add = (rank: number, list: Diagnostic[]): void => {
      if (list.length) segs.push({ rank, list });
    };
    add(0, this.headDiags);
    const entries = this.entries;
    for (let i = 0; i < entries.length; i++) add(1 + i, entries[i].build!.diagnostics);
    const slots = this.slots;
    for (let i = 0; i < slots.length; i++) {
      add(this.slotRank(i), slots[i].build.diagnostics);
      add(this.slotRank(i) + 1, slots[i].dups);
    }
    add(this.groupsRank(), this.groupDiags);
    add(this.groupsRank() + 1, this.foreignDiags);
    return (this.segs = segs);
  }

  private slotRank(i: number): number {
    return 1 + this.entries.length + 2 * i;
  }

  private groupsRank(): number {
    return 1 + this.entries.length + 2 * this.slots.length;
  }

  /** Every diagnostic per file, in the order a full run reports them. */
  private diagnosticsByUri(): Map<string, Diagnostic[]> {
    const byUri = new Map<string, Diagnostic[]>();
    let lastUri = '';
    let last: Diagnostic[] | undefined;
    const add = (list: Diagnostic[]): void => {
      for (const d of list) {
        if (d.uri !== lastUri || !last) {
          lastUri = d.uri;
          last = byUri.get(d.uri);
          if (!last) byUri.set(d.uri, (last = []));
        }
        last.push(d);
      }
    };
    for (const s of this.segments()) add(s.list);
    return byUri;
  }

  relatedTo(symbol: number, message: string): Diagnostic['related'] {
    const s = this.cache.registry.get(symbol)?.symbol;
    return s ? [{ uri: s.uri, span: s.nameSpan, message }] : undefined;
  }

  /** The binding; the indexes over occurrences and symbols are built on first use, not per keystroke. */
  finish(): Binding {
    const cache = this.cache;
    cache.sweep();
    const gen = cache.gen;
    const live = (id: number): SymbolRecord | undefined => {
      const r = cache.registry.get(id);
      return r && cache.gen === gen && cache.isLive(r) ? r : undefined;
    };
    /** a column symbol of a block this binding uses */
    const liveBlock = (id: number): ColumnBlock | undefined => {
      if (cache.gen !== gen) return undefined;
      const b = cache.blockOf(id);
      return b && cache.blockLive(b) ? b : undefined;
    };
    // what the occurrences are made of, as of this binding (a delta replaces these arrays, never changes them)
    const head = this.occurrences;
    const entries = this.entries;
    const slots = this.slots;
    const groupOccs = this.groupOccs;
    const foreignOccs = this.foreignOccs;
    let all: Occurrence[] | undefined;
    const occurrences = (): Occurrence[] => {
      if (!all) {
        all = head.slice();
        for (const e of entries) {
          const b = e.build!;
          for (const o of b.occurrences) all.push(o);
          if (b.block) for (const o of blockOccurrences(b.block)) all.push(o);
        }
        for (const s of slots) for (const o of s.build.occurrences) all.push(o);
        for (const o of groupOccs) all.push(o);
        for (const o of foreignOccs) all.push(o);
      }
      return all;
    };
    const tables = this.tables;
    let byUri: Map<string, Occurrence[]> | undefined;
    let bySymbol: Map<number, Occurrence[]> | undefined;
    let symbolList: SchemaSymbol[] | undefined;
    let columnKeys: Map<string, number> | undefined;
    const occurrencesByUri = (): Map<string, Occurrence[]> => {
      if (!byUri) {
        byUri = new Map();
        for (const o of occurrences()) {
          let l = byUri.get(o.uri);
          if (!l) byUri.set(o.uri, (l = []));
          l.push(o);
        }
        for (const l of byUri.values()) l.sort((a, b) => a.span.start - b.span.start);
      }
      return byUri;
    };
    return {
      schema: this.schema,
      parts: this.parts,
      databaseType: this.databaseType,
      diagnosticsByUri: (this.diagMap ??= this.diagnosticsByUri()),
      get symbols() {
        if (!symbolList) {
          symbolList = [];
          for (const r of cache.registry.values()) if (live(r.symbol.id)) symbolList.push(r.symbol);
          // a binding that is no longer the cache's lists no block symbols, as `live` lists no registry ones
          if (cache.gen === gen) {
            for (const e of entries) {
              const b = e.build!.block;
              if (b && cache.blockLive(b)) for (let i = 0; i < b.decls.length; i++) symbolList.push(blockSymbol(b, b.first + i));
            }
          }
          symbolList.sort((a, b) => a.id - b.id);
        }
        return symbolList;
      },
      symbol(id) {
        const r = live(id);
        if (r) return r.symbol;
        const b = liveBlock(id);
        return b && blockSymbol(b, id);
      },
      get occurrencesByUri() {
        return occurrencesByUri();
      },
      occurrencesOf(id) {
        if (!bySymbol) {
          bySymbol = new Map();
          for (const o of occurrences()) {
            let l = bySymbol.get(o.symbol);
            if (!l) bySymbol.set(o.symbol, (l = []));
            l.push(o);
          }
          for (const l of bySymbol.values()) l.sort((a, b) => Number(b.isDefinition) - Number(a.isDefinition));
        }
        return bySymbol.get(id) ?? [];
      },
      occurrenceAt(uri, offset) {
        const l = occurrencesByUri().get(uri);
        if (!l) return undefined;
        let lo = 0;
        let hi = l.length - 1;
        let best: Occurrence | undefined;
        while (lo <= hi) {
          const mid = (lo + hi) >> 1;
          if (l[mid].span.start <= offset) {
            best = l[mid];
            lo = mid + 1;
          } else hi = mid - 1;
        }
        if (best && offset <= best.span.end) return best;
        return undefined;
      },
      target(id) {
        const r = live(id);
        if (r) return r.target;
        const b = liveBlock(id);
        return b ? { kind: 'column', table: b.table, column: b.columns[id - b.first] } : { kind: 'other' };
      },
      tableSymbol(key) {
        return tables.get(key)?.symbol;
      },
      columnSymbol(key) {
        if (!columnKeys) {
          columnKeys = new Map();
          for (const [k, e] of tables) for (const [name, id] of e.columns) columnKeys.set(`${k}.${name}`, id);
        }
        return columnKeys.get(key);
      },
    };
  }
}

function splitName(q: QName): { schema: string; name: string; nameIdent: Ident } {
  const nameIdent = q.parts[q.parts.length - 1];
  const schema = q.parts.length > 1 ? q.parts[0].text : 'public';
  return { schema, name: nameIdent.text, nameIdent };
}

/** `t.c`, `s.t.c`, `t.(a, b)` -> the table part and the columns; undefined for a bare name. */
/**
 * Two relationships are duplicates when they join the same columns, whichever side each names first:
 * `key(cols)|key(cols)`, the two endpoints in a fixed order. Made in one string (a join, not a chain of
 * concatenations that the map's hashing would then flatten).
 */
function relationshipKey(ak: string, acols: string[], bk: string, bcols: string[]): string {
  const ac = acols.length === 1 ? acols[0] : acols.join(',');
  const bc = bcols.length === 1 ? bcols[0] : bcols.join(',');
  return ak < bk || (ak === bk && ac < bc) ? [ak, '(', ac, ')|', bk, '(', bc, ')'].join('') : [bk, '(', bc, ')|', ak, '(', ac, ')'].join('');
}

/** Does a table declare an inline ref (`[ref: > users.id]`)? A compact line's record says so without its nodes. */
function hasInlineRefs(t: TableDecl): boolean {
  const cs = t.columns;
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i];
    if (isCompactColumnDecl(c) ? c.line.ref !== undefined : c.inlineRefs.length > 0) return true;
  }
  return false;
}

/** The table's column of that name (the first, as the column map keeps the first). */
function columnNamed(table: Table, name: string): Column | undefined {
  const cs = table.columns;
  for (let i = 0; i < cs.length; i++) if (cs[i].name === name) return cs[i];
  return undefined;
}

/** The idents' texts, as a new array (a literal for the usual one: packed and exactly one element long). */
function identTexts(ids: Ident[]): string[] {
  return ids.length === 1 ? [ids[0].text] : ids.map((c) => c.text);
}

function splitTarget(target: QName): { table: QName; columns: Ident[] } | undefined {
  if (target.tuple) {
    if (!target.parts.length) return undefined;
    const span = spanBetween(target.parts[0].span, target.parts[target.parts.length - 1].span);
    return { table: { parts: target.parts, span }, columns: target.tuple };
  }
  if (target.parts.length < 2 || target.parts.length > 3) return undefined;
  const tparts = target.parts.slice(0, -1);
  return { table: { parts: tparts, span: spanBetween(tparts[0].span, tparts[tparts.length - 1].span) }, columns: [target.parts[target.parts.length - 1]] };
}

/** The binder's symbol kind for a front end's name kind (undefined: no symbol). */
function symbolKindOf(kind: string): SymbolKind | undefined {
  switch (kind) {
    case 'table':
    case 'view':
    case 'model':
    case 'type':
      return 'table';
    case 'column':
    case 'field':
      return 'column';
    case 'enum':
      return 'enum';
    case 'enumValue':
      return 'enumValue';
    case 'schema':
      return 'schema';
    case 'index':
      return 'index';
    default:
      return undefined;
  }
}

function dirOf(uri: string): string {
  const path = uri.split(/[?#]/)[0];
  return path.slice(0, path.lastIndexOf('/') + 1);
}

/** A file name that orders a migration: `V1__x.sql`, `0001_x.sql`, `20240101120000_x.sql`. */
const MIGRATION_NAME = /^(?:V\d+(?:[._]\d+)*__|\d+[_.-])/i;

/**
 * The SQL unit a file belongs to: a migrations folder (ordered file names, or
 * Prisma's `<timestamp>_name/migration.sql`) is one schema replayed in order;
 * any other SQL file stands alone.
 */
export function sqlUnitOf(uri: string): string {
  const path = uri.split(/[?#]/)[0];
  const slash = path.lastIndexOf('/');
  const dir = path.slice(0, slash);
  const name = path.slice(slash + 1);
  if (MIGRATION_NAME.test(name)) return `${dir}/`;
  const parent = dir.slice(dir.lastIndexOf('/') + 1);
  if (/^migration\.sql$/i.test(name) && /^\d+[_-]/.test(parent)) return `${dir.slice(0, dir.lastIndexOf('/'))}/`;
  return path;
}

/** Compares strings with digit runs as numbers (`V2` before `V10`). */
export function naturalCompare(a: string, b: string): number {
  const ra = a.split(/(\d+)/);
  const rb = b.split(/(\d+)/);
  for (let i = 0; i < Math.min(ra.length, rb.length); i++) {
    if (ra[i] === rb[i]) continue;
    if (i % 2 === 1) {
      const d = Number(ra[i]) - Number(rb[i]);
      if (d !== 0) return d;
      return ra[i].length - rb[i].length;
    }
    return ra[i] < rb[i] ? -1 : 1;
  }
  return ra.length - rb.length;
}

const stripped = new Map<string, string>();
/** `e:public.status` -> `public.status`, memoised (the same keys are checked on every binding) */
function stripKind(k: string): string {
  let v = stripped.get(k);
  if (v === undefined) {
    v = k.slice(2);
    if (stripped.size > 100_000) stripped.clear();
    stripped.set(k, v);
  }
  return v;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 128) return false;
  return true;
}

function keyOf(q: QName): string {
  const { schema, name } = splitName(q);
  return qualifiedKey(schema, name);
}

/** `users` for the default schema, `core.users` otherwise. */
export function displayKey(schema: string, name: string): string {
  return schema === 'public' ? name : `${schema}.${name}`;
}

function settingString(settings: SettingItem[], name: string): string | undefined {
  return stringValue(settings.find((x) => x.name === name));
}

/** A setting's string value (`note: 'x'`); undefined for any other value or none. */
function stringValue(s: SettingItem | undefined): string | undefined {
  return s && s.value && s.value.kind === 'string' ? s.value.value : undefined;
}

function defaultOf(v: Expr): ColumnDefault {
  switch (v.kind) {
    case 'number':
      return { kind: 'number', value: v.text };
    case 'unary': {
      // `--+1` is 1, `-+-+-2` is -2: fold the signs
      let e: Expr = v;
      let negative = false;
      while (e.kind === 'unary') {
        if (e.op === '-') negative = !negative;
        e = e.operand;
      }
      return e.kind === 'number' ? { kind: 'number', value: (negative ? '-' : '') + e.text } : { kind: 'expression', value: exprText(v) };
    }
    case 'string':
      return { kind: 'string', value: v.value };
    case 'expression':
      return { kind: 'expression', value: v.value };
    case 'qname': {
      const t = v.name.parts.map((p) => p.text).join('.');
      const low = t.toLowerCase();
      if (low === 'true' || low === 'false') return { kind: 'boolean', value: low };
      if (low === 'null') return { kind: 'null', value: 'null' };
      return { kind: 'enum', value: v.name.parts[v.name.parts.length - 1].text };
    }
    default:
      return { kind: 'expression', value: exprText(v) };
  }
}

/**
 * Binds all files into one schema; with a cache (kept across calls), unchanged tables are reused,
 * and an edit inside one table block rebinds only that table and the refs that name it.
 */
export function bind(files: SourceFile[], options: WorkspaceOptions, cache: BindCache = new BindCache()): Binding {
  const last = cache.last;
  if (last && last.options === options) {
    const b = last.delta(files);
    if (b) {
      cache.stats.delta++;
      return b;
    }
  }
  cache.stats.full++;
  return new Binder(files, options, cache).run();
}
