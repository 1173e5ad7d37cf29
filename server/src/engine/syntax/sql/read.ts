/**
 * The DDL reader: one statement's token tree (parser.ts) -> one typed AST
 * node (ast.ts), per dialect. This is the DDL grammar: CREATE TABLE / INDEX /
 * TYPE / DOMAIN / VIEW / SEQUENCE / SCHEMA, ALTER TABLE / TYPE, COMMENT ON,
 * DROP, USE, RENAME TABLE, recursive descent over the tree with a cursor.
 *
 * Keywords are matched by lower-cased word, so every keyword stays usable as a
 * name. Clauses that do not change the model (storage options, deferrability,
 * ownership, ...) are tolerated and kept as settings text. A syntax error is
 * reported at its token and costs only the element (column, constraint, ALTER
 * action) it is in: the rest of the statement is still read.
 *
 * Token offsets are relative to the statement text; spans are made absolute
 * (statement offset `base` added). When asked to, every span object made here
 * is also pushed to `spans` so the cache can shift a reused statement in place.
 * Never throws.
 */
import type {
  SqlAlterAction,
  SqlColumnDef,
  SqlDiag,
  SqlDialect,
  SqlDropKind,
  SqlIdent,
  SqlIndexPart,
  SqlQName,
  SqlRefAction,
  SqlReference,
  SqlStatement,
  SqlTableConstraint,
  SqlTypeRef,
} from './ast.js';
import { SqlCodes } from './ast.js';
import type { Span } from '../../text/span.js';
import type { Group, Leaf, Node } from './parser.js';
import { AtWord, BacktickIdent, BracketIdent, Comma, Dot, DollarString, EscString, LBracket, MyQuotedIdent, MyString, NumberLit, Operator, QuotedIdent, RBracket, StringLit, Word } from './lexer.js';

/** Thrown inside the reader to abandon the current element; never escapes read(). */
class Abort {
  constructor(readonly reported: boolean) {}
}

/** A cursor over a list of sibling nodes. */
class Cur {
  i = 0;
  constructor(
    readonly items: Node[],
    /** offset used for errors at the end of the list */
    readonly endOffset: number,
  ) {}
  get done(): boolean {
    return this.i >= this.items.length;
  }
  peek(k = 0): Node | undefined {
    return this.items[this.i + k];
  }
  next(): Node | undefined {
    return this.items[this.i++];
  }
  rest(): Node[] {
    return this.items.slice(this.i);
  }
}

/** Lower-cased image of a Word leaf, '' for anything else. */
export function kw(n: Node | undefined): string {
  return n === undefined || n.group ? '' : n.lower;
}

function isIdentLeaf(n: Node | undefined): n is Leaf {
  if (!n || n.group) return false;
  const t = n.type;
  return t === Word || t === QuotedIdent || t === BacktickIdent || t === BracketIdent || t === MyQuotedIdent || t === AtWord;
}

function isStringLeaf(n: Node | undefined): n is Leaf {
  if (!n || n.group) return false;
  const t = n.type;
  return t === StringLit || t === EscString || t === MyString || t === DollarString;
}

function isPunct(n: Node | undefined, image: string): boolean {
  return !!n && !n.group && n.image === image;
}

/** Splits a list of nodes at top-level commas (each part an exact-size slice: no per-node pushes). */
function splitCommas(items: Node[]): Node[][] {
  const out: Node[][] = [];
  let from = 0;
  for (let k = 0; k < items.length; k++) {
    const n = items[k];
    if (!n.group && n.type === Comma) {
      out.push(items.slice(from, k));
      from = k + 1;
    }
  }
  if (from < items.length || out.length) out.push(items.slice(from));
  return out;
}

/** The texts of the comma-separated parts of `items` (type arguments), without the part arrays. */
function commaTexts(items: Node[], text: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (let k = 0; k <= items.length; k++) {
    if (k === items.length ? from < k || out.length > 0 : !items[k].group && (items[k] as Leaf).type === Comma) {
      out.push(k > from ? text.slice(items[from].start, items[k - 1].end) : '');
      from = k + 1;
    }
  }
  return out.slice(); // exact size: the AST keeps it
}

/** Unquotes a string literal token image (`'a''b'`, `E'a\'b'`, `N'x'`, `$$x$$`). */
export function stringValue(image: string): string {
  const c0 = image.charCodeAt(0);
  if (c0 === 36 /* $ */) {
    const tagEnd = image.indexOf('$', 1);
    const tag = image.slice(0, tagEnd + 1);
    const body = image.slice(tag.length);
    return body.endsWith(tag) ? body.slice(0, body.length - tag.length) : body;
  }
  const q = image.indexOf("'");
  const quoteChar = q >= 0 ? "'" : '"';
  const open = q >= 0 ? q : image.indexOf('"');
  let body = image.slice(open + 1);
  if (body.endsWith(quoteChar)) body = body.slice(0, -1);
  const backslash = open > 0 && (image[0] === 'e' || image[0] === 'E');
  if (backslash || image.includes('\\')) {
    // E'' strings (and MySQL strings) use backslash escapes
    if (backslash || !image.startsWith("'")) body = body.replace(/\\(.)/g, '$1');
  }
  return body.split(quoteChar + quoteChar).join(quoteChar);
}

/**
 * The settings and checks of a column without any: one shared, frozen empty
 * object and array (most columns have none; an AST is never mutated once read,
 * and a whole file's AST is what the garbage collector copies). The reader
 * gives a column its own on the first write.
 */
const NO_SETTINGS: Record<string, string> = Object.freeze({}) as Record<string, string>;
const NO_CHECKS: string[] = Object.freeze([]) as unknown as string[];
/** Type arguments and INCLUDE lists when there are none (shared and frozen likewise). */
const NO_ARGS: string[] = Object.freeze([]) as unknown as string[];
const NO_IDENTS: SqlIdent[] = Object.freeze([]) as unknown as SqlIdent[];

function ownSettings(col: SqlColumnDef): Record<string, string> {
  if (col.settings === NO_SETTINGS) col.settings = {};
  return col.settings;
}

function ownChecks(col: SqlColumnDef): string[] {
  if (col.checks === NO_CHECKS) col.checks = [];
  return col.checks;
}

const ACTIONS: Record<string, SqlRefAction> = { cascade: 'cascade', restrict: 'restrict', 'set null': 'set null', 'set default': 'set default', 'no action': 'no action' };

/** Words that end a DEFAULT / ON UPDATE expression of a column. */
const COLUMN_STOP = new Set([
  'not',
  'null',
  'primary',
  'unique',
  'references',
  'check',
  'constraint',
  'collate',
  'generated',
  'identity',
  'auto_increment',
  'autoincrement',
  'comment',
  'default',
  'deferrable',
  'initially',
  'on',
  'character',
  'charset',
  'storage',
  'compression',
  'rowguidcol',
  'sparse',
  'invisible',
  'visible',
  'column_format',
  'first',
  'after',
  'as',
  'with',
  'key',
  'using',
  'no',
  'include',
  'persisted',
  'stored',
  'virtual',
]);

const TABLE_CONSTRAINT_START = new Set(['constraint', 'primary', 'unique', 'foreign', 'check', 'exclude']);

/** First words of statements that never change the schema: skipped silently. */
export const NON_DDL = new Set([
  'insert', 'update', 'delete', 'select', 'with', 'values', 'set', 'copy', 'grant', 'revoke', 'begin', 'commit', 'rollback', 'start',
  'end', 'savepoint', 'release', 'abort', 'truncate', 'analyze', 'analyse', 'vacuum', 'explain', 'show', 'lock', 'unlock', 'declare',
  'exec', 'execute', 'print', 'if', 'while', 'pragma', 'reindex', 'refresh', 'cluster', 'discard', 'do', 'call', 'prepare',
  'deallocate', 'listen', 'notify', 'unlisten', 'load', 'fetch', 'close', 'move', 'checkpoint', 'security', 'import', 'reset', 'flush',
  'replace', 'handler', 'optimize', 'repair', 'checksum', 'kill', 'source', 'attach', 'detach', 'merge', 'return', 'open',
  'raiserror', 'throw', 'waitfor', 'deny', 'backup', 'restore', 'dbcc', 'bulk', 'setuser', 'revert', 'table', 'label', 'get',
  'describe', 'desc', 'help', 'purge', 'install', 'uninstall', 'xa', 'change', 'stop', 'shutdown', 'binlog', 'cache', 'transaction',
  'enable', 'disable', 'go', 'goto', 'break', 'continue', 'else', 'sp_addextendedproperty', 'dbms_output',
]);

