/**
 * SQL interpretation: replays parsed statements, file after file in the given
 * order (how a migrations folder replays), into ONE dialect-neutral `Schema`,
 * with every declared and used name for the IDE (`SqlName`) and the semantic
 * diagnostics a database would raise (`SQL1xx`: unknown or duplicate tables and
 * columns, ALTER of a missing table).
 *
 * Name rules per dialect: PostgreSQL compares names exactly (unquoted names
 * were folded to lower case by the parser), the others case-insensitively.
 * Default schema: `public` (PostgreSQL), `dbo` (SQL Server), `main` (SQLite);
 * MySQL uses the database of `USE db` (or of a qualified name) as the schema
 * and '' when none is selected; the first database selected by `USE` becomes
 * the model's default schema. Foreign keys resolve when the whole replay is
 * done (SQLite and `FOREIGN_KEY_CHECKS=0` scripts reference tables declared
 * later). Each object's `SourceRef` points at the statement that last changed
 * it. Never throws; never reads text beyond the AST.
 *
 * Incremental (with a `SqlInterpretCache` per unit): a replay records what each
 * statement produced (names, diagnostics, foreign keys, the table it acted on,
 * its schema context) and when each table, type, domain and sequence appeared.
 * When the next call's statements differ from the recorded ones in one CREATE
 * TABLE that keeps its name (a keystroke in a column), only that statement and
 * the later ones acting on its table are replayed, each seeing the model as it
 * was at its place, and the foreign keys from or to that table are resolved
 * again. Replays with drops, renames or redefinitions are not patched.
 */
import type { Diagnostic } from '../../diagnostics.js';
import type { Span } from '../../text/span.js';
import { emptySchema, qualifiedKey, type Column, type ColumnDefault, type ColumnType, type Enum, type Index, type Relationship, type Schema, type SourceRef, type Table } from '../../model/schema.js';
import { normaliseType } from '../../model/types.js';
import type {
  SqlColumnDef,
  SqlDialect,
  SqlFile,
  SqlIdent,
  SqlIndexPart,
  SqlQName,
  SqlReference,
  SqlStatement,
  SqlTableConstraint,
  SqlTypeRef,
} from './ast.js';
import { SqlCodes } from './ast.js';
import { sqliteAffinityName } from './sqlite-affinity.js';

export type SqlNameKind = 'schema' | 'table' | 'view' | 'column' | 'enum' | 'index' | 'sequence';

/** A declared or used name, for navigation, rename and highlights. */
export interface SqlName {
  uri: string;
  span: Span;
  quoted: boolean;
  isDefinition: boolean;
  kind: SqlNameKind;
  /** model key: `schema`, `schema.table`, `schema.table.column`, `schema.enum`, `schema.index`, `schema.sequence` */
  key: string;
}

export interface SqlInterpretation {
  schema: Schema;
  names: SqlName[];
  diagnostics: Diagnostic[];
}

interface PendingFk {
  uri: string;
  from: Table;
  fromColumns: SqlIdent[];
  /** resolved when the target existed at declaration time */
  to?: Table;
  ref: SqlReference;
  /** schema the reference was written in (for unqualified names), and the rest of the search_path */
  schemaAt: string;
  pathAt: string[];
  name?: string;
  statementSpan: Span;
}

const DEFAULT_SCHEMA: Record<SqlDialect, string> = { postgres: 'public', mssql: 'dbo', sqlite: 'main', mysql: '' };

/** The context a statement was replayed in (shared by runs of statements with the same one). */
interface Ctx {
  uri: string;
  current: string;
  path: string[];
  defaultSchema: string;
}

/** Where each model object came from, for patches (see Interpreter.track). */
interface Tracking {
  /** the replay did something a patch cannot redo locally (drop, rename, redefinition, ...) */
  complex: boolean;
  /** index of the statement being replayed */
  index: number;
  tableAt: Map<Table, number>;
  enumAt: Map<Enum, number>;
  domainAt: Map<string, number>;
  sequenceAt: Map<string, number>;
}

/** What resolving one foreign key produced. */
interface FkOut {
  names: SqlName[];
  diags: Diagnostic[];
  rel?: Relationship;
  to?: Table;
}

/** A recorded replay: per statement (OTHER statements left out) what it produced and where it ran. */
interface Replay {
  dialect: SqlDialect;
  uris: string[];
  /** recorded statements per input */
  counts: number[];
  stmts: SqlStatement[];
  ctx: Ctx[];
  /** the table each statement created or acted on */
  touched: (Table | undefined)[];
  names: SqlName[][];
  diags: Diagnostic[][];
  fks: PendingFk[][];
  fkOut: Map<PendingFk, FkOut>;
}

/** Shared empty segment (never written: segments are replaced, not appended to). */
const NONE: never[] = [];

class Interpreter {
  readonly schema: Schema;
  /** swapped for per-step lists while a cached replay records or patches (see SqlInterpretCache) */
  names: SqlName[] = [];
  diagnostics: Diagnostic[] = [];
  readonly tables = new Map<string, Table>();
  private readonly enums = new Map<string, Enum>();
  private readonly domains = new Map<string, SqlTypeRef>();
  fks: PendingFk[] = [];
  /** sequences by lookup key (PostgreSQL lets ALTER TABLE name a sequence) */
  private readonly sequences = new Set<string>();
  /**
   * Bookkeeping for incremental replays (only with a cache): the statement
   * index that created each table, enum, domain and sequence, so a statement
   * replayed later sees the model as it was at its place; `complex` when the
   * replay did something a patch cannot redo locally (drops, renames, ...).
   */
  track: Tracking | undefined;
  /** while patching: statement index being replayed (lookups see only what existed by then) */
  at = Infinity;
  /** while patching: the table a CREATE TABLE rebuilds in place */
  rebuild: Table | undefined;
  /** the main table the last statement acted on (recorded per statement for patches) */
  touched: Table | undefined;
  /** tables removed by DROP (or replaced), so a resolved FK target can be checked in O(1) */
  private readonly removed = new Set<Table>();
  private readonly fold: (s: string) => string;
  private current: string;
  /** PostgreSQL search_path after `current` (unqualified lookups fall back to these) */
  private path: string[] = [];
  uri = '';
  stmtSpan: Span = { start: 0, end: 0 };
  private mysqlDefaultSet = false;

