/**
 * The query binder: walks one statement's node-sql-parser AST and binds
 * every table, alias, CTE, derived table and column to the schema, producing
 * references (for hover, definition, rename) and QRY diagnostics.
 *
 * Scopes: each SELECT opens a scope holding the relations of its FROM clause
 * (tables, CTEs, derived tables, each with its column list when known); a
 * subquery in an expression sees the enclosing scopes (correlation), a
 * derived table does not. A relation whose columns are unknown (a table
 * function, `VALUES`, a CTE over `SELECT *` of an unknown relation) accepts
 * any column, so the binder never reports what it cannot know.
 *
 * Never throws on any AST shape: every field is read defensively, since
 * node-sql-parser's shapes differ across dialects.
 */
import type { Column, ColumnType, Table } from '../model/schema.js';
import type { Diagnostic, Severity } from '../diagnostics.js';
import type { Span } from '../text/span.js';
import { closestNames } from '../model/suggest.js';

import { type CatalogIndex, findColumn, findTable, quoteName } from './catalog.js';
import { comparable } from './compat.js';
import { type Located, type Locations, nameText } from './locate.js';
import type { AstNode } from './parse.js';
import { QueryCodes, type QueryDialect, type QueryReference, type QueryStatementKind } from './types.js';

/** A column a relation offers: its name, and its schema origin when it has one. */
export interface RelColumn {
  name: string;
  type?: ColumnType;
  tableKey?: string;
  column?: string;
  /** a select-list alias: where it is defined (absolute) */
  defSpan?: Span;
}

/** Where a relation's own name (an alias or a CTE name) is defined in the statement, and which kind. */
interface RelationDef {
  span: Span;
  kind: 'relation' | 'cte';
}

interface Relation {
  /** the name the query uses for it (alias, or the table / CTE name) */
  name: string;
  table?: Table;
  /** null: unknown, accepts any column */
  columns: RelColumn[] | null;
  /** the alias or CTE definition the name stands for */
  def?: RelationDef;
}

interface Scope {
  rels: Relation[];
  parent?: Scope;
  /** lower-cased names of JOIN ... USING columns (one column, not ambiguous) */
  using: Set<string>;
  /** select-list output names, for ORDER BY / GROUP BY / HAVING */
  outputs?: RelColumn[];
}

interface Cte {
  name: string;
  columns: RelColumn[] | null;
  /** absolute span of the CTE's name */
  defSpan?: Span;
}
type CteEnv = ReadonlyMap<string, Cte>;

/** A bound column reference: what it resolved to and where it is written. */
interface BoundRef {
  col?: RelColumn;
  span?: Span;
  text: string;
}

const COMPARISONS = new Set(['=', '<>', '!=', '<', '>', '<=', '>=', 'IS DISTINCT FROM', 'IS NOT DISTINCT FROM', '<=>']);
/** Names node-sql-parser may read as columns that are really niladic functions or keywords. */
const NILADIC = new Set(['current_date', 'current_time', 'current_timestamp', 'localtime', 'localtimestamp', 'current_user', 'session_user', 'user', 'current_schema', 'current_catalog', 'current_role', 'sysdate', 'systimestamp', 'true', 'false', 'null', 'default', 'rowid', 'oid', '_rowid_']);

const KEYWORD_FIRST_ARG = new Set(['dateadd', 'datediff', 'datediff_big', 'datepart', 'datename', 'datetrunc', 'date_bucket', 'convert', 'try_convert', 'timestampdiff', 'timestampadd']);

export interface StatementBinding {
  kind: QueryStatementKind;
  tables: string[];
  outputColumns?: string[];
}

export class QueryBinder {
  readonly references: QueryReference[] = [];
  readonly diagnostics: Diagnostic[] = [];
  private readonly tables: string[] = [];
  private readonly tableSet = new Set<string>();

  constructor(
    private readonly cat: CatalogIndex,
    private readonly dialect: QueryDialect,
    private readonly locs: Locations,
    /** absolute offset of the statement's first character */
    private readonly base: number,
    /** absolute span of the whole statement (fallback position) */
    private readonly stmtSpan: Span,
    private readonly uri: string,
    /** spans (relative) of the VALUES rows of an INSERT, in order */
    private readonly valueRows: Span[],
  ) {}

  /** Binds one top-level statement AST. */
  bindStatement(ast: AstNode): StatementBinding {
    const type = typeof ast.type === 'string' ? ast.type.toLowerCase() : '';
    let outputs: RelColumn[] | null | undefined;
    let kind: QueryStatementKind = 'other';
    if (type === 'select') {
      kind = 'select';
      outputs = this.bindSelect(ast, undefined, new Map());
    } else if (type === 'insert' || type === 'replace') {
      kind = 'insert';
      outputs = this.bindInsert(ast);
    } else if (type === 'update') {
      kind = 'update';
      outputs = this.bindUpdate(ast);
    } else if (type === 'delete') {
      kind = 'delete';
      outputs = this.bindDelete(ast);
    }
    return { kind, tables: this.tables, outputColumns: outputs ? outputs.map((c) => c.name) : undefined };
  }