/** CREATE/ALTER/DROP targets that do not change tables: skipped silently. */
const SILENT_OBJECTS = new Set([
  'function', 'procedure', 'proc', 'trigger', 'extension', 'role', 'user', 'language', 'rule', 'policy', 'publication', 'subscription',
  'event', 'cast', 'operator', 'aggregate', 'server', 'login', 'database', 'tablespace', 'group', 'conversion', 'collation',
  'text', 'transform', 'access', 'foreign', 'default', 'statistics', 'synonym', 'assembly', 'certificate', 'credential', 'master',
  'fulltext', 'partition', 'queue', 'routine', 'large', 'system', 'instance', 'logfile', 'resource', 'spatial', 'xml', 'owned', 'routine',
]);

export class StatementReader {
  diags: SqlDiag[] = [];
  spans: Span[] = [];
  private text = '';
  private base = 0;
  private collect = false;
  private dialect: SqlDialect = 'postgres';

  /**
   * Reads one statement's tree. `text` is the statement's own text (offsets are
   * into it). Diagnostics go to `diags` and, with `collectSpans`, every span made
   * to `spans`: the caller's lists when given (no copy per statement), else new ones.
   */
  read(items: Node[], text: string, dialect: SqlDialect, base = 0, collectSpans = false, spans?: Span[], diags?: SqlDiag[]): SqlStatement {
    this.diags = diags ?? [];
    this.spans = spans ?? [];
    this.base = base;
    this.collect = collectSpans;
    this.text = text;
    this.dialect = dialect;
    const c = new Cur(items, text.length);
    try {
      return this.statement(c);
    } catch (e) {
      if (!(e instanceof Abort)) {
        this.error(0, text.length, `Could not read the statement (${e instanceof Error ? e.message : String(e)})`);
      }
      return this.other(kw(items[0]), false);
    }
  }

  // ---- helpers -------------------------------------------------------------

  /** A span from statement-relative offsets. */
  private sp(start: number, end: number): Span {
    const s = { start: start + this.base, end: Math.max(start, end) + this.base };
    if (this.collect) this.spans.push(s);
    return s;
  }

  /** A span from absolute offsets (derived from other spans). */
  private spA(start: number, end: number): Span {
    const s = { start, end: Math.max(start, end) };
    if (this.collect) this.spans.push(s);
    return s;
  }

  private error(start: number, end: number, message: string, code: string = SqlCodes.syntax): void {
    this.diags.push({ span: this.sp(start, Math.max(end, start + 1)), severity: 'error', code, message });
  }

  private fail(c: Cur, message: string, at?: Node): never {
    const n = at ?? c.peek();
    if (n) this.error(n.start, n.end, message);
    else {
      const at0 = Math.max(0, Math.min(c.endOffset, this.text.length - 1));
      this.error(at0, at0 + 1, message);
    }
    throw new Abort(true);
  }

  private found(n: Node | undefined): string {
    if (!n) return 'the end of the statement';
    if (n.group) return "'('";
    const img = n.image;
    return `'${img.length > 30 ? img.slice(0, 30) + '…' : img}'`;
  }

  private is(c: Cur, w: string, k = 0): boolean {
    return kw(c.peek(k)) === w;
  }

  private eat(c: Cur, w: string): boolean {
    if (kw(c.peek()) === w) {
      c.i++;
      return true;
    }
    return false;
  }

  /** Consumes the words in order, or nothing. */
  private eatSeq(c: Cur, ...ws: string[]): boolean {
    for (let k = 0; k < ws.length; k++) if (kw(c.peek(k)) !== ws[k]) return false;
    c.i += ws.length;
    return true;
  }

  private expectWord(c: Cur, w: string): void {
    if (!this.eat(c, w)) this.fail(c, `Expected ${w.toUpperCase()} but found ${this.found(c.peek())}`);
  }

  private textOf(nodes: Node[], from = 0, to = nodes.length): string {
    if (to <= from) return '';
    return this.text.slice(nodes[from].start, nodes[to - 1].end);
  }

  private identOf(n: Leaf): SqlIdent {
    const img = n.image;
    const span = this.sp(n.start, n.end);
    if (n.type === Word) {
      return { text: this.dialect === 'postgres' ? kw(n) : img, written: img, span, quoted: false };
    }
    const open = img.charCodeAt(0);
    const close = open === 91 ? 93 : open;
    // the body without the quotes (an unterminated name has no closing one)
    const to = img.length > 1 && img.charCodeAt(img.length - 1) === close ? n.end - 1 : n.end;
    const doubled = close === 93 ? ']]' : close === 34 ? '""' : close === 96 ? '``' : String.fromCharCode(close, close);
    let body = this.text.slice(n.start + 1, to);
    if (body.includes(doubled)) body = body.split(doubled).join(doubled[0]);
    return { text: body, written: img, span, quoted: true };
  }

  private ident(c: Cur, what = 'a name'): SqlIdent {
    const n = c.peek();
    if (!isIdentLeaf(n)) this.fail(c, `Expected ${what} but found ${this.found(n)}`);
    c.i++;
    return this.identOf(n);
  }

  private optIdent(c: Cur): SqlIdent | undefined {
    const n = c.peek();
    if (!isIdentLeaf(n)) return undefined;
    c.i++;
    return this.identOf(n);
  }

  private qname(c: Cur, what = 'a name'): SqlQName {
    const parts = [this.ident(c, what)];
    while (!c.done && (c.peek() as Leaf).type === Dot && !c.peek()!.group) {
      c.i++;
      // T-SQL `db..table` skips the schema
      if (this.dialect === 'mssql' && isPunct(c.peek(), '.')) c.i++;
      parts.push(this.ident(c, what));
    }
    // a one-part name shares its part's span object (a shift moves it once: it is listed once)
    return { parts, span: parts.length === 1 ? parts[0].span : this.spA(parts[0].span.start, parts[parts.length - 1].span.end) };
  }

  private group(c: Cur, what: string): Group {
    const n = c.peek();
    if (!n || !n.group) this.fail(c, `Expected '(' ${what} but found ${this.found(n)}`);
    c.i++;
    return n as Group;
  }

  private identList(g: Group): SqlIdent[] {
    const out: SqlIdent[] = [];
    for (const part of splitCommas(g.items)) {
      const c = new Cur(part, g.end);
      const id = this.ident(c, 'a column name');
      // MySQL prefix lengths and ASC/DESC are allowed in key lists
      while (!c.done) c.i++;
      out.push(id);
    }
    return out.slice(); // exact size (see tableElementsInner)
  }

  private other(keyword: string, unsupported: boolean): SqlStatement {
    return { kind: 'other', keyword, unsupported, span: this.sp(0, this.text.length) };
  }

  // ---- statements -----------------------------------------------------------

  private statement(c: Cur): SqlStatement {
    const first = kw(c.peek());
    switch (first) {
      case 'create':
        return this.create(c);
      case 'alter':
        return this.alter(c);
      case 'drop':
        return this.drop(c);
      case 'comment':
        if (this.is(c, 'on', 1)) return this.commentOn(c);
        return this.other(first, false);
      case 'use':
        c.i++;
        return { kind: 'use', name: this.ident(c, 'a database name'), span: this.sp(0, this.text.length) };
      case 'rename':
        return this.renameTable(c);
      default:
        return this.other(first, false);
    }
  }