  constructor(private readonly dialect: SqlDialect) {
    this.current = DEFAULT_SCHEMA[dialect];
    this.schema = emptySchema(this.current);
    this.fold = dialect === 'postgres' ? (s) => s : (s) => s.toLowerCase();
  }

  // ---- names and lookup -----------------------------------------------------

  private lk(schema: string, name: string): string {
    return `${this.fold(schema)}\u0000${this.fold(name)}`;
  }

  /** [schema, name] of a qualified name. */
  private split(q: SqlQName): [string, string, SqlIdent | undefined] {
    const p = q.parts;
    const name = p[p.length - 1].text;
    if (p.length >= 2) return [p[p.length - 2].text, name, p[p.length - 2]];
    return [this.current, name, undefined];
  }

  private name(span: Span, quoted: boolean, isDefinition: boolean, kind: SqlNameKind, key: string): void {
    this.names.push({ uri: this.uri, span, quoted, isDefinition, kind, key });
  }

  private identName(id: SqlIdent, isDefinition: boolean, kind: SqlNameKind, key: string): void {
    this.name(id.span, id.quoted, isDefinition, kind, key);
  }

  private diag(span: Span, code: string, message: string, severity: Diagnostic['severity'] = 'error'): void {
    this.diagnostics.push({ uri: this.uri, span, severity, code, message });
  }

  private src(nameSpan: Span): SourceRef {
    return { uri: this.uri, nameSpan, span: this.stmtSpan };
  }

  private ensureSchema(s: string): void {
    if (!this.schema.schemas.includes(s)) this.schema.schemas.push(s);
  }

  /** A table by lookup key, as it existed at the statement being replayed. */
  private getTable(k: string): Table | undefined {
    const t = this.tables.get(k);
    return t && this.track && this.at !== Infinity && !(this.track.tableAt.get(t)! <= this.at) ? undefined : t;
  }

  private getEnum(k: string): Enum | undefined {
    const e = this.enums.get(k);
    return e && this.track && this.at !== Infinity && !(this.track.enumAt.get(e)! <= this.at) ? undefined : e;
  }

  private getDomain(k: string): SqlTypeRef | undefined {
    const d = this.domains.get(k);
    return d && this.track && this.at !== Infinity && !(this.track.domainAt.get(k)! <= this.at) ? undefined : d;
  }

  private hasSequence(k: string): boolean {
    return this.sequences.has(k) && !(this.track && this.at !== Infinity && !(this.track.sequenceAt.get(k)! <= this.at));
  }

  /** Marks the replay as one a patch cannot reproduce (the next call replays everything). */
  private complex(): void {
    if (this.track) this.track.complex = true;
  }

  /** A table by schema and name; an unqualified name also tries the rest of the search_path. */
  private tableAt(s: string, n: string, qualified: boolean): Table | undefined {
    const t = this.getTable(this.lk(s, n));
    if (t || qualified) return t;
    for (const p of this.path) {
      const u = this.getTable(this.lk(p, n));
      if (u) return u;
    }
    return undefined;
  }

  /** Looks a table up; records a use of its name (and schema) when found. */
  private findTable(q: SqlQName, report: boolean, kind: 'table' | 'view' | 'any' = 'any'): Table | undefined {
    const [s, n, sid] = this.split(q);
    let t = this.tableAt(s, n, q.parts.length > 1);
    if (!t && q.parts.length === 1 && this.dialect === 'sqlite') t = this.getTable(this.lk('temp', n));
    const last = q.parts[q.parts.length - 1];
    if (t) {
      if (sid) this.identName(sid, false, 'schema', t.schema);
      this.identName(last, false, t.isView ? 'view' : 'table', t.key);
    } else if (report) {
      this.diag(last.span, SqlCodes.missingTable, `${kind === 'view' ? 'View' : 'Table'} ${this.display(s, n)} does not exist`);
    }
    return t;
  }

  private display(schema: string, name: string): string {
    return schema && schema !== this.schema.defaultSchema ? `${schema}.${name}` : name;
  }

  /**
   * Renames of tables and columns, in order: names recorded before a rename
   * (`upto`) that use the old key are moved to the new one when the replay ends,
   * so every name's key is a key of the final model.
   */
  private readonly renames: { from: string; to: string; upto: number }[] = [];

  /** Folded column name -> column, per table; dropped whenever a table's columns change. */
  private readonly columnIndex = new Map<Table, Map<string, Column>>();

  private findColumn(t: Table, name: string): Column | undefined {
    let index = this.columnIndex.get(t);
    if (!index) {
      index = new Map();
      for (const c of t.columns) {
        const k = this.fold(c.name);
        if (!index.has(k)) index.set(k, c);
      }
      this.columnIndex.set(t, index);
    }
    return index.get(this.fold(name));
  }

  private columnsChanged(t: Table): void {
    this.columnIndex.delete(t);
  }

  private useColumn(t: Table, id: SqlIdent, report: boolean): Column | undefined {
    const c = this.findColumn(t, id.text);
    if (c) this.identName(id, false, 'column', `${t.key}.${c.name}`);
    else if (report) this.diag(id.span, SqlCodes.unknownColumn, `Column ${id.text} does not exist in ${this.display(t.schema, t.name)}`);
    return c;
  }

  // ---- replay -----------------------------------------------------------------

  run(inputs: { uri: string; file: SqlFile }[]): void {
    for (const input of inputs) {
      this.uri = input.uri;
      this.current = this.mysqlDefaultSet ? this.schema.defaultSchema : DEFAULT_SCHEMA[this.dialect];
      this.path = [];
      for (const st of input.file.statements) {
        this.stmtSpan = st.span;
        this.statement(st);
      }
    }
    this.resolveFks();
    this.applyRenames();
  }