  // ---- statements ------------------------------------------------------

  /** Binds a SELECT (with its WITH and set operations); returns its output columns (null when unknown). */
  private bindSelect(node: AstNode, outer: Scope | undefined, env: CteEnv): RelColumn[] | null {
    const innerEnv = this.bindWith(node, outer, env);
    const scope: Scope = { rels: [], parent: outer, using: new Set() };
    this.bindFrom(node.from, scope, outer, innerEnv);
    const outputs = this.bindSelectList(node.columns, scope, innerEnv);
    scope.outputs = outputs ?? undefined;
    for (const k of ['where', 'groupby', 'having', 'orderby', 'window', 'qualify', 'limit', 'top']) {
      const v = node[k];
      if (v) this.bindExpr(v, scope, innerEnv, k === 'where');
    }
    let next = node._next;
    while (next && typeof next === 'object') {
      const n = next as AstNode;
      this.bindSelect({ ...n, _next: undefined }, outer, innerEnv);
      next = n._next;
    }
    return outputs;
  }

  private bindWith(node: AstNode, outer: Scope | undefined, env: CteEnv): CteEnv {
    const list = node.with;
    if (!Array.isArray(list) || !list.length) return env;
    const out = new Map(env);
    for (const item of list) {
      if (!item || typeof item !== 'object') continue;
      const w = item as AstNode;
      const name = nameText(w.name);
      if (name === undefined) continue;
      const declared = Array.isArray(w.columns) ? w.columns.map((c) => nameText(c) ?? nameText((c as AstNode | null)?.column) ?? '') : undefined;
      const cte: Cte = { name, columns: declared ? declared.map((n) => ({ name: n })) : null };
      out.set(name.toLowerCase(), cte); // visible to itself: WITH RECURSIVE
      const loc = this.locs.get(w, 'name');
      if (loc) {
        cte.defSpan = this.abs(loc.parts[0]);
        this.ref({ kind: 'alias', span: cte.defSpan, name, definition: true, aliasOf: 'cte' });
      }
      const stmt = this.selectOf(w.stmt);
      const body = stmt ? this.bindAny(stmt, outer, out) : null;
      if (declared) {
        cte.columns = declared.map((n, i) => {
          const b = body?.[i];
          return b && b.name === n ? { ...b } : { name: n, type: b?.type };
        });
      } else cte.columns = body;
    }
    return out;
  }

  /** A nested statement of any kind (a CTE body may be an INSERT ... RETURNING in PostgreSQL). */
  private bindAny(stmt: AstNode, outer: Scope | undefined, env: CteEnv): RelColumn[] | null {
    const t = typeof stmt.type === 'string' ? stmt.type.toLowerCase() : '';
    if (t === 'insert' || t === 'replace') return this.bindInsert(stmt, env) ?? null;
    if (t === 'update') return this.bindUpdate(stmt, env) ?? null;
    if (t === 'delete') return this.bindDelete(stmt, env) ?? null;
    return this.bindSelect(stmt, outer, env);
  }

  private bindInsert(node: AstNode, outerEnv: CteEnv = new Map()): RelColumn[] | undefined {
    const env = this.bindWith(node, undefined, outerEnv);
    const scope: Scope = { rels: [], using: new Set() };
    const targets = Array.isArray(node.table) ? node.table : node.table ? [node.table] : [];
    for (const t of targets) if (t && typeof t === 'object') this.addTableItem(t as AstNode, scope, undefined, env);
    const target = scope.rels[0];
    // the column list
    let count: number | undefined;
    const cols = node.columns;
    if (Array.isArray(cols)) {
      count = cols.length;
      cols.forEach((c, i) => {
        const name = nameText(c) ?? nameText((c as AstNode | null)?.column);
        if (name === undefined) return;
        const loc = this.locs.get(cols, `#${i}`) ?? (c && typeof c === 'object' ? this.locs.get(c, 'name') : undefined);
        this.bindColumnOf(target, name, loc, c && typeof c === 'object' ? (c as AstNode) : undefined);
      });
    } else if (target?.columns) count = target.columns.length;
    // the rows
    const values = node.values;
    const tableSpan = target ? this.firstLocOf(targets[0]) : undefined;
    if (values && typeof values === 'object') {
      const v = values as AstNode;
      const sel = this.selectOf(v);
      if (sel && !Array.isArray(values)) {
        const outs = this.bindSelect(sel, undefined, env);
        if (count !== undefined && outs && outs.length !== count) this.countMismatch(count, outs.length, tableSpan);
      } else {
        const rows = Array.isArray(values) ? values : Array.isArray(v.values) ? v.values : [];
        const empty: Scope = { rels: [], using: new Set() };
        rows.forEach((row, i) => {
          const r = row as AstNode | null;
          const items = r && Array.isArray(r.value) ? r.value : undefined;
          if (items) this.bindExpr(items, empty, env, false);
          if (items && count !== undefined && items.length !== count) {
            const rel = this.valueRows[i];
            this.countMismatch(count, items.length, rel ? this.abs(rel) : tableSpan);
          }
        });
      }
    }
    // MySQL INSERT ... SET col = value
    if (Array.isArray(node.set)) this.bindSetList(node.set, scope, target, env);
    // ON CONFLICT (PostgreSQL, SQLite)
    const conflict = node.conflict as AstNode | undefined;
    if (conflict && typeof conflict === 'object') {
      const cscope: Scope = { rels: target ? [...scope.rels, { ...target, name: 'excluded' }] : [], using: new Set() };
      const tgt = conflict.target as AstNode | undefined;
      if (tgt && typeof tgt === 'object') this.bindExpr(tgt.expr ?? tgt, scope, env, false);
      const action = conflict.action as AstNode | undefined;
      const upd = action && typeof action === 'object' ? (action.expr as AstNode | undefined) : undefined;
      if (upd && typeof upd === 'object') {
        if (Array.isArray(upd.set)) this.bindSetList(upd.set, cscope, target, env);
        if (upd.where) this.bindExpr(upd.where, cscope, env, false);
      }
      if (conflict.where) this.bindExpr(conflict.where, cscope, env, false);
    }
    // MySQL ON DUPLICATE KEY UPDATE
    const dup = node.on_duplicate_update as AstNode | undefined;
    if (dup && typeof dup === 'object' && Array.isArray(dup.set)) this.bindSetList(dup.set, scope, target, env);
    return this.bindReturning(node, scope, env);
  }