  private create(c: Cur): SqlStatement {
    c.i++; // create
    let temporary = false;
    let materialized = false;
    let unique = false;
    let indexKind: string | undefined;
    // modifiers before the object word
    for (;;) {
      const w = kw(c.peek());
      if (w === 'or' && (this.is(c, 'replace', 1) || this.is(c, 'alter', 1))) c.i += 2;
      else if (w === 'temp' || w === 'temporary' || w === 'global' || w === 'local' || w === 'unlogged') {
        temporary ||= w !== 'unlogged';
        c.i++;
      } else if (w === 'materialized') {
        materialized = true;
        c.i++;
      } else if (w === 'recursive' || w === 'trusted' || w === 'procedural' || w === 'constraint' || w === 'transient' || w === 'external') c.i++;
      else if (w === 'unique') {
        unique = true;
        c.i++;
      } else if (w === 'clustered' || w === 'nonclustered' || w === 'fulltext' || w === 'spatial' || w === 'bitmap' || w === 'columnstore') {
        indexKind = w;
        c.i++;
      } else if ((w === 'definer' || w === 'algorithm') && isPunct(c.peek(1), '=')) {
        c.i += 3; // ALGORITHM = x, DEFINER = user | CURRENT_USER [()]
        if (w === 'definer') {
          if (c.peek()?.group) c.i++;
          // user@host: `@host` lexes as one token, or `@` then a quoted host
          const at = c.peek();
          if (at && !at.group && (at.type === AtWord || at.image === '@')) {
            c.i++;
            if (at.image === '@' && !c.done && !c.peek()!.group && !kw(c.peek())) c.i++;
          }
        }
      } else if (w === 'sql' && this.is(c, 'security', 1)) c.i += 3;
      else break;
    }
    const obj = kw(c.peek());
    switch (obj) {
      case 'table':
        c.i++;
        return this.createTable(c, temporary);
      case 'index':
        c.i++;
        return this.createIndex(c, unique, indexKind);
      case 'type':
        c.i++;
        return this.createType(c);
      case 'domain':
        c.i++;
        return this.createDomain(c);
      case 'schema':
        c.i++;
        return this.createSchema(c);
      case 'database':
        if (this.dialect === 'mysql') {
          c.i++;
          return this.createSchema(c);
        }
        return this.other('create database', false);
      case 'view':
        c.i++;
        return this.createView(c, materialized);
      case 'sequence':
        c.i++;
        this.ifNotExists(c);
        return { kind: 'createSequence', name: this.qname(c, 'a sequence name'), span: this.sp(0, this.text.length) };
      case '':
        return this.fail(c, `Expected the kind of object to create but found ${this.found(c.peek())}`);
      default:
        if (obj === 'foreign' && this.is(c, 'table', 1)) return this.other('create foreign table', true);
        if (SILENT_OBJECTS.has(obj)) return this.other(`create ${obj}`, false);
        return this.other(`create ${obj}`, true);
    }
  }

  private ifNotExists(c: Cur): boolean {
    return this.eatSeq(c, 'if', 'not', 'exists');
  }

  private ifExists(c: Cur): boolean {
    return this.eatSeq(c, 'if', 'exists');
  }

  // ---- CREATE TABLE -----------------------------------------------------------

  private createTable(c: Cur, temporary: boolean): SqlStatement {
    const ifNotExists = this.ifNotExists(c);
    const name = this.qname(c, 'a table name');
    const t = {
      kind: 'createTable' as const,
      name,
      ifNotExists,
      temporary,
      columns: [] as SqlColumnDef[],
      constraints: [] as SqlTableConstraint[],
      asSelect: false,
      settings: {} as Record<string, string>,
      span: this.sp(0, this.text.length),
      partitionOf: undefined as SqlQName | undefined,
      comment: undefined as string | undefined,
    };
    if (this.eatSeq(c, 'partition', 'of')) {
      t.partitionOf = this.qname(c, 'a parent table name');
      if (c.peek()?.group) this.tableElements(c.next() as Group, t, true);
      this.tableTail(c, t);
      if (!('partition bound' in t.settings)) this.fail(c, 'Expected FOR VALUES or DEFAULT after PARTITION OF');
      return t;
    }
    if (this.is(c, 'of')) {
      // typed table: columns come from a composite type
      c.i++;
      t.settings.of = this.qname(c, 'a type name').parts.map((p) => p.text).join('.');
      if (c.peek()?.group) this.tableElements(c.next() as Group, t, true);
      this.tableTail(c, t);
      return t;
    }
    if (this.is(c, 'like')) {
      c.i++;
      t.settings.like = this.qname(c, 'a table name').parts.map((p) => p.written).join('.');
      return t;
    }
    const g = c.peek();
    const asSelect = c.rest().some((n) => kw(n) === 'as' || kw(n) === 'select');
    if (g?.group && !asSelect) {
      c.i++;
      this.tableElements(g, t);
    } else if (asSelect) {
      // CREATE TABLE x [(a, b)] [WITH (...)] AS SELECT ...: column names only
      if (g?.group) this.tableElements(g, t, true);
      t.asSelect = true;
      c.i = c.items.length;
      return t;
    } else {
      this.fail(c, `Expected '(' and the table's columns but found ${this.found(c.peek())}`);
    }
    this.tableTail(c, t);
    return t;
  }

  /** true while reading columns that may omit their type (partitions, typed tables, CREATE TABLE AS) */
  private typeOptional = false;

  private tableElements(g: Group, t: { columns: SqlColumnDef[]; constraints: SqlTableConstraint[]; settings: Record<string, string> }, typeOptional = false): void {
    this.typeOptional = typeOptional;
    try {
      this.tableElementsInner(g, t);
    } finally {
      this.typeOptional = false;
    }
  }

  private tableElementsInner(g: Group, t: { columns: SqlColumnDef[]; constraints: SqlTableConstraint[]; settings: Record<string, string> }): void {
    const parts = splitCommas(g.items);
    for (let k = 0; k < parts.length; k++) {
      const part = parts[k];
      if (!part.length) {
        // `()` is a table without columns (PostgreSQL); a stray comma is an error
        if (parts.length > 1) this.error(g.start, g.end, k === parts.length - 1 ? "Unexpected ',' before ')'" : "Expected a column or constraint between ','");
        continue;
      }
      const c = new Cur(part, k === parts.length - 1 && g.closed ? g.end - 1 : part[part.length - 1].end);
      try {
        const w = kw(part[0]);
        if (TABLE_CONSTRAINT_START.has(w) && !(w === 'check' && !part[1]?.group && part.length > 1 && isIdentLeaf(part[1]))) {
          t.constraints.push(this.tableConstraint(c));
        } else if ((w === 'key' || w === 'index' || w === 'fulltext' || w === 'spatial') && this.dialect !== 'postgres' && this.looksLikeIndex(part)) {
          t.constraints.push(this.mysqlIndex(c));
        } else if (w === 'like' && this.dialect === 'postgres') {
          c.i++;
          t.settings.like = this.qname(c, 'a table name').parts.map((p) => p.written).join('.');
          if (!c.done) t.settings['like options'] = this.textOf(part, c.i);
        } else if (w === 'period' && this.dialect === 'mssql') {
          t.settings.period = this.textOf(part, 1);
        } else if ((w === 'index') && this.dialect === 'mssql') {
          t.constraints.push(this.mysqlIndex(c));
        } else {
          t.columns.push(this.columnDef(c));
        }
      } catch (e) {
        if (!(e instanceof Abort)) throw e;
      }
    }
    // exact-size copies: a pushed-to array keeps room for 17 elements, and the AST is kept (and copied by the GC)
    if (t.columns.length) t.columns = t.columns.slice();
    if (t.constraints.length) t.constraints = t.constraints.slice();
  }

  private looksLikeIndex(part: Node[]): boolean {
    // KEY (a), KEY name (a), KEY name USING BTREE (a), FULLTEXT [KEY|INDEX] name (a)
    for (let k = 1; k < part.length && k < 5; k++) if (part[k].group) return true;
    return false;
  }

  private mysqlIndex(c: Cur): SqlTableConstraint {
    const start = c.peek()!.start;
    let indexType: string | undefined;
    const w = kw(c.next());
    if (w === 'fulltext' || w === 'spatial') {
      indexType = w;
      if (this.is(c, 'key') || this.is(c, 'index')) c.i++;
    }
    let name: SqlIdent | undefined;
    if (!c.peek()?.group && !this.is(c, 'using')) name = this.optIdent(c);
    if (this.dialect === 'mssql') while (this.is(c, 'clustered') || this.is(c, 'nonclustered') || this.is(c, 'unique')) c.i++;
    if (this.eat(c, 'using')) indexType = kw(c.next());
    const parts = this.indexParts(this.group(c, 'and the indexed columns'));
    const end = c.items[c.items.length - 1].end;
    c.i = c.items.length;
    return { kind: 'index', name, parts, indexType, span: this.sp(start, end) };
  }