  /**
   * `run` that also records, per statement (OTHER statements left out), what
   * it produced and the context it ran in, so a later call can patch the
   * result (`patch`). The recording is only usable when the replay stayed
   * `complex`-free.
   */
  record(inputs: { uri: string; file: SqlFile }[]): Replay {
    const track: Tracking = { complex: false, index: 0, tableAt: new Map(), enumAt: new Map(), domainAt: new Map(), sequenceAt: new Map() };
    this.track = track;
    const rp: Replay = { dialect: this.dialect, uris: [], counts: [], stmts: [], ctx: [], touched: [], names: [], diags: [], fks: [], fkOut: new Map() };
    let ctx: Ctx | undefined;
    for (const input of inputs) {
      this.uri = input.uri;
      this.current = this.mysqlDefaultSet ? this.schema.defaultSchema : DEFAULT_SCHEMA[this.dialect];
      this.path = [];
      rp.uris.push(input.uri);
      let count = 0;
      for (const st of input.file.statements) {
        if (st.kind === 'other') continue;
        if (!ctx || ctx.uri !== this.uri || ctx.current !== this.current || ctx.path !== this.path || ctx.defaultSchema !== this.schema.defaultSchema) {
          ctx = { uri: this.uri, current: this.current, path: this.path, defaultSchema: this.schema.defaultSchema };
        }
        track.index = rp.stmts.length;
        const n0 = this.names.length;
        const d0 = this.diagnostics.length;
        const f0 = this.fks.length;
        this.touched = undefined;
        this.stmtSpan = st.span;
        this.statement(st);
        rp.stmts.push(st);
        rp.ctx.push(ctx);
        rp.touched.push(this.touched);
        rp.names.push(this.names.length > n0 ? this.names.slice(n0) : NONE);
        rp.diags.push(this.diagnostics.length > d0 ? this.diagnostics.slice(d0) : NONE);
        rp.fks.push(this.fks.length > f0 ? this.fks.slice(f0) : NONE);
        count++;
      }
      rp.counts.push(count);
    }
    for (const fk of this.fks) {
      const n0 = this.names.length;
      const d0 = this.diagnostics.length;
      const r = this.resolveFk(fk);
      if (r.rel) this.schema.relationships.push(r.rel);
      rp.fkOut.set(fk, { names: this.names.slice(n0), diags: this.diagnostics.slice(d0), rel: r.rel, to: r.to });
    }
    this.applyRenames();
    track.index = Infinity;
    return rp;
  }

  /** Sets the context statement `j` ran in; lookups see only what existed then. */
  private enter(c: Ctx, j: number): void {
    this.uri = c.uri;
    this.current = c.current;
    this.path = c.path;
    this.schema.defaultSchema = c.defaultSchema;
    this.at = j;
    this.track!.index = j;
  }

  /**
   * The interpretation of `inputs` from the recorded replay `rp` of nearly the
   * same inputs, or undefined when it cannot be patched (the caller replays
   * everything). Statements are compared by identity (SqlParseCache keeps the
   * objects of unchanged statements). Patched: exactly one CREATE TABLE
   * changed, keeping its name. Its table is rebuilt in place, the later
   * statements that acted on it are replayed in their own context, and the
   * foreign keys from or to it are resolved again; everything else is reused.
   */
  patch(rp: Replay, inputs: { uri: string; file: SqlFile }[]): SqlInterpretation | undefined {
    const track = this.track;
    if (!track || track.complex || inputs.length !== rp.uris.length) return undefined;
    let k = 0;
    let changed = -1;
    let next: SqlStatement | undefined;
    for (let f = 0; f < inputs.length; f++) {
      if (inputs[f].uri !== rp.uris[f]) return undefined;
      let count = 0;
      for (const st of inputs[f].file.statements) {
        if (st.kind === 'other') continue;
        count++;
        if (k >= rp.stmts.length) return undefined;
        if (st !== rp.stmts[k]) {
          if (changed >= 0) return undefined;
          changed = k;
          next = st;
        }
        k++;
      }
      if (count !== rp.counts[f]) return undefined;
    }
    if (changed >= 0) {
      const i = changed;
      const old = rp.stmts[i];
      const st = next!;
      const t = rp.touched[i];
      if (old.kind !== 'createTable' || st.kind !== 'createTable' || !t || track.tableAt.get(t) !== i) return undefined;
      if (old.temporary !== st.temporary || st.partitionOf || st.settings.like !== undefined || st.settings.inherits !== undefined) return undefined;
      const finalDefault = this.schema.defaultSchema;
      this.enter(rp.ctx[i], i);
      const [s1, n1] = this.split(old.name);
      const [s2, n2] = this.split(st.name);
      if (s1 !== s2 || n1 !== n2) {
        this.schema.defaultSchema = finalDefault;
        this.at = Infinity;
        return undefined;
      }
      // from here the state changes: a failure means a full replay (the caller drops this one)
      const redo: number[] = [i];
      for (let j = i + 1; j < rp.stmts.length; j++) if (rp.touched[j] === t) redo.push(j);
      rp.stmts[i] = st;
      for (const j of redo) {
        this.enter(rp.ctx[j], j);
        this.names = [];
        this.diagnostics = [];
        this.fks = [];
        this.touched = undefined;
        this.rebuild = j === i ? t : undefined;
        this.stmtSpan = rp.stmts[j].span;
        this.statement(rp.stmts[j]);
        this.rebuild = undefined;
        if (this.touched !== t || track.complex) return undefined;
        for (const fk of rp.fks[j]) rp.fkOut.delete(fk);
        rp.names[j] = this.names;
        rp.diags[j] = this.diagnostics;
        rp.fks[j] = this.fks;
      }
      this.schema.defaultSchema = finalDefault;
      this.at = Infinity;
      track.index = Infinity;
      for (const seg of rp.fks) {
        for (const fk of seg) {
          const o = rp.fkOut.get(fk);
          if (o && o.to !== t && fk.from !== t) continue;
          this.names = [];
          this.diagnostics = [];
          const r = this.resolveFk(fk);
          rp.fkOut.set(fk, { names: this.names, diags: this.diagnostics, rel: r.rel, to: r.to });
        }
      }
    }
    return this.output(rp);
  }