  private bindUpdate(node: AstNode, outerEnv: CteEnv = new Map()): RelColumn[] | undefined {
    const env = this.bindWith(node, undefined, outerEnv);
    const scope: Scope = { rels: [], using: new Set() };
    // FROM first: SQL Server's `UPDATE o SET ... FROM orders o` names its target by a FROM alias
    this.bindFrom(node.from, scope, undefined, env);
    let target: Relation | undefined;
    const targets = Array.isArray(node.table) ? node.table : [];
    for (const t of targets) {
      const item = t as AstNode | null;
      if (!item || typeof item !== 'object') continue;
      const fromAlias = typeof item.table === 'string' && !item.db && !item.as && !item.join && scope.rels.length ? this.findRel(scope, item.table) : undefined;
      if (fromAlias) {
        const loc = this.locs.get(item, 'name');
        if (loc) this.refRelationUse(fromAlias, item.table as string, this.abs(loc.parts[loc.parts.length - 1]));
        target ??= fromAlias;
        continue;
      }
      const before = scope.rels.length;
      this.addTableItem(item, scope, undefined, env);
      if (scope.rels.length > before) target ??= scope.rels[scope.rels.length - 1];
    }
    if (Array.isArray(node.set)) this.bindSetList(node.set, scope, target, env);
    for (const k of ['where', 'orderby', 'limit']) if (node[k]) this.bindExpr(node[k], scope, env, k === 'where');
    return this.bindReturning(node, scope, env);
  }

  private bindDelete(node: AstNode, outerEnv: CteEnv = new Map()): RelColumn[] | undefined {
    const env = this.bindWith(node, undefined, outerEnv);
    const scope: Scope = { rels: [], using: new Set() };
    this.bindFrom(node.from, scope, undefined, env);
    // MySQL multi-table DELETE t1, t2 FROM ...: the listed names are aliases of the FROM items
    const targets = Array.isArray(node.table) ? node.table : [];
    for (const t of targets) {
      const item = t as AstNode | null;
      if (!item || typeof item !== 'object' || item.addition === true || typeof item.table !== 'string') continue;
      const loc = this.locs.get(item, 'name');
      const rel = this.findRel(scope, item.table);
      if (rel) {
        if (loc) this.refRelationUse(rel, item.table, this.abs(loc.parts[loc.parts.length - 1]));
      } else this.addTableItem(item, scope, undefined, env);
    }
    if (node.using) this.bindFrom(node.using, scope, undefined, env);
    for (const k of ['where', 'orderby', 'limit']) if (node[k]) this.bindExpr(node[k], scope, env, k === 'where');
    return this.bindReturning(node, scope, env);
  }

  private bindReturning(node: AstNode, scope: Scope, env: CteEnv): RelColumn[] | undefined {
    const r = node.returning as AstNode | undefined;
    if (!r || typeof r !== 'object') return undefined;
    const cols = Array.isArray(r.columns) ? r.columns : Array.isArray(r) ? r : undefined;
    return this.bindSelectList(cols, scope, env) ?? undefined;
  }