  private tableTail(c: Cur, t: { settings: Record<string, string>; comment?: string }): void {
    const start = c.i;
    while (!c.done) {
      const w = kw(c.peek());
      if (w === 'inherits' && c.peek(1)?.group) {
        t.settings.inherits = this.textOf([c.peek(1)!]).slice(1, -1).trim();
        c.i += 2;
      } else if (w === 'partition' && this.is(c, 'by', 1)) {
        const s = c.i;
        c.i += 2;
        if (this.dialect === 'postgres') {
          const strategy = kw(c.peek());
          if (strategy !== 'range' && strategy !== 'list' && strategy !== 'hash') this.fail(c, `Unknown partitioning strategy ${this.found(c.peek())}: expected RANGE, LIST or HASH`);
        }
        while (!c.done && !this.is(c, 'with') && !this.is(c, 'tablespace') && !this.is(c, 'using')) c.i++;
        t.settings['partition by'] = this.textOf(c.items, s + 2, c.i);
      } else if (w === 'for' && this.is(c, 'values', 1)) {
        const s = c.i;
        c.i += 2;
        const kind = kw(c.peek());
        const g = c.peek(1);
        if ((kind === 'in' || kind === 'from' || kind === 'with') && g?.group && g.items.length === 0) this.fail(c, 'A partition bound needs at least one value', g);
        while (!c.done && !this.is(c, 'partition') && !this.is(c, 'with') && !this.is(c, 'tablespace') && !this.is(c, 'using')) c.i++;
        t.settings['partition bound'] = this.textOf(c.items, s + 2, c.i);
      } else if (w === 'default' && this.dialect === 'postgres' && !isPunct(c.peek(1), '=') && !this.is(c, 'charset', 1) && !this.is(c, 'character', 1)) {
        t.settings['partition bound'] = 'default';
        c.i++;
      } else if (w === 'without' && this.is(c, 'rowid', 1)) {
        t.settings['without rowid'] = 'true';
        c.i += 2;
      } else if (w === 'with' && this.is(c, 'oids', 1) && this.dialect === 'postgres') {
        this.fail(c, 'WITH OIDS is not supported (removed in PostgreSQL 12)');
      } else if (w === 'comment') {
        c.i++;
        if (isPunct(c.peek(), '=')) c.i++;
        const s = c.peek();
        if (s && !s.group && (isStringLeaf(s) || (s as Leaf).type === MyQuotedIdent)) {
          t.comment = stringValue((s as Leaf).image);
          c.i++;
        }
      } else {
        c.i++;
      }
    }
    const rest = this.textOf(c.items, start, c.i).trim();
    if (rest) t.settings.options = rest;
  }

  // ---- columns --------------------------------------------------------------

  private columnDef(c: Cur): SqlColumnDef {
    const first = c.peek()!;
    const name = this.ident(c, 'a column name');
    const col: SqlColumnDef = { name, primaryKey: false, unique: false, checks: NO_CHECKS, autoIncrement: false, settings: NO_SETTINGS, span: this.sp(first.start, c.items[c.items.length - 1].end) };
    const w = kw(c.peek());
    if (w === 'as' && this.dialect !== 'postgres') {
      // T-SQL computed column / MySQL, SQLite generated column without a type
      c.i++;
      col.generated = this.exprText(c);
      this.columnConstraints(c, col);
      return col;
    }
    if (!c.done && !COLUMN_STOP.has(w) || (w && this.isTypeStart(c))) {
      col.type = this.typeRef(c);
      const tn = col.type.name;
      if (this.dialect === 'postgres' && (tn === 'serial' || tn === 'bigserial' || tn === 'smallserial' || tn === 'serial2' || tn === 'serial4' || tn === 'serial8')) col.autoIncrement = true;
    } else if (this.typeOptional) {
      this.eatSeq(c, 'with', 'options');
    } else if (this.dialect !== 'sqlite' && !c.done) {
      this.fail(c, `Expected a type for column ${name.written} but found ${this.found(c.peek())}`);
    } else if (this.dialect !== 'sqlite' && c.done && this.dialect !== 'mysql') {
      this.fail(c, `Expected a type for column ${name.written}`);
    }
    this.columnConstraints(c, col);
    return col;
  }

  /** A stop word that is really a type name here (`character varying`, not `CHARACTER SET`). */
  private isTypeStart(c: Cur): boolean {
    const w = kw(c.peek());
    return w === 'character' && !this.is(c, 'set', 1);
  }

  private typeRef(c: Cur): SqlTypeRef {
    const start = c.peek()!.start;
    const firstLeaf = c.peek() as Leaf;
    const ref = this.qname(c, 'a type name');
    const last = ref.parts[ref.parts.length - 1];
    // the name's first word (lower-cased unless quoted: a one-word name's leaf has it) and the further ones, each after a space
    const w0 = ref.parts.length === 1 && firstLeaf.type === Word ? firstLeaf.lower : last.quoted || this.dialect === 'postgres' ? last.text : last.text.toLowerCase();
    let more = '';
    let args = NO_ARGS;
    let isArray = false;
    let end = ref.span.end - this.base;
    for (;;) {
      const n = c.peek();
      const w = kw(n);
      if (n?.group && args.length === 0) {
        args = commaTexts(n.items, this.text);
        end = n.end;
        c.i++;
      } else if (w === 'varying' || w === 'precision' || w === 'unsigned' || w === 'signed' || w === 'zerofill' || (w === 'varchar' && w0 === 'national')) {
        more += ' ' + w;
        end = n!.end;
        c.i++;
      } else if ((w0 === 'character' || w0 === 'char' || w0 === 'national' || w0 === 'nchar') && w === 'varying') {
        more += ' ' + w;
        end = n!.end;
        c.i++;
      } else if ((w === 'with' || w === 'without') && this.is(c, 'time', 1) && this.is(c, 'zone', 2)) {
        more += ' ' + w + ' time zone';
        end = c.peek(2)!.end;
        c.i += 3;
      } else if (w0 === 'interval' && (w === 'year' || w === 'month' || w === 'day' || w === 'hour' || w === 'minute' || w === 'second' || w === 'to')) {
        end = n!.end;
        c.i++;
      } else if (w === 'character' && w0 === 'national') {
        more += ' ' + w;
        end = n!.end;
        c.i++;
      } else if (n && !n.group && n.type === LBracket && this.dialect === 'postgres') {
        c.i++;
        if (!c.done && !c.peek()!.group && (c.peek() as Leaf).type === NumberLit) c.i++;
        const close = c.peek();
        if (!close || close.group || close.type !== RBracket) this.fail(c, `Expected ']' but found ${this.found(close)}`);
        isArray = true;
        end = close.end;
        c.i++;
      } else if (w === 'array' && this.dialect === 'postgres') {
        isArray = true;
        end = n!.end;
        c.i++;
      } else if (this.dialect === 'sqlite' && args.length === 0 && n && !n.group && n.type === Word && (!COLUMN_STOP.has(w) || this.isTypeStart(c))) {
        // SQLite's type name is every name before the arguments (`BLOB SUB_TYPE TEXT`, `VARYING CHARACTER(255)`): the catalog keeps all of it
        more += ' ' + w;
        end = n.end;
        c.i++;
      } else break;
    }
    const name = more === '' ? w0 : w0 + more;
    // a one-word type shares its name's span object (listed once for shifts)
    const span = end + this.base === ref.span.end && start + this.base === ref.span.start ? ref.span : this.sp(start, end);
    // one literal per shape: a `ref` added later would cost the object a separate property store
    const raw = this.text.slice(start, end);
    return ref.parts.length > 1 || last.quoted || more === '' ? { name, args, isArray, raw, span, ref } : { name, args, isArray, raw, span };
  }

  /** Expression text up to the next column-constraint keyword (or the end). */
  private exprText(c: Cur): string {
    const s = c.i;
    let prevOp = true;
    while (!c.done) {
      const n = c.peek()!;
      const w = kw(n);
      if (!prevOp && w && COLUMN_STOP.has(w) && w !== 'as' && w !== 'with' && w !== 'key' && w !== 'character') break;
      if (!prevOp && (w === 'character' && this.is(c, 'set', 1))) break;
      prevOp = !n.group && n.type === Operator;
      c.i++;
    }
    if (c.i === s) this.fail(c, `Expected an expression but found ${this.found(c.peek())}`);
    return this.textOf(c.items, s, c.i);
  }