  /** The interpretation a recorded (and maybe patched) replay stands for, in full-replay order. */
  output(rp: Replay): SqlInterpretation {
    const names: SqlName[] = [];
    const diagnostics: Diagnostic[] = [];
    const relationships: Relationship[] = [];
    for (const seg of rp.names) for (const n of seg) names.push(n);
    for (const seg of rp.diags) for (const d of seg) diagnostics.push(d);
    for (const seg of rp.fks) {
      for (const fk of seg) {
        const o = rp.fkOut.get(fk)!;
        for (const n of o.names) names.push(n);
        for (const d of o.diags) diagnostics.push(d);
        if (o.rel) relationships.push(o.rel);
      }
    }
    this.names = names;
    this.diagnostics = diagnostics;
    const s = this.schema;
    return { schema: { ...s, schemas: s.schemas.slice(), tables: s.tables.slice(), enums: s.enums.slice(), relationships }, names, diagnostics };
  }

  private applyRenames(): void {
    for (const r of this.renames) {
      const prefix = r.from + '.';
      for (let k = 0; k < r.upto; k++) {
        const n = this.names[k];
        if (n.key === r.from) n.key = r.to;
        else if (n.key.startsWith(prefix) && (n.kind === 'column' || n.kind === 'index')) n.key = r.to + n.key.slice(r.from.length);
      }
    }
  }

  private statement(st: SqlStatement): void {
    switch (st.kind) {
      case 'createTable':
        return this.createTable(st);
      case 'alterTable':
        return this.alterTable(st);
      case 'createIndex': {
        const t = this.findTable(st.table, true);
        if (!t) return;
        this.touched = t;
        const key = qualifiedKey(t.schema, st.name?.text ?? '');
        if (st.name) this.identName(st.name, true, 'index', key);
        const idx: Index = { name: st.name?.text, parts: this.parts(t, st.parts), unique: st.unique, primaryKey: false, source: st.name ? this.src(st.name.span) : undefined };
        if (st.using) idx.type = st.using;
        if (st.where) idx.where = st.where;
        for (const inc of st.include) this.useColumn(t, inc, true);
        t.indexes.push(idx);
        return;
      }
      case 'createEnum': {
        const [s, n, sid] = this.split(st.name);
        const key = qualifiedKey(s, n);
        if (sid) this.useSchema(sid, s);
        const last = st.name.parts[st.name.parts.length - 1];
        if (this.enums.has(this.lk(s, n))) {
          this.diag(last.span, SqlCodes.duplicateType, `Type ${this.display(s, n)} already exists`);
          this.complex();
        }
        const e: Enum = { key, schema: s, name: n, values: st.values.map((v) => ({ name: v.text, source: this.src(v.span) })), source: this.src(last.span) };
        this.identName(last, true, 'enum', key);
        this.ensureSchema(s);
        this.enums.set(this.lk(s, n), e);
        this.track?.enumAt.set(e, this.track.index);
        this.schema.enums.push(e);
        return;
      }
      case 'alterEnum': {
        const [s, n] = this.split(st.name);
        const e = this.getEnum(this.lk(s, n));
        const last = st.name.parts[st.name.parts.length - 1];
        if (!e) {
          this.diag(last.span, SqlCodes.missingTable, `Type ${this.display(s, n)} does not exist`);
          return;
        }
        this.identName(last, false, 'enum', e.key);
        if (st.addValue) e.values.push({ name: st.addValue.text, source: this.src(st.addValue.span) });
        if (st.renameValue) for (const v of e.values) if (v.name === st.renameValue.from) v.name = st.renameValue.to;
        e.source = this.src(last.span);
        return;
      }
      case 'createDomain': {
        const [s, n] = this.split(st.name);
        if (st.type) {
          const k = this.lk(s, n);
          if (this.domains.has(k)) this.complex();
          this.domains.set(k, st.type);
          this.track?.domainAt.set(k, this.track.index);
        }
        return;
      }
      case 'commentOn': {
        if (st.target === 'table') {
          const t = this.findTable(st.name, true);
          if (t) t.note = st.text ?? undefined;
          this.touched = t;
          return;
        }
        if (st.name.parts.length < 2) return;
        const tq: SqlQName = { parts: st.name.parts.slice(0, -1), span: st.name.span };
        const t = this.findTable(tq, true);
        if (!t) return;
        this.touched = t;
        const c = this.useColumn(t, st.name.parts[st.name.parts.length - 1], true);
        if (c) c.note = st.text ?? undefined;
        return;
      }
      case 'createSchema': {
        const s = st.name.text;
        this.identName(st.name, true, 'schema', s);
        this.ensureSchema(s);
        return;
      }
      case 'createView': {
        const [s, n, sid] = this.split(st.name);
        if (sid) this.useSchema(sid, s);
        const last = st.name.parts[st.name.parts.length - 1];
        const key = qualifiedKey(s, n);
        const existing = this.tables.get(this.lk(s, n));
        if (existing) this.removeTable(existing);
        const view: Table = { key, schema: s, name: n, columns: [], indexes: [], checks: [], settings: {}, isView: true, source: this.src(last.span) };
        if (st.materialized) view.settings.materialized = 'true';
        for (const c of st.columns) {
          view.columns.push(this.column({ name: c, primaryKey: false, unique: false, checks: [], autoIncrement: false, settings: {}, span: c.span }, view));
          this.columnsChanged(view);
          this.identName(c, true, 'column', `${key}.${c.text}`);
        }
        this.identName(last, true, 'view', key);
        this.addTable(view);
        this.touched = view;
        return;
      }
      case 'createSequence': {
        const [s, n, sid] = this.split(st.name);
        if (sid) this.useSchema(sid, s);
        const last = st.name.parts[st.name.parts.length - 1];
        this.identName(last, true, 'sequence', qualifiedKey(s, n));
        const k = this.lk(s, n);
        if (this.track && !this.sequences.has(k)) this.track.sequenceAt.set(k, this.track.index);
        this.sequences.add(k);
        return;
      }
      case 'drop':
        this.complex();
        for (const q of st.names) {
          if (st.object === 'table' || st.object === 'view') {
            // a DROP of a missing object is left to the script's own guards (IF EXISTS, T-SQL IF ...)
            const t = this.findTable(q, false, st.object);
            if (t) this.removeTable(t);
          } else if (st.object === 'type') {
            const [s, n] = this.split(q);
            const e = this.enums.get(this.lk(s, n));
            if (e) {
              this.enums.delete(this.lk(s, n));
              this.schema.enums = this.schema.enums.filter((x) => x !== e);
            }
          } else if (st.object === 'index') {
            const [, n] = this.split(q);
            for (const t of this.schema.tables) t.indexes = t.indexes.filter((i) => i.name === undefined || this.fold(i.name) !== this.fold(n));
          } else if (st.object === 'schema' && this.dialect === 'mysql') {
            const s = this.fold(q.parts[0].text);
            for (const t of [...this.schema.tables]) if (this.fold(t.schema) === s) this.removeTable(t);
          }
        }
        return;
      case 'renameIndex': {
        this.complex();
        const [s, n] = this.split(st.name);
        const f = this.fold(n);
        for (const t of this.schema.tables) {
          if (this.fold(t.schema) !== this.fold(s)) continue;
          for (const idx of t.indexes) {
            if (idx.name === undefined || this.fold(idx.name) !== f) continue;
            this.identName(st.name.parts[st.name.parts.length - 1], false, 'index', qualifiedKey(t.schema, idx.name));
            idx.name = st.to.text;
            idx.source = this.src(st.to.span);
            this.identName(st.to, true, 'index', qualifiedKey(t.schema, st.to.text));
          }
        }
        return;
      }
      case 'setSearchPath':
        this.current = st.schemas[0] ?? DEFAULT_SCHEMA[this.dialect];
        this.path = st.schemas.slice(1);
        return;
      case 'use':
        if (this.dialect === 'mysql') {
          this.current = st.name.text;
          if (!this.mysqlDefaultSet) {
            this.mysqlDefaultSet = true;
            const old = this.schema.defaultSchema;
            this.schema.defaultSchema = st.name.text;
            this.schema.schemas = this.schema.schemas.filter((s) => s !== old || this.schema.tables.some((t) => t.schema === old));
          }
          this.ensureSchema(st.name.text);
        }
        return;
      case 'other':
        return;
    }
  }