  /** `SET col = value, ...`: columns of the target (or of the qualifying relation), values in scope. */
  private bindSetList(items: unknown[], scope: Scope, target: Relation | undefined, env: CteEnv): void {
    for (const it of items) {
      if (!it || typeof it !== 'object') continue;
      const s = it as AstNode;
      const col = nameText(s.column);
      const qual = nameText(s.table);
      const loc = this.locs.get(s, 'name');
      let rel = target;
      if (qual) {
        rel = this.findRel(scope, qual);
        if (loc && loc.parts.length > 1 && rel) this.refRelationUse(rel, qual, this.abs(loc.parts[0]));
      }
      if (col !== undefined) {
        const colLoc: Located | undefined = loc ? { parts: [loc.parts[loc.parts.length - 1]], quoted: [loc.quoted[loc.quoted.length - 1]] } : undefined;
        this.bindColumnOf(rel, col, colLoc, s);
      }
      if (s.value !== undefined) this.bindExpr(s.value, scope, env, false);
    }
  }

  // ---- FROM --------------------------------------------------------------

  private bindFrom(from: unknown, scope: Scope, outer: Scope | undefined, env: CteEnv): void {
    if (!Array.isArray(from)) return;
    for (const it of from) if (it && typeof it === 'object') this.addTableItem(it as AstNode, scope, outer, env);
  }

  private addTableItem(item: AstNode, scope: Scope, outer: Scope | undefined, env: CteEnv): void {
    const alias = typeof item.as === 'string' ? item.as : nameText(item.as);
    const aliasLoc = this.locs.get(item, 'alias');
    let rel: Relation | undefined;
    if (typeof item.table === 'string') {
      rel = this.resolveTableItem(item, env);
    } else if (item.expr && typeof item.expr === 'object') {
      const ex = item.expr as AstNode;
      const sel = this.selectOf(ex);
      if (sel) {
        const lateral = typeof item.prefix === 'string' && item.prefix.toLowerCase().includes('lateral');
        const cols = this.bindSelect(sel, lateral ? scope : outer, env);
        rel = { name: alias ?? '', columns: cols };
      } else {
        this.bindExpr(ex, scope, env, false); // a table function's arguments
        rel = { name: alias ?? nameText(ex.name) ?? '', columns: null };
      }
    } else if (item.type === 'dual') {
      return;
    } else {
      rel = { name: alias ?? '', columns: null };
    }
    if (alias !== undefined) {
      rel = { ...rel, name: alias, def: aliasLoc ? { span: this.abs(aliasLoc.parts[0]), kind: 'relation' } : undefined };
      if (aliasLoc) this.ref({ kind: 'alias', span: this.abs(aliasLoc.parts[0]), name: alias, tableKey: rel.table?.key, definition: true, aliasOf: 'relation' });
    }
    scope.rels.push(rel);
    if (item.on) this.bindExpr(item.on, scope, env, true);
    if (Array.isArray(item.using)) this.bindUsing(item.using, rel, scope);
  }

  private resolveTableItem(item: AstNode, env: CteEnv): Relation {
    const name = item.table as string;
    const db = nameText(item.db) ?? nameText(item.schema);
    const loc = this.locs.get(item, 'name');
    const nameSpan = loc ? this.abs(loc.parts[loc.parts.length - 1]) : this.stmtSpan;
    const quoted = loc ? loc.quoted[loc.quoted.length - 1] : false;
    if (!db) {
      const cte = env.get(name.toLowerCase());
      if (cte) {
        this.ref({ kind: 'alias', span: nameSpan, name, aliasOf: 'cte', definitionSpan: cte.defSpan });
        return { name, columns: cte.columns, def: cte.defSpan ? { span: cte.defSpan, kind: 'cte' } : undefined };
      }
    }
    const schemaQuoted = loc && loc.parts.length > 1 ? loc.quoted[0] : false;
    const r = findTable(this.cat, this.dialect, db ? { text: db, quoted: schemaQuoted } : undefined, name, quoted);
    if (!r.found) {
      const candidates = this.cat.schema.tables.map((t) => t.name);
      for (const c of env.values()) candidates.push(c.name);
      const sugg = suggestNames(name, candidates);
      const shown = db ? `${db}.${name}` : name;
      this.diag(QueryCodes.unknownTable, 'error', loc ? this.abs(this.spanOfParts(loc)) : nameSpan, `Unknown table \`${shown}\`${sugg.length ? `: did you mean ${sugg.map((s) => `\`${s}\``).join(', ')}?` : ''}`, sugg);
      this.ref({ kind: 'table', span: nameSpan, name });
      return { name, columns: null };
    }
    const t = r.found;
    if (r.caseMismatch) {
      const fix = quoteName(this.dialect, t.name);
      this.diag(QueryCodes.unknownTable, 'error', nameSpan, `Unknown table \`${name}\`: PostgreSQL folds unquoted names to lower case; the table is ${fix}`, [fix]);
    }
    this.useTable(t.key);
    this.ref({ kind: 'table', span: nameSpan, name, tableKey: t.key });
    return { name, table: t, columns: t.columns.map((c) => colOf(t, c)) };
  }