  private columnConstraints(c: Cur, col: SqlColumnDef): void {
    while (!c.done) {
      const n = c.peek()!;
      const w = kw(n);
      switch (w) {
        case 'constraint':
          c.i++;
          this.ident(c, 'a constraint name');
          break;
        case 'not':
          if (this.is(c, 'null', 1)) {
            col.notNull = true;
            c.i += 2;
          } else if (this.is(c, 'deferrable', 1)) {
            c.i += 2;
            if (this.is(c, 'initially') && this.is(c, 'deferred', 1)) this.fail(c, 'A constraint declared INITIALLY DEFERRED must be DEFERRABLE');
          } else if (this.is(c, 'for', 1) && this.is(c, 'replication', 2)) c.i += 3;
          else if (this.is(c, 'valid', 1)) c.i += 2;
          else if (this.is(c, 'enforced', 1)) c.i += 2;
          else this.fail(c, `Expected NULL after NOT but found ${this.found(c.peek(1))}`, c.peek(1));
          this.conflictClause(c);
          break;
        case 'null':
          col.notNull = false;
          c.i++;
          break;
        case 'primary':
          c.i++;
          this.expectWord(c, 'key');
          col.primaryKey = true;
          while (this.is(c, 'asc') || this.is(c, 'desc') || this.is(c, 'clustered') || this.is(c, 'nonclustered')) c.i++;
          this.conflictClause(c);
          if (this.eat(c, 'autoincrement')) col.autoIncrement = true;
          this.indexOptions(c);
          break;
        case 'unique':
          c.i++;
          col.unique = true;
          this.eat(c, 'key');
          while (this.is(c, 'clustered') || this.is(c, 'nonclustered')) c.i++;
          this.eatSeq(c, 'nulls', 'not', 'distinct') || this.eatSeq(c, 'nulls', 'distinct');
          this.conflictClause(c);
          this.indexOptions(c);
          break;
        case 'key':
          // MySQL `KEY` in a column means PRIMARY KEY
          c.i++;
          col.primaryKey = true;
          break;
        case 'references':
          col.references = this.references(c);
          break;
        case 'check':
          c.i++;
          ownChecks(col).push(this.checkExpr(c));
          break;
        case 'default':
          c.i++;
          col.default = this.exprText(c);
          break;
        case 'collate': {
          c.i++;
          const cn = this.qname(c, 'a collation name');
          col.collate = this.text.slice(cn.span.start - this.base, cn.span.end - this.base);
          break;
        }
        case 'generated':
          this.generated(c, col);
          break;
        case 'as':
          c.i++;
          col.generated = this.exprText(c);
          break;
        case 'identity':
          c.i++;
          col.autoIncrement = true;
          if (c.peek()?.group) c.i++;
          break;
        case 'auto_increment':
        case 'autoincrement':
          c.i++;
          col.autoIncrement = true;
          break;
        case 'comment':
          c.i++;
          if (isStringLeaf(c.peek()) || (c.peek() && !c.peek()!.group && (c.peek() as Leaf).type === MyQuotedIdent)) col.comment = stringValue((c.next() as Leaf).image);
          else this.fail(c, `Expected a string after COMMENT but found ${this.found(c.peek())}`);
          break;
        case 'on':
          if (this.is(c, 'update', 1)) {
            c.i += 2;
            ownSettings(col)['on update'] = this.exprText(c);
          } else if (this.is(c, 'conflict', 1)) this.conflictClause(c);
          else this.fail(c, `Unexpected ON in a column definition`);
          break;
        case 'character':
          if (this.is(c, 'set', 1)) {
            c.i += 2;
            ownSettings(col).charset = this.textOf([c.next() ?? n]);
          } else this.fail(c, `Unexpected ${this.found(n)} in a column definition`);
          break;
        case 'charset':
          c.i++;
          ownSettings(col).charset = this.textOf([c.next() ?? n]);
          break;
        case 'deferrable':
          c.i++;
          break;
        case 'initially':
          c.i += 2;
          break;
        case 'storage':
        case 'compression':
        case 'column_format':
        case 'after':
          c.i++;
          ownSettings(col)[w] = this.textOf([c.next() ?? n]);
          break;
        case 'first':
        case 'visible':
        case 'invisible':
        case 'rowguidcol':
        case 'sparse':
        case 'filestream':
        case 'persisted':
        case 'stored':
        case 'virtual':
        case 'unsigned':
        case 'zerofill':
        case 'binary':
        case 'ascii':
        case 'unicode':
        case 'hidden':
        case 'masked':
        case 'encrypted':
          ownSettings(col)[w] = 'true';
          c.i++;
          break;
        case 'with':
        case 'using':
          c.i++;
          if (c.peek()?.group || isIdentLeaf(c.peek())) c.i++;
          break;
        case 'no':
          if (this.is(c, 'inherit', 1)) c.i += 2;
          else this.fail(c, `Unexpected ${this.found(n)} in a column definition`);
          break;
        default:
          if (this.dialect === 'postgres') this.fail(c, `Unexpected ${this.found(n)} in the definition of column ${col.name.written}`);
          // other dialects: tolerate unknown attributes (MySQL SRID 4326, ...)
          if (w) ownSettings(col)[w] = 'true';
          c.i++;
      }
    }
  }

  /** SQLite `ON CONFLICT ROLLBACK|ABORT|FAIL|IGNORE|REPLACE`. */
  private conflictClause(c: Cur): void {
    if (this.is(c, 'on') && this.is(c, 'conflict', 1)) c.i += 3;
  }

  /** `USING INDEX TABLESPACE x`, `WITH (...)`, `INCLUDE (...)`, `ON [PRIMARY]` after a key. */
  private indexOptions(c: Cur): void {
    for (;;) {
      if (this.is(c, 'using') && this.is(c, 'index', 1)) {
        c.i += 2;
        if (this.eat(c, 'tablespace')) c.i++;
      } else if ((this.is(c, 'with') || this.is(c, 'include')) && c.peek(1)?.group) c.i += 2;
      else if (this.is(c, 'on') && this.dialect === 'mssql' && isIdentLeaf(c.peek(1)) && !this.is(c, 'delete', 1) && !this.is(c, 'update', 1)) c.i += 2;
      else break;
    }
  }

  private generated(c: Cur, col: SqlColumnDef): void {
    const g = c.next()!;
    let byDefault = false;
    if (this.eat(c, 'always')) {
      /* nothing */
    } else if (this.eatSeq(c, 'by', 'default')) byDefault = true;
    this.expectWord(c, 'as');
    if (this.eat(c, 'identity')) {
      col.autoIncrement = true;
      if (c.peek()?.group) c.i++;
      return;
    }
    const e = this.group(c, 'and the generation expression');
    col.generated = this.textOf(e.items);
    const kind = kw(c.peek());
    if (kind === 'stored' || kind === 'virtual' || kind === 'persistent') {
      c.i++;
      ownSettings(col)[kind] = 'true';
    }
    if (byDefault) this.fail(c, 'A generated column must be GENERATED ALWAYS AS (...)', g);
  }

  private checkExpr(c: Cur): string {
    const g = this.group(c, 'and the check expression');
    if (!g.items.length) this.fail(c, 'Expected an expression inside CHECK ( )', g);
    this.eatSeq(c, 'no', 'inherit');
    this.eatSeq(c, 'not', 'valid');
    this.eatSeq(c, 'not', 'enforced') || this.eat(c, 'enforced');
    return this.textOf(g.items);
  }

  private references(c: Cur): SqlReference {
    const start = c.next()!.start; // references
    const table = this.qname(c, 'a referenced table name');
    let columns: SqlIdent[] = [];
    if (c.peek()?.group) columns = this.identList(c.next() as Group);
    const ref: SqlReference = { table, columns, span: this.spA(start + this.base, table.span.end) };
    for (;;) {
      if (this.eat(c, 'match')) {
        c.i++;
      } else if (this.is(c, 'on') && (this.is(c, 'delete', 1) || this.is(c, 'update', 1))) {
        const which = kw(c.peek(1));
        c.i += 2;
        const action = this.refAction(c, which);
        if (which === 'delete') ref.onDelete = action;
        else ref.onUpdate = action;
      } else if (this.is(c, 'not') && this.is(c, 'deferrable', 1)) {
        c.i += 2;
        if (this.is(c, 'initially') && this.is(c, 'deferred', 1)) this.fail(c, 'A constraint declared INITIALLY DEFERRED must be DEFERRABLE');
      } else if (this.eat(c, 'deferrable')) {
        /* nothing */
      } else if (this.is(c, 'initially')) c.i += 2;
      else if (this.is(c, 'not') && this.is(c, 'for', 1) && this.is(c, 'replication', 2)) c.i += 3;
      else if (this.is(c, 'not') && this.is(c, 'valid', 1)) c.i += 2;
      else break;
    }
    if (c.i > 0) ref.span.end = c.items[c.i - 1].end + this.base;
    return ref;
  }