  private useSchema(id: SqlIdent, s: string): void {
    this.identName(id, false, 'schema', s);
  }

  private addTable(t: Table): void {
    this.ensureSchema(t.schema);
    this.tables.set(this.lk(t.schema, t.name), t);
    this.track?.tableAt.set(t, this.track.index);
    this.schema.tables.push(t);
  }

  private removeTable(t: Table): void {
    this.complex();
    this.removed.add(t);
    this.tables.delete(this.lk(t.schema, t.name));
    this.schema.tables = this.schema.tables.filter((x) => x !== t);
    for (let k = this.fks.length - 1; k >= 0; k--) if (this.fks[k].from === t || this.fks[k].to === t) this.fks.splice(k, 1);
  }

  private createTable(st: SqlStatement & { kind: 'createTable' }): void {
    const [s, n, sid] = this.split(st.name);
    const last = st.name.parts[st.name.parts.length - 1];
    if (sid) this.useSchema(sid, s);
    const key = qualifiedKey(s, n);
    // a patch rebuilds the table in place: nothing of that name existed at this statement
    const existing = this.rebuild ? undefined : this.tables.get(this.lk(s, n));
    if (existing) {
      if (st.ifNotExists) return;
      this.diag(last.span, SqlCodes.duplicateTable, `Table ${this.display(s, n)} already exists`);
      this.removeTable(existing);
    }
    let t: Table = { key, schema: st.temporary && this.dialect === 'sqlite' ? 'temp' : s, name: n, columns: [], indexes: [], checks: [], settings: { ...st.settings }, source: this.src(last.span) };
    if (t.schema !== s) t.key = qualifiedKey(t.schema, n);
    if (st.comment !== undefined) t.note = st.comment;
    if (this.rebuild) t = this.reuse(this.rebuild, t);
    this.touched = t;
    this.identName(last, true, 'table', t.key);
    // inherited columns first: partitions, INHERITS, LIKE
    const parents: SqlQName[] = [];
    if (st.partitionOf || st.settings.like || st.settings.inherits) this.complex();
    if (st.partitionOf) {
      parents.push(st.partitionOf);
      t.settings['partition of'] = st.partitionOf.parts.map((p) => p.text).join('.');
    }
    if (st.settings.like) parents.push(this.qnameFromText(st.settings.like));
    for (const q of parents) {
      const p = q.parts.length && q.parts[0].span.end > 0 ? this.findTable(q, true) : this.findTableByText(q);
      if (p) for (const c of p.columns) t.columns.push({ ...c, settings: { ...c.settings }, checks: [...c.checks], source: c.source });
      this.columnsChanged(t);
    }
    if (st.settings.inherits) {
      for (const pn of st.settings.inherits.split(',')) {
        const p = this.findTableByText(this.qnameFromText(pn.trim()));
        if (p) {
          for (const c of p.columns) if (!this.findColumn(t, c.name)) t.columns.push({ ...c, settings: { ...c.settings }, checks: [...c.checks] });
          this.columnsChanged(t);
        }
      }
    }
    if (!this.rebuild) this.addTable(t);
    for (const def of st.columns) this.addColumn(t, def);
    for (const con of st.constraints) this.addConstraint(t, con);
  }

  /** Turns the table object `into` into `fresh` (a patch keeps every reference to it valid). */
  private reuse(into: Table, fresh: Table): Table {
    const rec = into as unknown as Record<string, unknown>;
    for (const k of Object.keys(rec)) if (!(k in fresh)) delete rec[k];
    Object.assign(into, fresh);
    this.columnsChanged(into);
    return into;
  }