  private bindUsing(list: unknown[], rel: Relation, scope: Scope): void {
    list.forEach((u, i) => {
      const name = nameText(u);
      if (name === undefined) return;
      const loc = this.locs.get(list, `#${i}`);
      const span = loc ? this.abs(loc.parts[0]) : this.stmtSpan;
      const lower = name.toLowerCase();
      const right = rel.columns?.find((c) => c.name.toLowerCase() === lower);
      const left = scope.rels.slice(0, -1).map((r) => (r.columns === null ? null : r.columns.find((c) => c.name.toLowerCase() === lower)));
      const leftCol = left.find((c) => c) ?? undefined;
      const leftUnknown = left.some((c) => c === null);
      if (rel.columns && !right) this.unknownColumn(name, span, rel);
      else if (!leftCol && !leftUnknown && scope.rels.length > 1) this.unknownColumn(name, span, scope.rels[0]);
      const col = right ?? leftCol ?? undefined;
      if (col) this.ref({ kind: 'column', span, name, tableKey: col.tableKey, column: col.column });
      if (right?.type && leftCol?.type && !comparable(leftCol.type, right.type, this.dialect)) {
        this.diag(QueryCodes.incomparableTypes, 'warning', span, `USING (${name}) compares ${leftCol.type.raw} with ${right.type.raw}: the types cannot be compared`);
      }
      scope.using.add(lower);
    });
  }

  // ---- select list -------------------------------------------------------

  private bindSelectList(columns: unknown, scope: Scope, env: CteEnv): RelColumn[] | null {
    if (!Array.isArray(columns)) {
      // `SELECT *` in some builds is the string '*'
      return columns === '*' ? this.starColumns(scope) : [];
    }
    let out: RelColumn[] | null = [];
    for (const it of columns) {
      if (!it || typeof it !== 'object') continue;
      const item = it as AstNode;
      const ex = (item.expr ?? item) as AstNode;
      const alias = typeof item.as === 'string' ? item.as : nameText(item.as);
      if (ex && ex.type === 'column_ref' && nameText(ex.column) === '*') {
        const qual = nameText(ex.table);
        let cols: RelColumn[] | null;
        if (qual) {
          const rel = this.findRel(scope, qual);
          const ql = this.locs.get(ex, 'qualifier');
          if (!rel) {
            this.unknownQualifier(qual, ql ? this.abs(ql.parts[ql.parts.length - 1]) : this.stmtSpan, scope);
            cols = null;
          } else {
            if (ql) this.refRelationUse(rel, qual, this.abs(ql.parts[ql.parts.length - 1]));
            cols = rel.columns;
          }
        } else cols = this.starColumns(scope);
        if (cols === null || out === null) out = null;
        else out.push(...cols);
        continue;
      }
      const bound = this.bindExpr(ex, scope, env, false);
      let defSpan: Span | undefined;
      if (alias !== undefined) {
        const al = this.locs.get(item, 'alias');
        if (al) {
          defSpan = this.abs(al.parts[0]);
          this.ref({ kind: 'alias', span: defSpan, name: alias, definition: true, aliasOf: 'output' });
        }
      }
      if (out === null) continue;
      if (alias !== undefined) out.push(bound?.col && sameName(bound.col.name, alias) ? { ...bound.col, name: alias, defSpan } : { name: alias, type: bound?.col?.type, defSpan });
      else if (bound?.col) out.push(bound.col);
      else out.push({ name: this.exprName(ex) });
    }
    return out;
  }

  private starColumns(scope: Scope): RelColumn[] | null {
    const out: RelColumn[] = [];
    for (const r of scope.rels) {
      if (r.columns === null) return null;
      out.push(...r.columns);
    }
    return out;
  }

  /** The output name a database gives an unaliased expression. */
  private exprName(ex: AstNode): string {
    const fn = ex.type === 'aggr_func' ? ex.name : ex.type === 'function' ? nameText(Array.isArray((ex.name as AstNode | null)?.name) ? ((ex.name as AstNode).name as unknown[])[0] : ex.name) : undefined;
    if (this.dialect === 'postgres' && typeof fn === 'string') return fn.toLowerCase();
    return '?column?';
  }

  // ---- expressions -------------------------------------------------------