  private refAction(c: Cur, which: string): SqlRefAction {
    const w = kw(c.peek());
    let key = w;
    if (w === 'set' || w === 'no') {
      key = `${w} ${kw(c.peek(1))}`;
      c.i += 2;
    } else c.i++;
    const action = ACTIONS[key];
    if (!action) this.fail(c, `Expected CASCADE, RESTRICT, SET NULL, SET DEFAULT or NO ACTION but found ${this.found(c.items[c.i - 1])}`, c.items[c.i - 1]);
    if ((key === 'set null' || key === 'set default') && c.peek()?.group) {
      if (which === 'update') this.fail(c, `A column list with ON UPDATE ${key.toUpperCase()} is not supported`, c.peek());
      c.i++;
    }
    return action;
  }

  // ---- table constraints ----------------------------------------------------

  private tableConstraint(c: Cur): SqlTableConstraint {
    const start = c.peek()!.start;
    let name: SqlIdent | undefined;
    if (this.eat(c, 'constraint')) {
      // `CONSTRAINT PRIMARY KEY` without a name is allowed in SQLite/MySQL
      const w = kw(c.peek());
      if (!(TABLE_CONSTRAINT_START.has(w) && w !== 'constraint') || c.peek(1)?.group === undefined) name = this.ident(c, 'a constraint name');
    }
    const w = kw(c.next());
    let con: SqlTableConstraint;
    switch (w) {
      case 'primary':
      case 'unique': {
        if (w === 'primary') this.expectWord(c, 'key');
        else if (this.is(c, 'key') || this.is(c, 'index')) c.i++;
        let indexType: string | undefined;
        while (this.is(c, 'clustered') || this.is(c, 'nonclustered')) indexType = kw(c.next());
        this.eatSeq(c, 'nulls', 'not', 'distinct') || this.eatSeq(c, 'nulls', 'distinct');
        // MySQL: optional index name and USING before the columns
        if (!c.peek()?.group && this.dialect === 'mysql' && !this.is(c, 'using')) {
          const id = this.optIdent(c);
          if (!name) name = id;
        }
        if (this.is(c, 'using') && this.is(c, 'index', 1) && this.dialect === 'postgres') {
          // PostgreSQL ALTER TABLE ... ADD PRIMARY KEY USING INDEX name
          c.i = c.items.length;
          con = { kind: w === 'primary' ? 'primaryKey' : 'unique', name, parts: [], span: this.sp(start, start) };
          break;
        }
        if (this.eat(c, 'using')) indexType = kw(c.next());
        const parts = this.indexParts(this.group(c, 'and the key columns'));
        this.conflictClause(c);
        this.indexOptions(c);
        if (this.eat(c, 'using')) c.i++;
        con = { kind: w === 'primary' ? 'primaryKey' : 'unique', name, parts, indexType, span: this.sp(start, start) };
        break;
      }
      case 'foreign': {
        this.expectWord(c, 'key');
        if (!c.peek()?.group && this.dialect === 'mysql') {
          const id = this.optIdent(c);
          if (!name) name = id;
        }
        const g = this.group(c, 'and the foreign key columns');
        const parts = this.identList(g).map((id): SqlIndexPart => ({ column: id, span: id.span }));
        if (!this.is(c, 'references')) this.fail(c, `Expected REFERENCES but found ${this.found(c.peek())}`);
        const references = this.references(c);
        con = { kind: 'foreignKey', name, parts, references, span: this.sp(start, start) };
        break;
      }
      case 'check':
        con = { kind: 'check', name, parts: [], expression: this.checkExpr(c), span: this.sp(start, start) };
        break;
      case 'exclude':
        c.i = c.items.length;
        con = { kind: 'exclude', name, parts: [], span: this.sp(start, start) };
        break;
      default:
        return this.fail(c, `Expected PRIMARY KEY, UNIQUE, FOREIGN KEY or CHECK but found ${this.found(c.items[c.i - 1])}`, c.items[c.i - 1]);
    }
    // deferrability and T-SQL options
    for (;;) {
      if (this.eat(c, 'deferrable')) continue;
      if (this.is(c, 'not') && this.is(c, 'deferrable', 1)) {
        c.i += 2;
        if (this.is(c, 'initially') && this.is(c, 'deferred', 1)) this.fail(c, 'A constraint declared INITIALLY DEFERRED must be DEFERRABLE');
        continue;
      }
      if (this.is(c, 'initially')) {
        c.i += 2;
        continue;
      }
      if (this.is(c, 'not') && (this.is(c, 'valid', 1) || this.is(c, 'enforced', 1))) {
        c.i += 2;
        continue;
      }
      if (this.eatSeq(c, 'no', 'inherit') || this.eat(c, 'enforced')) continue;
      if (this.is(c, 'with') && c.peek(1)?.group) {
        c.i += 2;
        continue;
      }
      if (this.is(c, 'on') && this.dialect === 'mssql') {
        c.i += 2;
        continue;
      }
      if (this.is(c, 'comment') && isStringLeaf(c.peek(1))) {
        c.i += 2;
        continue;
      }
      break;
    }
    if (!c.done && this.dialect === 'postgres') this.fail(c, `Unexpected ${this.found(c.peek())} after the constraint`);
    con.span.end = (c.i > 0 ? c.items[Math.min(c.i, c.items.length) - 1].end : start) + this.base;
    c.i = c.items.length;
    return con;
  }

  private indexParts(g: Group): SqlIndexPart[] {
    const out: SqlIndexPart[] = [];
    for (const part of splitCommas(g.items)) {
      if (!part.length) {
        this.error(g.start, g.end, 'Expected a column or expression between , and )');
        continue;
      }
      // a part that is one name shares the name's span object (made below, listed once for shifts)
      const span = part.length === 1 && isIdentLeaf(part[0]) ? undefined : this.sp(part[0].start, part[part.length - 1].end);
      let k = 1;
      // column [(length)] [COLLATE x] [opclass] [ASC|DESC] [NULLS FIRST|LAST]
      if (isIdentLeaf(part[0]) && !(part[1]?.group && part[0].type === Word && this.dialect !== 'mysql')) {
        if (part[1]?.group && this.dialect === 'mysql') k = 2;
        let desc: boolean | undefined;
        let onlyModifiers = true;
        for (let j = k; j < part.length; j++) {
          const w = kw(part[j]);
          if (w === 'desc') desc = true;
          else if (w === 'asc') desc = false;
          else if (w === 'collate' || w === 'nulls') j++;
          else if (isIdentLeaf(part[j]) || part[j].group || isPunct(part[j], '.')) {
            /* operator class (with options) */
          } else onlyModifiers = false;
        }
        if (onlyModifiers && !isPunct(part[1], '.')) {
          const column = this.identOf(part[0]);
          out.push({ column, desc, span: span ?? column.span });
          continue;
        }
      }
      out.push({ expression: this.textOf(part), span: span ?? this.sp(part[0].start, part[part.length - 1].end) });
    }
    return out.slice(); // exact size (see tableElementsInner)
  }

  // ---- ALTER ------------------------------------------------------------------

  private alter(c: Cur): SqlStatement {
    c.i++;
    const obj = kw(c.peek());
    if (obj === 'table') {
      c.i++;
      return this.alterTable(c);
    }
    if (obj === 'type' && this.dialect === 'postgres') {
      c.i++;
      const name = this.qname(c, 'a type name');
      const span = this.sp(0, this.text.length);
      if (this.eatSeq(c, 'add', 'value')) {
        this.ifNotExists(c);
        const v = c.next();
        if (!isStringLeaf(v)) this.fail(c, 'Expected the new enum value as a string', v);
        return { kind: 'alterEnum', name, addValue: { text: stringValue(v.image), span: this.sp(v.start, v.end) }, span };
      }
      if (this.eatSeq(c, 'rename', 'value')) {
        const a = c.next();
        this.expectWord(c, 'to');
        const b = c.next();
        if (!isStringLeaf(a) || !isStringLeaf(b)) this.fail(c, 'Expected RENAME VALUE \'old\' TO \'new\'');
        return { kind: 'alterEnum', name, renameValue: { from: stringValue(a.image), to: stringValue(b.image) }, span };
      }
      return this.other('alter type', false);
    }
    if (obj === 'index' && this.dialect === 'postgres' && (this.is(c, 'rename', 2) || this.is(c, 'rename', 4))) {
      c.i++;
      this.ifExists(c);
      const name = this.qname(c, 'an index name');
      if (this.eatSeq(c, 'rename', 'to')) {
        const to = this.ident(c, 'the new index name');
        return { kind: 'renameIndex', name, to, span: this.sp(0, this.text.length) };
      }
      return this.other('alter index', false);
    }
    if (obj === 'index' && this.dialect === 'postgres') {
      // ALTER INDEX name ALTER [COLUMN] n SET STATISTICS: n counts from 1
      for (let k = 2; k + 1 < c.items.length; k++) {
        if (kw(c.items[k]) !== 'alter') continue;
        const n = kw(c.items[k + 1]) === 'column' ? c.items[k + 2] : c.items[k + 1];
        if (n && !n.group && n.type === NumberLit && (Number(n.image) < 1 || Number(n.image) > 32767)) this.fail(c, 'Column number must be in range from 1 to 32767', n);
      }
    }
    return this.other(`alter ${obj}`, false);
  }