  /** A name kept as settings text (`public.parent`), without spans. */
  private qnameFromText(text: string): SqlQName {
    const parts = text.split('.').map((p): SqlIdent => {
      const quoted = /^["`[]/.test(p);
      const body = quoted ? p.slice(1, -1) : this.dialect === 'postgres' ? p.toLowerCase() : p;
      return { text: body, written: p, span: { start: 0, end: 0 }, quoted };
    });
    return { parts, span: { start: 0, end: 0 } };
  }

  private findTableByText(q: SqlQName): Table | undefined {
    const [s, n] = this.split(q);
    return this.tables.get(this.lk(s, n));
  }

  private addColumn(t: Table, def: SqlColumnDef): Column {
    const key = `${t.key}.${def.name.text}`;
    const dup = this.findColumn(t, def.name.text);
    if (dup && !t.settings['partition of'] && !t.settings.inherits) {
      this.diag(def.name.span, SqlCodes.duplicateColumn, `Column ${def.name.text} is declared twice in ${this.display(t.schema, t.name)}`);
    }
    const col = this.column(def, t);
    if (dup) t.columns[t.columns.indexOf(dup)] = col;
    else t.columns.push(col);
    const index = this.columnIndex.get(t);
    if (index) index.set(this.fold(col.name), col);
    this.identName(def.name, true, 'column', key);
    if (def.references) this.addFk(t, [def.name], def.references, undefined);
    return col;
  }

  private column(def: SqlColumnDef, t: Table): Column {
    const type = def.type ? this.type(def.type, t, def.name.text) : normaliseType('', '', []);
    const col: Column = {
      name: def.name.text,
      type,
      nullable: def.notNull !== true && !def.primaryKey,
      nullabilityExplicit: def.notNull !== undefined,
      primaryKey: def.primaryKey,
      unique: def.unique,
      autoIncrement: def.autoIncrement,
      checks: [...def.checks],
      settings: { ...def.settings },
      source: this.src(def.name.span),
    };
    if (def.default !== undefined) {
      col.default = defaultOf(def.default);
      if (/^nextval\s*\(/i.test(def.default)) col.autoIncrement = true;
    }
    if (def.generated !== undefined) col.generated = def.generated;
    if (def.comment !== undefined) col.note = def.comment;
    if (def.collate) col.settings.collate = def.collate;
    return col;
  }

  private type(ref: SqlTypeRef, t: Table, column: string): ColumnType {
    let enumKey: string | undefined;
    // MySQL's `unsigned`/`signed`/`zerofill` qualify the integer type, they do not rename it
    // (`smallint unsigned` is a 16-bit integer, as the database's catalog says); they stay in `raw`
    let name = ref.name.endsWith('signed') || ref.name.endsWith('zerofill') ? stripIntegerFlags(ref.name) : ref.name;
    if (ref.ref && !isBuiltin(ref.name)) {
      const [s, n, sid] = this.split(ref.ref);
      let e = this.getEnum(this.lk(s, n));
      if (!e && ref.ref.parts.length === 1) for (const p of this.path) e ??= this.getEnum(this.lk(p, n));
      const last = ref.ref.parts[ref.ref.parts.length - 1];
      if (e) {
        enumKey = e.key;
        if (sid) this.useSchema(sid, s);
        this.identName(last, false, 'enum', e.key);
      } else {
        const d = this.getDomain(this.lk(s, n));
        if (d) return normaliseType(ref.raw, d.name, d.args, d.isArray || ref.isArray);
        name = n;
      }
    }
    if ((ref.name === 'enum' || ref.name === 'set') && this.dialect === 'mysql' && ref.args.length) {
      this.complex();
      const key = qualifiedKey(t.schema, `${t.name}_${column}`);
      const e: Enum = { key, schema: t.schema, name: `${t.name}_${column}`, values: ref.args.map((a) => ({ name: unquote(a) })), source: this.src(ref.span) };
      this.enums.set(this.lk(t.schema, e.name), e);
      this.schema.enums = this.schema.enums.filter((x) => x.key !== key);
      this.schema.enums.push(e);
      if (ref.name === 'enum') enumKey = key;
    }
    const type = normaliseType(ref.raw, name, ref.args, ref.isArray, enumKey);
    // SQLite: a type of several words nobody knows (`BLOB SUB_TYPE TEXT`) has the affinity SQLite gives it
    if (this.dialect === 'sqlite' && type.family === 'other' && name.includes(' ')) return normaliseType(ref.raw, sqliteAffinityName(name), ref.args, ref.isArray);
    return type;
  }

  private parts(t: Table, parts: SqlIndexPart[]): Index['parts'] {
    return parts.map((p) => {
      if (p.column) {
        const c = this.useColumn(t, p.column, true);
        return { column: c?.name ?? p.column.text, span: p.span };
      }
      return { expression: p.expression, span: p.span };
    });
  }

  private addConstraint(t: Table, con: SqlTableConstraint): void {
    switch (con.kind) {
      case 'primaryKey':
      case 'unique': {
        const parts = this.parts(t, con.parts);
        const cols = parts.map((p) => (p.column ? this.findColumn(t, p.column) : undefined));
        if (parts.length === 1 && cols[0]) {
          if (con.kind === 'primaryKey') {
            cols[0].primaryKey = true;
            cols[0].nullable = false;
          } else cols[0].unique = true;
          if (con.name) cols[0].settings[con.kind === 'primaryKey' ? 'pk name' : 'unique name'] = con.name.text;
        } else if (parts.length) {
          if (con.kind === 'primaryKey') for (const c of cols) if (c) c.nullable = false;
          t.indexes.push({ name: con.name?.text, parts, unique: true, primaryKey: con.kind === 'primaryKey', source: con.name ? this.src(con.name.span) : undefined });
        }
        return;
      }
      case 'foreignKey':
        for (const p of con.parts) if (p.column) this.useColumn(t, p.column, true);
        if (con.references) this.addFk(t, con.parts.map((p) => p.column!).filter(Boolean), con.references, con.name?.text);
        return;
      case 'check':
        t.checks.push({ name: con.name?.text, expression: con.expression ?? '', source: con.name ? this.src(con.name.span) : undefined });
        return;
      case 'index':
        t.indexes.push({ name: con.name?.text, parts: this.parts(t, con.parts), unique: false, primaryKey: false, type: con.indexType, source: con.name ? this.src(con.name.span) : undefined });
        return;
      case 'exclude':
        return;
    }
  }

  private addFk(t: Table, fromColumns: SqlIdent[], ref: SqlReference, name: string | undefined): void {
    const [s, n] = this.split(ref.table);
    const to = this.tableAt(s, n, ref.table.parts.length > 1);
    this.fks.push({ uri: this.uri, from: t, fromColumns, to, ref, schemaAt: this.current, pathAt: this.path, name, statementSpan: this.stmtSpan });
  }

  private alterTable(st: SqlStatement & { kind: 'alterTable' }): void {
    const [s0, n0] = this.split(st.name);
    const isSequence = this.hasSequence(this.lk(s0, n0));
    if (isSequence) {
      const l = st.name.parts[st.name.parts.length - 1];
      this.identName(l, false, 'sequence', qualifiedKey(s0, n0));
      return;
    }
    const t = this.findTable(st.name, !st.ifExists);
    if (!t) return;
    this.touched = t;
    const last = st.name.parts[st.name.parts.length - 1];
    t.source = this.src(last.span);
    for (const a of st.actions) {
      switch (a.kind) {
        case 'addColumn':
          this.addColumn(t, a.column);
          break;
        case 'dropColumn': {
          const c = this.useColumn(t, a.name, true);
          if (c) t.columns = t.columns.filter((x) => x !== c);
          this.columnsChanged(t);
          break;
        }
        case 'alterColumn': {
          const c = this.useColumn(t, a.name, true);
          if (!c) break;
          if (a.type) c.type = this.type(a.type, t, c.name);
          if (a.notNull !== undefined) {
            c.nullable = !a.notNull;
            c.nullabilityExplicit = true;
          }
          if (a.setDefault !== undefined) {
            c.default = defaultOf(a.setDefault);
            if (/^nextval\s*\(/i.test(a.setDefault)) c.autoIncrement = true;
          }
          if (a.dropDefault) delete c.default;
          c.source = this.src(a.name.span);
          break;
        }
        case 'changeColumn': {
          this.complex();
          const c = this.useColumn(t, a.from, true);
          const col = this.column(a.column, t);
          if (c) t.columns[t.columns.indexOf(c)] = col;
          else t.columns.push(col);
          this.columnsChanged(t);
          if (c && c.name !== col.name) {
            this.renameFkColumn(t, c.name, col.name);
            this.renames.push({ from: `${t.key}.${c.name}`, to: `${t.key}.${col.name}`, upto: this.names.length });
          }
          this.identName(a.column.name, true, 'column', `${t.key}.${col.name}`);
          if (a.column.references) this.addFk(t, [a.column.name], a.column.references, undefined);
          break;
        }
        case 'renameColumn': {
          this.complex();
          const c = this.useColumn(t, a.from, true);
          if (!c) break;
          const old = c.name;
          this.renames.push({ from: `${t.key}.${old}`, to: `${t.key}.${a.to.text}`, upto: this.names.length });
          c.name = a.to.text;
          this.columnsChanged(t);
          c.source = this.src(a.to.span);
          this.identName(a.to, true, 'column', `${t.key}.${c.name}`);
          this.renameFkColumn(t, old, c.name);
          break;
        }
        case 'addConstraint':
          this.addConstraint(t, a.constraint);
          break;
        case 'dropConstraint': {
          this.complex();
          const f = this.fold(a.name.text);
          for (let k = this.fks.length - 1; k >= 0; k--) if (this.fks[k].from === t && this.fks[k].name !== undefined && this.fold(this.fks[k].name!) === f) this.fks.splice(k, 1);
          t.indexes = t.indexes.filter((i) => i.name === undefined || this.fold(i.name) !== f);
          t.checks = t.checks.filter((i) => i.name === undefined || this.fold(i.name) !== f);
          break;
        }
        case 'renameTo': {
          this.complex();
          const [s, n] = this.split(a.to);
          this.tables.delete(this.lk(t.schema, t.name));
          const oldKey = t.key;
          if (a.to.parts.length > 1) t.schema = s;
          t.name = n;
          t.key = qualifiedKey(t.schema, n);
          this.renames.push({ from: oldKey, to: t.key, upto: this.names.length });
          this.tables.set(this.lk(t.schema, t.name), t);
          const l = a.to.parts[a.to.parts.length - 1];
          t.source = this.src(l.span);
          this.identName(l, true, t.isView ? 'view' : 'table', t.key);
          break;
        }
        case 'attachPartition': {
          this.complex();
          const p = this.findTable(a.partition, true);
          if (p) p.settings['partition of'] = t.key;
          break;
        }
        case 'other':
          break;
      }
    }
  }

  private renameFkColumn(t: Table, from: string, to: string): void {
    const f = this.fold(from);
    for (const fk of this.fks) {
      if (fk.from === t) fk.fromColumns = fk.fromColumns.map((c) => (this.fold(c.text) === f ? { ...c, text: to } : c));
      if (fk.to === t) fk.ref = { ...fk.ref, columns: fk.ref.columns.map((c) => (this.fold(c.text) === f ? { ...c, text: to } : c)) };
    }
  }

  /** Resolves every foreign key against the final tables. */
  private resolveFks(): void {
    for (const fk of this.fks) {
      const r = this.resolveFk(fk);
      if (r.rel) this.schema.relationships.push(r.rel);
    }
  }

  /** Resolves one foreign key: its relationship (when the target exists) and the target; names and diagnostics go to the lists. */
  resolveFk(fk: PendingFk): { rel?: Relationship; to?: Table } {
    const severity: Diagnostic['severity'] = this.dialect === 'sqlite' ? 'warning' : 'error';
    {
      this.uri = fk.uri;
      this.stmtSpan = fk.statementSpan;
      const saved = this.current;
      const savedPath = this.path;
      this.current = fk.schemaAt;
      this.path = fk.pathAt;
      let to = fk.to && !this.removed.has(fk.to) ? fk.to : undefined;
      if (!to) {
        const [s, n] = this.split(fk.ref.table);
        to = this.tableAt(s, n, fk.ref.table.parts.length > 1);
      }
      const last = fk.ref.table.parts[fk.ref.table.parts.length - 1];
      if (!to) {
        const [s, n] = this.split(fk.ref.table);
        this.diag(last.span, SqlCodes.unknownTable, `Referenced table ${this.display(s, n)} does not exist`, severity);
        this.current = saved;
        this.path = savedPath;
        return {};
      }
      const sid = fk.ref.table.parts.length > 1 ? fk.ref.table.parts[fk.ref.table.parts.length - 2] : undefined;
      if (sid) this.useSchema(sid, to.schema);
      this.identName(last, false, to.isView ? 'view' : 'table', to.key);
      let toColumns: string[];
      if (fk.ref.columns.length) {
        toColumns = fk.ref.columns.map((c) => this.useColumn(to!, c, true)?.name ?? c.text);
      } else {
        toColumns = to.columns.filter((c) => c.primaryKey).map((c) => c.name);
        if (!toColumns.length) toColumns = to.indexes.find((i) => i.primaryKey)?.parts.map((p) => p.column ?? '') ?? [];
      }
      const fromColumns = fk.fromColumns.map((c) => this.findColumn(fk.from, c.text)?.name ?? c.text);
      const fromCols = fromColumns.map((c) => this.findColumn(fk.from, c));
      const oneToOne = fromCols.length === 1 && !!fromCols[0] && (fromCols[0].primaryKey || fromCols[0].unique) && !(fk.from.indexes.some((i) => i.primaryKey) && fromCols[0].primaryKey === false);
      const rel: Relationship = {
        from: { schema: fk.from.schema, table: fk.from.name, columns: fromColumns, tableKey: fk.from.key },
        to: { schema: to.schema, table: to.name, columns: toColumns, tableKey: to.key },
        cardinality: oneToOne ? '1-1' : 'n-1',
        source: 'declared',
        origin: { uri: fk.uri, nameSpan: fk.ref.span, span: fk.statementSpan },
      };
      if (fk.name) rel.name = fk.name;
      if (fk.ref.onDelete) rel.onDelete = fk.ref.onDelete;
      if (fk.ref.onUpdate) rel.onUpdate = fk.ref.onUpdate;
      this.current = saved;
      this.path = savedPath;
      return { rel, to };
    }
  }
}

const BUILTIN = new Set(['int', 'integer', 'text', 'varchar', 'bigint', 'smallint', 'boolean', 'bool', 'date', 'timestamp', 'numeric', 'decimal', 'real', 'uuid', 'json', 'jsonb', 'bytea', 'serial', 'bigserial', 'char', 'float', 'double precision']);

function isBuiltin(name: string): boolean {
  return BUILTIN.has(name);
}

function unquote(s: string): string {
  const t = s.trim();
  if (t.length >= 2 && (t[0] === "'" || t[0] === '"') && t[t.length - 1] === t[0]) return t.slice(1, -1).split(t[0] + t[0]).join(t[0]);
  return t;
}

/** Classifies a DEFAULT expression as written. */
function defaultOf(text: string): ColumnDefault {
  let t = text.trim();
  while (t.startsWith('(') && t.endsWith(')') && balanced(t.slice(1, -1))) t = t.slice(1, -1).trim();
  const lower = t.toLowerCase();
  if (lower === 'null' || lower.startsWith('null::')) return { kind: 'null', value: 'null' };
  if (lower === 'true' || lower === 'false') return { kind: 'boolean', value: lower };
  if (/^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(t)) return { kind: 'number', value: t };
  const m = /^(?:[nNeE])?'((?:[^']|'')*)'(?:::[\w\s."]+(?:\[\])?)?$/.exec(t);
  if (m) return { kind: 'string', value: m[1].split("''").join("'") };
  if (/^'(?:[^']|'')*'$/.test(t)) return { kind: 'string', value: t.slice(1, -1) };
  return { kind: 'expression', value: t };
}