  /**
   * Binds an expression tree; returns the bound column when the expression
   * is a bare column reference. `compare` checks column-to-column comparisons
   * (join conditions and WHERE) for incomparable types.
   */
  private bindExpr(v: unknown, scope: Scope, env: CteEnv, compare: boolean): BoundRef | undefined {
    if (v === null || typeof v !== 'object') return undefined;
    if (Array.isArray(v)) {
      for (const x of v) this.bindExpr(x, scope, env, compare);
      return undefined;
    }
    const node = v as AstNode;
    const type = node.type;
    if (type === 'column_ref') return this.bindColumnRef(node, scope);
    const sel = this.selectOf(node);
    if (sel) {
      this.bindAny(sel, scope, env);
      return undefined;
    }
    if (type === 'binary_expr') {
      const l = this.bindExpr(node.left, scope, env, compare);
      const r = this.bindExpr(node.right, scope, env, compare);
      const op = typeof node.operator === 'string' ? node.operator.toUpperCase() : '';
      if (compare && COMPARISONS.has(op) && l?.col?.type && r?.col?.type && l.span && r.span && !comparable(l.col.type, r.col.type, this.dialect)) {
        this.diag(QueryCodes.incomparableTypes, 'warning', { start: l.span.start, end: r.span.end }, `\`${l.text}\` (${l.col.type.raw}) and \`${r.text}\` (${r.col.type.raw}) cannot be compared: the join condition needs a cast or the wrong column`);
      }
      return undefined;
    }
    if (type === 'function' && this.keywordFirstArg(node)) {
      const args = (node.args as AstNode).value as unknown[];
      for (let i = 1; i < args.length; i++) this.bindExpr(args[i], scope, env, compare);
      if (node.over) this.bindExpr(node.over, scope, env, compare);
      return undefined;
    }
    for (const k in node) {
      if (EXPR_SKIP.has(k)) continue;
      if (type === 'function' && k === 'name') continue;
      if (type === 'cast' && k === 'target') continue;
      this.bindExpr(node[k], scope, env, compare);
    }
    return undefined;
  }

  /** `DATEADD(day, ...)`, `CONVERT(varchar, ...)`, `TIMESTAMPDIFF(DAY, ...)`: the first argument is a keyword or a type, not a column. */
  private keywordFirstArg(node: AstNode): boolean {
    const args = node.args as AstNode | undefined;
    if (!args || typeof args !== 'object' || !Array.isArray(args.value) || !args.value.length) return false;
    const nm = node.name as AstNode | undefined;
    const first = nm && Array.isArray(nm.name) ? nameText(nm.name[nm.name.length - 1]) : nameText(nm);
    return first !== undefined && KEYWORD_FIRST_ARG.has(first.toLowerCase());
  }