  private alterTable(c: Cur): SqlStatement {
    const ifExists = this.ifExists(c);
    this.eat(c, 'only');
    const name = this.qname(c, 'a table name');
    if (isPunct(c.peek(), '*')) c.i++;
    const actions: SqlAlterAction[] = [];
    const span = this.sp(0, this.text.length);
    if (c.done) this.fail(c, 'Expected an action after ALTER TABLE name');
    let lastVerb = '';
    for (const part of splitCommas(c.rest())) {
      if (!part.length) {
        this.error(Math.max(0, this.text.length - 1), this.text.length, 'Expected an action between commas');
        continue;
      }
      const pc = new Cur(part, part[part.length - 1].end);
      try {
        const a = this.alterAction(pc, lastVerb);
        lastVerb = a.verb;
        if (a.action) actions.push(a.action);
        if (a.more) for (const m of a.more) actions.push(m);
      } catch (e) {
        if (!(e instanceof Abort)) throw e;
      }
    }
    return { kind: 'alterTable', name, ifExists, actions, span };
  }

  private alterAction(c: Cur, lastVerb: string): { verb: string; action?: SqlAlterAction; more?: SqlAlterAction[] } {
    const start = c.peek()!.start;
    const endOf = (): number => c.items[c.items.length - 1].end;
    // T-SQL `WITH CHECK ADD ...`
    if (this.dialect === 'mssql' && this.is(c, 'with') && (this.is(c, 'check', 1) || this.is(c, 'nocheck', 1))) c.i += 2;
    let verb = kw(c.peek());
    if (this.dialect !== 'postgres' && lastVerb === 'add' && !['add', 'drop', 'alter', 'rename', 'change', 'modify', 'constraint'].includes(verb) && !TABLE_CONSTRAINT_START.has(verb)) {
      verb = 'add-continued';
    } else c.i++;
    switch (verb) {
      case 'add':
      case 'add-continued': {
        if (verb === 'add' && this.eat(c, 'column')) {
          this.ifNotExists(c);
          return { verb: 'add', action: { kind: 'addColumn', column: this.columnDef(c), span: this.sp(start, endOf()) } };
        }
        this.ifNotExists(c);
        const w = kw(c.peek());
        if (TABLE_CONSTRAINT_START.has(w) && !(w === 'check' && isIdentLeaf(c.peek(1)))) {
          return { verb: 'add', action: { kind: 'addConstraint', constraint: this.tableConstraint(c), span: this.sp(start, endOf()) } };
        }
        if ((w === 'key' || w === 'index' || w === 'fulltext' || w === 'spatial') && this.dialect === 'mysql' && this.looksLikeIndex(c.rest())) {
          return { verb: 'add', action: { kind: 'addConstraint', constraint: this.mysqlIndex(c), span: this.sp(start, endOf()) } };
        }
        if (c.peek()?.group && this.dialect !== 'postgres') {
          // MySQL/T-SQL `ADD (a int, b int, ...)`: one action per element
          const g = c.next() as Group;
          const t = { columns: [] as SqlColumnDef[], constraints: [] as SqlTableConstraint[], settings: {} };
          this.tableElements(g, t);
          const more: SqlAlterAction[] = [];
          for (const column of t.columns) more.push({ kind: 'addColumn', column, span: column.span });
          for (const constraint of t.constraints) more.push({ kind: 'addConstraint', constraint, span: constraint.span });
          return { verb: 'add', more };
        }
        return { verb: 'add', action: { kind: 'addColumn', column: this.columnDef(c), span: this.sp(start, endOf()) } };
      }
      case 'drop': {
        const w = kw(c.peek());
        if (w === 'constraint' || (w === 'foreign' && this.is(c, 'key', 1)) || w === 'check') {
          c.i += w === 'foreign' ? 2 : 1;
          this.ifExists(c);
          const name = this.ident(c, 'a constraint name');
          return { verb, action: { kind: 'dropConstraint', name, span: this.sp(start, endOf()) } };
        }
        if ((w === 'primary' && this.is(c, 'key', 1)) || ((w === 'index' || w === 'key') && isIdentLeaf(c.peek(1)))) {
          return { verb, action: { kind: 'other', text: this.textOf(c.items), span: this.sp(start, endOf()) } };
        }
        this.eat(c, 'column');
        this.ifExists(c);
        const name = this.ident(c, 'a column name');
        return { verb, action: { kind: 'dropColumn', name, span: this.sp(start, endOf()) } };
      }
      case 'alter':
      case 'modify':
      case 'change': {
        this.eat(c, 'column');
        if (verb === 'modify' || verb === 'change') {
          const from = verb === 'change' ? this.ident(c, 'a column name') : undefined;
          const column = this.columnDef(c);
          return { verb, action: { kind: 'changeColumn', from: from ?? column.name, column, span: this.sp(start, endOf()) } };
        }
        if (this.is(c, 'constraint') || this.is(c, 'index')) {
          for (let k = c.i; k + 2 < c.items.length; k++) {
            if (kw(c.items[k]) === 'not' && kw(c.items[k + 1]) === 'deferrable' && kw(c.items[k + 2]) === 'initially' && kw(c.items[k + 3]) === 'deferred') this.fail(c, 'A constraint declared INITIALLY DEFERRED must be DEFERRABLE', c.items[k]);
          }
          return { verb, action: { kind: 'other', text: this.textOf(c.items), span: this.sp(start, endOf()) } };
        }
        const name = this.ident(c, 'a column name');
        const a: SqlAlterAction & { kind: 'alterColumn' } = { kind: 'alterColumn', name, span: this.sp(start, endOf()) };
        const w = kw(c.peek());
        if (w === 'type' || (w === 'set' && this.is(c, 'data', 1))) {
          c.i += w === 'type' ? 1 : 3;
          a.type = this.typeRef(c);
        } else if (this.eatSeq(c, 'set', 'not', 'null')) a.notNull = true;
        else if (this.eatSeq(c, 'drop', 'not', 'null')) a.notNull = false;
        else if (this.eatSeq(c, 'set', 'default')) a.setDefault = this.exprText(c);
        else if (this.eatSeq(c, 'drop', 'default')) a.dropDefault = true;
        else if (this.dialect === 'mssql' && !c.done && !this.is(c, 'add') && !this.is(c, 'drop')) {
          a.type = this.typeRef(c);
          if (this.eatSeq(c, 'not', 'null')) a.notNull = true;
          else if (this.eat(c, 'null')) a.notNull = false;
        } else if (c.done) this.fail(c, 'Expected what to change in the column');
        c.i = c.items.length;
        return { verb, action: a };
      }
      case 'rename': {
        if (this.eat(c, 'to') || this.eat(c, 'as') || (this.dialect === 'mysql' && !this.is(c, 'column') && !this.is(c, 'index') && !this.is(c, 'key') && isIdentLeaf(c.peek()) && c.items.length - c.i <= 3 && !this.is(c, 'to', 1))) {
          const to = this.qname(c, 'the new table name');
          return { verb, action: { kind: 'renameTo', to, span: this.sp(start, endOf()) } };
        }
        if (this.eat(c, 'constraint') || this.eat(c, 'index') || this.eat(c, 'key')) return { verb, action: { kind: 'other', text: this.textOf(c.items), span: this.sp(start, endOf()) } };
        this.eat(c, 'column');
        const from = this.ident(c, 'a column name');
        this.expectWord(c, 'to');
        const to = this.ident(c, 'the new column name');
        return { verb, action: { kind: 'renameColumn', from, to, span: this.sp(start, endOf()) } };
      }
      case 'set':
        if (this.dialect === 'postgres' && this.is(c, 'with') && this.is(c, 'oids', 1)) this.fail(c, 'SET WITH OIDS is not supported (removed in PostgreSQL 12)');
        break;
      case 'attach':
        if (this.eat(c, 'partition')) {
          const partition = this.qname(c, 'a partition name');
          c.i = c.items.length;
          return { verb, action: { kind: 'attachPartition', partition, span: this.sp(start, endOf()) } };
        }
        break;
      case '':
        this.fail(c, `Expected an ALTER TABLE action but found ${this.found(c.items[c.i - 1])}`, c.items[c.i - 1]);
    }
    c.i = c.items.length;
    return { verb, action: { kind: 'other', text: this.textOf(c.items), span: this.sp(start, endOf()) } };
  }