function balanced(s: string): boolean {
  let d = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 40) d++;
    else if (c === 41 && --d < 0) return false;
  }
  return d === 0;
}

/**
 * The last interpretation of ONE unit, for `interpretSql` to patch on the next
 * call instead of replaying every statement (keep one per unit, next to the
 * files' `SqlParseCache`s). A result obtained with a cache shares its model
 * objects with the next one: the table a patch rebuilds is the same object,
 * changed in place (like SqlParseCache shifts the spans of reused statements).
 */
export class SqlInterpretCache {
  /** @internal */
  replay: { rp: Replay; it: Interpreter } | undefined;
  /** how the last call produced its result: 'patch' (a few statements replayed) or 'full' */
  last: 'full' | 'patch' = 'full';
}

/**
 * Replays the statements of `inputs` (in order) into one Schema, with names
 * and semantic diagnostics. With the unit's `cache`, an edit of one CREATE
 * TABLE (the usual keystroke) replays only that statement and those that act
 * on its table; the result is the same as a full replay. Never throws.
 */
export function interpretSql(inputs: { uri: string; file: SqlFile }[], dialect: SqlDialect, cache?: SqlInterpretCache): SqlInterpretation {
  if (cache) {
    const prev = cache.replay;
    cache.replay = undefined;
    cache.last = 'full';
    if (prev && prev.rp.dialect === dialect) {
      try {
        const r = prev.it.patch(prev.rp, inputs);
        if (r) {
          cache.replay = prev;
          cache.last = 'patch';
          return r;
        }
      } catch {
        // a full replay below
      }
    }
    const it = new Interpreter(dialect);
    try {
      const rp = it.record(inputs);
      if (!it.track!.complex) {
        cache.replay = { rp, it };
        return it.output(rp);
      }
    } catch (e) {
      it.diagnostics.push({ uri: inputs[0]?.uri ?? '', span: { start: 0, end: 0 }, severity: 'error', code: SqlCodes.internal, message: `Internal error while interpreting: ${e instanceof Error ? e.message : String(e)}` });
    }
    return { schema: it.schema, names: it.names, diagnostics: it.diagnostics };
  }
  const it = new Interpreter(dialect);
  try {
    it.run(inputs);
  } catch (e) {
    it.diagnostics.push({ uri: inputs[0]?.uri ?? '', span: { start: 0, end: 0 }, severity: 'error', code: SqlCodes.internal, message: `Internal error while interpreting: ${e instanceof Error ? e.message : String(e)}` });
  }
  return { schema: it.schema, names: it.names, diagnostics: it.diagnostics };
}

/** `smallint unsigned zerofill` -> `smallint` (only trailing MySQL integer flags go; a lone `unsigned` stays). */
function stripIntegerFlags(name: string): string {
  let n = name;
  for (;;) {
    const sp = n.lastIndexOf(' ');
    if (sp < 0) return n;
    const w = n.slice(sp + 1);
    if (w !== 'unsigned' && w !== 'signed' && w !== 'zerofill') return n;
    n = n.slice(0, sp);
  }
}