  private bindColumnRef(node: AstNode, scope: Scope): BoundRef | undefined {
    const col = nameText(node.column);
    if (col === undefined) return undefined;
    const qual = nameText(node.table);
    if (col === '*') {
      if (qual) {
        const rel = this.findRel(scope, qual);
        const ql = this.locs.get(node, 'qualifier');
        const span = ql ? this.abs(ql.parts[ql.parts.length - 1]) : this.stmtSpan;
        if (rel) this.refRelationUse(rel, qual, span);
        else this.unknownQualifier(qual, span, scope);
      }
      return undefined;
    }
    const loc = this.locs.get(node, 'name');
    const colSpan = loc ? this.abs(loc.parts[loc.parts.length - 1]) : undefined;
    const quoted = loc ? loc.quoted[loc.quoted.length - 1] : node.column !== null && typeof node.column === 'object' && nameType(node.column) === 'double_quote_string';
    const text = qual ? `${qual}.${col}` : col;
    if (qual) {
      const rel = this.findRel(scope, qual);
      const qSpan = loc && loc.parts.length > 1 ? this.abs(loc.parts[loc.parts.length - 2]) : colSpan ?? this.stmtSpan;
      if (!rel) {
        this.unknownQualifier(qual, qSpan, scope);
        return { text, span: colSpan };
      }
      this.refRelationUse(rel, qual, qSpan);
      const found = this.columnIn(rel, col, quoted, colSpan ?? this.stmtSpan);
      return { col: found, span: colSpan && { start: qSpan.start, end: colSpan.end }, text };
    }
    // unqualified: innermost scope first; ambiguous within one scope is an error
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      const hits: { rel: Relation; col: RelColumn }[] = [];
      for (const rel of s.rels) {
        if (!rel.columns) continue;
        const c = this.matchColumn(rel, col, quoted);
        if (c) hits.push({ rel, col: c });
      }
      if (hits.length > 1 && !s.using.has(col.toLowerCase())) {
        const span = colSpan ?? this.stmtSpan;
        const names = hits.map((h) => h.rel.name || h.rel.table?.name || '?');
        this.diag(QueryCodes.ambiguousColumn, 'error', span, `Column \`${col}\` is ambiguous: it exists in ${names.map((n) => `\`${n}\``).join(' and ')}; qualify it (e.g. \`${names[0]}.${col}\`)`, names.map((n) => `${n}.${col}`));
        return { text, span: colSpan };
      }
      if (hits.length) {
        const h = hits[0];
        if (colSpan) this.ref({ kind: 'column', span: colSpan, name: col, tableKey: h.col.tableKey, column: h.col.column, definitionSpan: h.col.tableKey === undefined ? h.col.defSpan : undefined });
        this.checkColumnCase(h.rel, col, quoted, colSpan);
        return { col: h.col, span: colSpan, text };
      }
      const out = s.outputs?.find((o) => sameName(o.name, col));
      if (out) {
        if (colSpan) this.ref({ kind: 'alias', span: colSpan, name: col, tableKey: out.tableKey, column: out.column, aliasOf: 'output', definitionSpan: out.defSpan });
        return { col: out, span: colSpan, text };
      }
      if (s.rels.some((r) => r.columns === null)) return { text, span: colSpan };
    }
    if (NILADIC.has(col.toLowerCase()) && !quoted) return undefined;
    // variables and parameters (`@since`, `:id`), and PostgreSQL's whole-row reference (`jsonb_agg(o)`)
    const c0 = col.charCodeAt(0);
    if (c0 === 64 || c0 === 58 || c0 === 36) return undefined;
    const whole = this.findRel(scope, col);
    if (whole && !quoted) {
      if (colSpan) this.refRelationUse(whole, col, colSpan);
      return undefined;
    }
    const span = colSpan ?? this.stmtSpan;
    const candidates: string[] = [];
    for (let s: Scope | undefined = scope; s; s = s.parent) for (const r of s.rels) for (const c of r.columns ?? []) candidates.push(c.name);
    const sugg = suggestNames(col, candidates);
    const where = scope.rels.length ? ` in ${scope.rels.map((r) => `\`${r.name}\``).join(', ')}` : ' (the query has no FROM clause)';
    this.diag(QueryCodes.unknownColumn, 'error', span, `Unknown column \`${col}\`${where}${sugg.length ? `: did you mean ${sugg.map((x) => `\`${x}\``).join(', ')}?` : ''}`, sugg);
    return { text, span: colSpan };
  }

  /** A column of one relation, reported when missing; returns it when found. */
  private columnIn(rel: Relation, col: string, quoted: boolean, span: Span): RelColumn | undefined {
    if (rel.columns === null) return undefined;
    const c = this.matchColumn(rel, col, quoted);
    if (!c) {
      this.unknownColumn(col, span, rel);
      return undefined;
    }
    this.ref({ kind: 'column', span, name: col, tableKey: c.tableKey, column: c.column, definitionSpan: c.tableKey === undefined ? c.defSpan : undefined });
    this.checkColumnCase(rel, col, quoted, span);
    return c;
  }

  /** Binds a bare column name of a given relation (INSERT column lists, SET targets). */
  private bindColumnOf(rel: Relation | undefined, name: string, loc: Located | undefined, node: AstNode | undefined): void {
    const span = loc ? this.abs(loc.parts[loc.parts.length - 1]) : this.stmtSpan;
    const quoted = loc ? loc.quoted[loc.quoted.length - 1] : node ? nameType(node) === 'double_quote_string' : false;
    if (!rel) return;
    this.columnIn(rel, name, quoted, span);
  }

  private matchColumn(rel: Relation, col: string, quoted: boolean): RelColumn | undefined {
    const cols = rel.columns;
    if (!cols) return undefined;
    if (rel.table && cols.length === rel.table.columns.length) {
      const r = findColumn(this.cat, this.dialect, rel.table, col, quoted);
      if (r.found) return cols[rel.table.columns.indexOf(r.found)];
      return undefined;
    }
    const lower = col.toLowerCase();
    return cols.find((c) => c.name.toLowerCase() === lower);
  }

  /** PostgreSQL: a column found only by ignoring case needs quotes. */
  private checkColumnCase(rel: Relation, col: string, quoted: boolean, span: Span | undefined): void {
    if (this.dialect !== 'postgres' || !rel.table || !span) return;
    const r = findColumn(this.cat, this.dialect, rel.table, col, quoted);
    if (r.found && r.caseMismatch) {
      const fix = quoteName(this.dialect, r.found.name);
      this.diag(QueryCodes.unknownColumn, 'error', span, `Unknown column \`${col}\`: PostgreSQL folds unquoted names to lower case; the column is ${fix}`, [fix]);
    }
  }

  private unknownColumn(col: string, span: Span, rel: Relation): void {
    const sugg = suggestNames(col, (rel.columns ?? []).map((c) => c.name));
    const label = rel.table ? (rel.table.schema ? rel.table.key : rel.table.name) : '';
    const of = rel.table ? (rel.name && rel.name !== rel.table.name ? `\`${rel.name}\` (table \`${label}\`)` : `table \`${label}\``) : `\`${rel.name}\``;
    this.diag(QueryCodes.unknownColumn, 'error', span, `Unknown column \`${col}\` in ${of}${sugg.length ? `: did you mean ${sugg.map((x) => `\`${x}\``).join(', ')}?` : ''}`, sugg);
  }

  private unknownQualifier(qual: string, span: Span, scope: Scope): void {
    const names: string[] = [];
    for (let s: Scope | undefined = scope; s; s = s.parent) for (const r of s.rels) if (r.name) names.push(r.name);
    const sugg = suggestNames(qual, names);
    let aliasedAs: string | undefined;
    for (let s: Scope | undefined = scope; s && !aliasedAs; s = s.parent) for (const r of s.rels) if (r.table && r.table.name.toLowerCase() === qual.toLowerCase()) aliasedAs = r.name;
    if (aliasedAs) {
      this.diag(QueryCodes.unknownTable, 'error', span, `\`${qual}\` is aliased as \`${aliasedAs}\` in this query: qualify with \`${aliasedAs}\``, [aliasedAs]);
      return;
    }
    const inSchema = this.cat.byName.has(qual.toLowerCase());
    const why = inSchema ? ` is a table, but not in this query's FROM clause` : ` is not a table or alias in this query`;
    this.diag(QueryCodes.unknownTable, 'error', span, `\`${qual}\`${why}${sugg.length ? `: did you mean ${sugg.map((x) => `\`${x}\``).join(', ')}?` : ''}`, sugg);
  }

  // ---- helpers -----------------------------------------------------------

  private findRel(scope: Scope, name: string): Relation | undefined {
    const lower = name.toLowerCase();
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      for (let i = s.rels.length - 1; i >= 0; i--) if (s.rels[i].name.toLowerCase() === lower) return s.rels[i];
      // `schema.table.column` or a table qualified by its own name under an alias-less schema
      for (const r of s.rels) if (r.table && r.table.name.toLowerCase() === lower && r.name.toLowerCase() === r.table.name.toLowerCase()) return r;
    }
    return undefined;
  }

  /** A qualifier's use: an alias, or a table name written as its own qualifier. */
  private refRelationUse(rel: Relation, written: string, span: Span): void {
    const isTableName = rel.table !== undefined && rel.table.name.toLowerCase() === written.toLowerCase() && rel.def === undefined;
    if (isTableName) this.ref({ kind: 'table', span, name: written, tableKey: rel.table?.key });
    else this.ref({ kind: 'alias', span, name: written, tableKey: rel.table?.key, aliasOf: rel.def?.kind ?? 'relation', definitionSpan: rel.def?.span });
  }

  private selectOf(v: unknown): AstNode | undefined {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
    const n = v as AstNode;
    if (typeof n.type === 'string' && ['select', 'insert', 'update', 'delete', 'replace'].includes(n.type.toLowerCase()) && (n.type !== 'insert' || n.table !== undefined)) return n;
    if (n.ast && typeof n.ast === 'object' && !Array.isArray(n.ast)) return this.selectOf(n.ast);
    return undefined;
  }

  private firstLocOf(item: unknown): Span | undefined {
    if (!item || typeof item !== 'object') return undefined;
    const l = this.locs.get(item, 'name');
    return l ? this.abs(l.parts[l.parts.length - 1]) : undefined;
  }

  private countMismatch(expected: number, got: number, span: Span | undefined): void {
    this.diag(QueryCodes.insertColumnCount, 'error', span ?? this.stmtSpan, `INSERT has ${expected} target column${expected === 1 ? '' : 's'} but ${got} value${got === 1 ? '' : 's'}`);
  }

  private spanOfParts(l: Located): Span {
    return { start: l.parts[0].start, end: l.parts[l.parts.length - 1].end };
  }

  private abs(s: Span): Span {
    return { start: s.start + this.base, end: s.end + this.base };
  }

  private useTable(key: string): void {
    if (this.tableSet.has(key)) return;
    this.tableSet.add(key);
    this.tables.push(key);
  }

  private ref(r: QueryReference): void {
    if (r.tableKey === undefined) delete r.tableKey;
    if (r.column === undefined) delete r.column;
    if (r.definitionSpan === undefined) delete r.definitionSpan;
    this.references.push(r);
  }

  private diag(code: string, severity: Severity, span: Span, message: string, suggestions?: string[]): void {
    const d: Diagnostic = { uri: this.uri, span, severity, code, message };
    if (suggestions && suggestions.length) d.data = { suggestions };
    this.diagnostics.push(d);
  }
}