  private renameTable(c: Cur): SqlStatement {
    c.i++;
    if (!this.eat(c, 'table')) return this.other('rename', false);
    const name = this.qname(c, 'a table name');
    const start = c.peek()?.start ?? 0;
    this.expectWord(c, 'to');
    const to = this.qname(c, 'the new table name');
    return { kind: 'alterTable', name, ifExists: false, actions: [{ kind: 'renameTo', to, span: this.spA(start + this.base, to.span.end) }], span: this.sp(0, this.text.length) };
  }

  // ---- CREATE INDEX / TYPE / DOMAIN / SCHEMA / VIEW ------------------------------------

  private createIndex(c: Cur, unique: boolean, indexKind: string | undefined): SqlStatement {
    this.eat(c, 'concurrently');
    const ine = this.ifNotExists(c);
    let name: SqlIdent | undefined;
    if (!this.is(c, 'on')) {
      const q = this.qname(c, 'an index name');
      name = q.parts[q.parts.length - 1];
    } else if (ine) this.fail(c, 'IF NOT EXISTS requires an index name');
    let using: string | undefined = indexKind;
    if (this.is(c, 'using')) {
      c.i++;
      using = kw(c.next());
    }
    this.expectWord(c, 'on');
    this.eat(c, 'only');
    const table = this.qname(c, 'a table name');
    if (this.eat(c, 'using')) using = this.textOf([c.next() ?? c.items[c.i - 1]]).toLowerCase();
    const parts = this.indexParts(this.group(c, 'and the indexed columns or expressions'));
    let include = NO_IDENTS;
    let where: string | undefined;
    while (!c.done) {
      const w = kw(c.peek());
      if (w === 'include' && c.peek(1)?.group) {
        c.i++;
        include = this.identList(c.next() as Group);
      } else if (w === 'where') {
        c.i++;
        where = this.textOf(c.items, c.i);
        c.i = c.items.length;
      } else if (w === 'using' && this.dialect === 'mysql') {
        c.i++;
        using = kw(c.next());
      } else c.i++;
    }
    return { kind: 'createIndex', name, table, unique, using, parts, include, where, span: this.sp(0, this.text.length) };
  }

  private createType(c: Cur): SqlStatement {
    const name = this.qname(c, 'a type name');
    if (this.is(c, 'as') && this.is(c, 'enum', 1)) {
      c.i += 2;
      const g = this.group(c, 'and the enum values');
      const values: { text: string; span: Span }[] = [];
      for (const part of splitCommas(g.items)) {
        const v = part[0];
        if (part.length !== 1 || !isStringLeaf(v)) {
          if (part.length) this.error(part[0].start, part[part.length - 1].end, 'Expected an enum value (a string)');
          else if (g.items.length) this.error(g.start, g.end, 'Expected an enum value between commas');
          continue;
        }
        values.push({ text: stringValue(v.image), span: this.sp(v.start, v.end) });
      }
      return { kind: 'createEnum', name, values, span: this.sp(0, this.text.length) };
    }
    return this.other('create type', true);
  }

  private createDomain(c: Cur): SqlStatement {
    const name = this.qname(c, 'a domain name');
    this.eat(c, 'as');
    const type = this.typeRef(c);
    const col: SqlColumnDef = { name: name.parts[name.parts.length - 1], type, primaryKey: false, unique: false, checks: NO_CHECKS, autoIncrement: false, settings: NO_SETTINGS, span: this.sp(0, 0) };
    this.columnConstraints(c, col);
    return { kind: 'createDomain', name, type, notNull: col.notNull, default: col.default, checks: col.checks, span: this.sp(0, this.text.length) };
  }

  private createSchema(c: Cur): SqlStatement {
    this.ifNotExists(c);
    let name: SqlIdent;
    if (this.eat(c, 'authorization')) name = this.ident(c, 'a schema name');
    else name = this.ident(c, 'a schema name');
    return { kind: 'createSchema', name, span: this.sp(0, this.text.length) };
  }

  private createView(c: Cur, materialized: boolean): SqlStatement {
    this.ifNotExists(c);
    const name = this.qname(c, 'a view name');
    let columns: SqlIdent[] = [];
    if (c.peek()?.group) columns = this.identList(c.next() as Group);
    while (!c.done && !this.is(c, 'as')) c.i++;
    if (!this.eat(c, 'as')) this.fail(c, 'Expected AS and the view query');
    if (c.done) this.fail(c, 'Expected the view query after AS');
    if (!columns.length) columns = this.selectListNames(c);
    return { kind: 'createView', name, materialized, columns, span: this.sp(0, this.text.length) };
  }

  /** Output names of a simple `SELECT a, t.b, x AS c FROM ...`; empty when not derivable. */
  private selectListNames(c: Cur): SqlIdent[] {
    let items = c.rest();
    // ( SELECT ... ) and WITH ... are not simple
    if (items[0]?.group && items.length === 1) items = items[0].items;
    if (kw(items[0]) !== 'select') return [];
    let k = 1;
    if (kw(items[k]) === 'distinct' || kw(items[k]) === 'all') k++;
    if (kw(items[k]) === 'top') k += 2;
    let end = k;
    while (end < items.length && kw(items[end]) !== 'from' && kw(items[end]) !== 'into') end++;
    const out: SqlIdent[] = [];
    for (const part of splitCommas(items.slice(k, end))) {
      // `col`, `t.col`, `expr AS name`, `expr name`; anything else (`count(*)`, `a + b`) has no derivable name
      const last = part[part.length - 1];
      if (!isIdentLeaf(last)) return [];
      if (part.length > 1) {
        const prev = part[part.length - 2];
        const endsExpr = prev.group || isIdentLeaf(prev) || isStringLeaf(prev) || (prev as Leaf).type === NumberLit;
        if (!isPunct(prev, '.') && !endsExpr) return [];
      }
      out.push(this.identOf(last));
    }
    return out;
  }

  // ---- DROP / COMMENT ----------------------------------------------------------------

  private drop(c: Cur): SqlStatement {
    c.i++;
    let w = kw(c.peek());
    if (w === 'materialized' && this.is(c, 'view', 1)) {
      c.i++;
      w = 'view';
    }
    if (w === 'temporary' && this.is(c, 'table', 1)) {
      c.i++;
      w = 'table';
    }
    const kinds: Record<string, SqlDropKind> = { table: 'table', view: 'view', index: 'index', type: 'type', domain: 'domain', schema: 'schema', sequence: 'sequence' };
    let object = kinds[w];
    if (w === 'database' && this.dialect === 'mysql') object = 'schema';
    if (!object) return this.other(`drop ${w}`, false);
    c.i++;
    this.eat(c, 'concurrently');
    const ifExists = this.ifExists(c);
    const names: SqlQName[] = [];
    for (const part of splitCommas(c.rest())) {
      const pc = new Cur(part, part.length ? part[part.length - 1].end : this.text.length);
      names.push(this.qname(pc, `a ${object} name`));
    }
    return { kind: 'drop', object, names, ifExists, span: this.sp(0, this.text.length) };
  }

  private commentOn(c: Cur): SqlStatement {
    c.i += 2;
    let w = kw(c.next());
    if (w === 'materialized' || w === 'foreign') w += ` ${kw(c.next())}`;
    const target: 'table' | 'column' | 'other' = w === 'table' || w === 'view' || w === 'materialized view' || w === 'foreign table' ? 'table' : w === 'column' ? 'column' : 'other';
    if (target === 'other') return this.other(`comment on ${w}`, false);
    const name = this.qname(c, `a ${w} name`);
    this.expectWord(c, 'is');
    const v = c.next();
    let text: string | null = null;
    if (isStringLeaf(v)) text = stringValue(v.image);
    else if (kw(v) !== 'null') this.fail(c, `Expected a string or NULL after IS but found ${this.found(v)}`, v);
    return { kind: 'commentOn', target, name, text, span: this.sp(0, this.text.length) };
  }
}