const EXPR_SKIP = new Set(['tableList', 'columnList', 'loc', 'type', 'operator', 'dataType', 'keyword', 'symbol', 'collate', 'parentheses', 'suffix']);

/**
 * Did-you-mean candidates: close spellings first; failing those, a name that
 * is one `_`-separated part of the written one or the other way round
 * (`plan_name` -> `name`, `email` -> `user_email`), which is how generated
 * SQL usually goes wrong.
 */
export function suggestNames(name: string, candidates: string[]): string[] {
  const close = closestNames(name, candidates);
  if (close.length) return close;
  const lower = name.toLowerCase();
  const parts = lower.split('_');
  const out: string[] = [];
  for (const c of candidates) {
    const cl = c.toLowerCase();
    if (out.includes(c) || cl.length < 2) continue;
    if ((parts.length > 1 && parts.includes(cl)) || cl.split('_').includes(lower)) out.push(c);
    if (out.length === 3) break;
  }
  return out;
}

function colOf(t: Table, c: Column): RelColumn {
  return { name: c.name, type: c.type, tableKey: t.key, column: c.name };
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function nameType(x: unknown): string | undefined {
  if (!x || typeof x !== 'object') return undefined;
  const o = x as AstNode;
  if (typeof o.type === 'string' && typeof o.value === 'string') return o.type;
  return o.expr ? nameType(o.expr) : undefined;
}
