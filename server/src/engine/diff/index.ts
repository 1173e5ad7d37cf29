/**
 * Schema diff: what changes turn Schema A into Schema B. Tables, columns
 * (type, nullability, default, identity, generated, collation), primary keys,
 * unique keys, checks, indexes, declared foreign keys, enums, views and
 * comments. Tables and columns that disappear on one side and appear on the
 * other are paired as renames when similar enough (or when the user says
 * so). Pure and total: any two schemas give a diff, never an exception.
 * It writes no SQL; engine/migrate plans the statements.
 */
import type { Check, Column, Enum, Relationship, Schema, Table } from '../model/schema.js';
import {
  classifyTypeChange,
  collationOf,
  defaultSignature,
  indexSignature,
  nameSimilarity,
  normExpr,
  plainIndexesOf,
  primaryKeyOf,
  typeSignature,
  uniqueSetsOf,
} from './normalize.js';
import type { Change, ColumnAlteration, DiffDialect, DiffOptions, EnumValueAdd, RenameCandidate, RenameHint, SchemaDiff } from './types.js';

export type * from './types.js';
export { classifyTypeChange, primaryKeyOf, typeSignature, uniqueSetsOf, plainIndexesOf, nameSimilarity } from './normalize.js';

/** Confidence under which a candidate rename is not even reported. */
const REPORT_FLOOR = 0.5;
const DEFAULT_THRESHOLD = 0.75;

type Fold = (s: string) => string;

interface TablePair {
  from: Table;
  to: Table;
  /** from column (folded name) -> to column */
  cols: Map<string, Column>;
}

/** The changes from `from` to `to` (see the module header). */
export function diffSchemas(from: Schema, to: Schema, options: DiffOptions = {}): SchemaDiff {
  const dialect: DiffDialect = options.dialect ?? 'generic';
  const fold: Fold = dialect === 'postgres' || dialect === 'generic' ? (s) => s : (s) => s.toLowerCase();
  const threshold = options.renameThreshold ?? DEFAULT_THRESHOLD;
  const changes: Change[] = [];
  const renames: RenameCandidate[] = [];
  const tkey = (s: Schema, t: { schema: string; name: string }) => `${t.schema === s.defaultSchema ? '' : fold(t.schema)}.${fold(t.name)}`;
  const rejected = (kind: 'table' | 'column', f: string, t: string, table?: string) => {
    const r = options.rejectRenames;
    if (r === true) return true;
    if (!r) return false;
    return r.some((h) => h.kind === kind && fold(h.from) === fold(f) && fold(h.to) === fold(t) && (kind === 'table' || !h.table || !table || fold(bareName(h.table)) === fold(table)));
  };

  // ------------------------------------------------------------ enums
  const fromEnums = new Map(from.enums.map((e) => [tkey(from, e), e]));
  const toEnumKeys = new Set<string>();
  for (const e of to.enums) {
    const k = tkey(to, e);
    toEnumKeys.add(k);
    const old = fromEnums.get(k);
    if (!old) changes.push({ kind: 'create-enum', enum: e });
    else {
      const c = diffEnum(old, e);
      if (c) changes.push(c);
    }
  }
  for (const [k, e] of fromEnums) if (!toEnumKeys.has(k)) changes.push({ kind: 'drop-enum', enum: e });

  // ------------------------------------------------------------ tables: match by key, then renames
  const fromTables = from.tables.filter((t) => !t.isView);
  const toTables = to.tables.filter((t) => !t.isView);
  const toByKey = new Map(toTables.map((t) => [tkey(to, t), t]));
  const pairs: TablePair[] = [];
  const pairedTo = new Set<Table>();
  const unmatchedFrom: Table[] = [];
  for (const t of fromTables) {
    const other = toByKey.get(tkey(from, t));
    if (other && !pairedTo.has(other)) {
      pairs.push({ from: t, to: other, cols: new Map() });
      pairedTo.add(other);
    } else unmatchedFrom.push(t);
  }
  let unmatchedTo = toTables.filter((t) => !pairedTo.has(t));
  const renamedTables = new Set<TablePair>();
  const tableHit = (t: Table, s: string) => fold(t.name) === fold(s) || fold(`${t.schema}.${t.name}`) === fold(s);
  for (const h of options.renames ?? []) {
    if (h.kind !== 'table') continue;
    const f = unmatchedFrom.find((t) => tableHit(t, h.from));
    const t = unmatchedTo.find((x) => tableHit(x, h.to));
    if (!f || !t) continue;
    unmatchedFrom.splice(unmatchedFrom.indexOf(f), 1);
    unmatchedTo = unmatchedTo.filter((x) => x !== t);
    const p: TablePair = { from: f, to: t, cols: new Map() };
    pairs.push(p);
    renamedTables.add(p);
    renames.push({ kind: 'table', from: f.name, to: t.name, confidence: 1, accepted: true, forced: true });
  }
  for (const [f, t, confidence] of bestPairs(unmatchedFrom, unmatchedTo, (a, b) => (fold(a.schema) === fold(b.schema) ? tableSimilarity(a, b, fold) : 0))) {
    const accepted = confidence >= threshold && !rejected('table', f.name, t.name);
    renames.push({ kind: 'table', from: f.name, to: t.name, confidence: round(confidence), accepted });
    if (!accepted) continue;
    unmatchedFrom.splice(unmatchedFrom.indexOf(f), 1);
    unmatchedTo = unmatchedTo.filter((x) => x !== t);
    const p: TablePair = { from: f, to: t, cols: new Map() };
    pairs.push(p);
    renamedTables.add(p);
  }

  for (const t of unmatchedFrom) changes.push({ kind: 'drop-table', table: t });
  for (const t of unmatchedTo) {
    changes.push({ kind: 'create-table', table: t });
    for (const ix of plainIndexesOf(t)) changes.push({ kind: 'add-index', table: t, index: ix });
  }

  // ------------------------------------------------------------ tables present on both sides
  const altered = new Map<Table, Set<string>>(); // to table -> folded names of columns whose type changes
  for (const p of pairs) {
    if (renamedTables.has(p) || p.from.name !== p.to.name) {
      const confidence = renames.find((r) => r.kind === 'table' && r.from === p.from.name && r.to === p.to.name)?.confidence ?? 1;
      changes.push({ kind: 'rename-table', fromTable: p.from, table: p.to, confidence });
    }
    diffTable(p, options, threshold, fold, rejected, changes, renames, altered);
  }

  // ------------------------------------------------------------ views
  const viewDef = (v: Table) => normExpr(v.settings['definition'] ?? v.settings['query'] ?? v.settings['as'] ?? '');
  const toViews = new Map(to.tables.filter((t) => t.isView).map((t) => [tkey(to, t), t]));
  const keptViews = new Set<string>();
  for (const v of from.tables.filter((t) => t.isView)) {
    const k = tkey(from, v);
    const w = toViews.get(k);
    if (w && viewDef(w) === viewDef(v)) {
      keptViews.add(k);
      continue;
    }
    changes.push({ kind: 'drop-view', table: v });
  }
  for (const [k, w] of toViews) if (!keptViews.has(k)) changes.push({ kind: 'create-view', table: w });

  // ------------------------------------------------------------ foreign keys (declared only)
  const pairByFromKey = new Map(pairs.map((p) => [p.from.key, p]));
  const fromTableByKey = new Map(from.tables.map((t) => [t.key, t]));
  const toTableByKey = new Map(to.tables.map((t) => [t.key, t]));
  const droppedKeys = new Set(unmatchedFrom.map((t) => t.key));
  const createdKeys = new Set(unmatchedTo.map((t) => t.key));
  const mapEnd = (tableKey: string, cols: string[]): string => {
    const p = pairByFromKey.get(tableKey);
    if (!p) return `\u0000gone:${tableKey}`;
    return `${tkey(to, p.to)}(${cols.map((c) => (p.cols.get(fold(c)) ? fold(p.cols.get(fold(c))!.name) : `\u0000gone:${c}`)).join(',')})`;
  };
  const act = (r: Relationship) => `${r.onDelete ?? 'no action'}|${r.onUpdate ?? 'no action'}`;
  const fromSig = (r: Relationship) => `${mapEnd(r.from.tableKey, r.from.columns)}>${mapEnd(r.to.tableKey, r.to.columns)}|${act(r)}`;
  const toEnd = (tableKey: string, cols: string[]) => {
    const t = toTableByKey.get(tableKey);
    return `${t ? tkey(to, t) : `\u0000missing:${tableKey}`}(${cols.map(fold).join(',')})`;
  };
  const toSig = (r: Relationship) => `${toEnd(r.from.tableKey, r.from.columns)}>${toEnd(r.to.tableKey, r.to.columns)}|${act(r)}`;
  const toRels = new Map<string, Relationship[]>();
  for (const r of to.relationships) {
    if (r.source !== 'declared') continue;
    const k = toSig(r);
    const list = toRels.get(k);
    if (list) list.push(r);
    else toRels.set(k, [r]);
  }
  const typeChanged = (tableKey: string, cols: string[], side: 'to'): boolean => {
    const t = side === 'to' ? toTableByKey.get(tableKey) : undefined;
    const set = t ? altered.get(t) : undefined;
    return !!set && cols.some((c) => set.has(fold(c)));
  };
  // MySQL refuses to drop the index a foreign key uses: such keys are dropped and added again around it
  const losesIndex = (holder: Table, cols: string[]): boolean => {
    const prefix = cols.map(fold).join('\u0001');
    for (const c of changes) {
      let set: string[] | undefined;
      if (c.kind === 'drop-index' && c.fromTable === holder) set = c.index.parts.map((p) => p.column ?? '\u0000');
      else if (c.kind === 'drop-unique' && c.fromTable === holder) set = c.columns;
      else if (c.kind === 'alter-primary-key' && c.fromTable === holder) set = c.from;
      if (set && (set.map(fold).join('\u0001') + '\u0001').startsWith(prefix + '\u0001')) return true;
    }
    return false;
  };
  for (const r of from.relationships) {
    if (r.source !== 'declared') continue;
    const holder = fromTableByKey.get(r.from.tableKey);
    if (!holder) continue;
    const list = toRels.get(fromSig(r));
    const match = list?.shift();
    if (match) {
      if (typeChanged(match.from.tableKey, match.from.columns, 'to') || typeChanged(match.to.tableKey, match.to.columns, 'to') || (dialect === 'mysql' && losesIndex(holder, r.from.columns))) {
        changes.push({ kind: 'drop-foreign-key', table: holder, relationship: r, recreated: true });
        changes.push({ kind: 'add-foreign-key', table: toTableByKey.get(match.from.tableKey)!, relationship: match, recreated: true });
      }
      continue;
    }
    changes.push({ kind: 'drop-foreign-key', table: holder, relationship: r, tableDropped: droppedKeys.has(holder.key) });
  }
  for (const list of toRels.values()) {
    for (const r of list) {
      const holder = toTableByKey.get(r.from.tableKey);
      if (!holder || holder.isView) continue;
      changes.push({ kind: 'add-foreign-key', table: holder, relationship: r, newTable: createdKeys.has(holder.key) });
    }
  }

  return { from, to, dialect, changes, renames };
}

/** The diff that undoes `diff`: `to` back to `from`, with the same renames reversed. */
export function reverseDiff(diff: SchemaDiff): SchemaDiff {
  const forced: RenameHint[] = [];
  for (const r of diff.renames) if (r.accepted) forced.push({ kind: r.kind, from: r.to, to: r.from, table: r.table });
  const back = diffSchemas(diff.to, diff.from, { dialect: diff.dialect, renames: forced, rejectRenames: true });
  return back;
}

// ---------------------------------------------------------------- one table

function diffTable(
  p: TablePair,
  options: DiffOptions,
  threshold: number,
  fold: Fold,
  rejected: (kind: 'table' | 'column', f: string, t: string, table?: string) => boolean,
  changes: Change[],
  renames: RenameCandidate[],
  altered: Map<Table, Set<string>>,
): void {
  const { from: ft, to: tt } = p;
  const toByName = new Map(tt.columns.map((c) => [fold(c.name), c]));
  const pairedTo = new Set<Column>();
  const lostFrom: Column[] = [];
  for (const c of ft.columns) {
    const other = toByName.get(fold(c.name));
    if (other && !pairedTo.has(other)) {
      p.cols.set(fold(c.name), other);
      pairedTo.add(other);
    } else lostFrom.push(c);
  }
  let newTo = tt.columns.filter((c) => !pairedTo.has(c));
  const renamed = new Set<Column>();
  const inTable = (h: RenameHint) => !h.table || fold(bareName(h.table)) === fold(tt.name) || fold(bareName(h.table)) === fold(ft.name);
  for (const h of options.renames ?? []) {
    if (h.kind !== 'column' || !inTable(h)) continue;
    const f = lostFrom.find((c) => fold(c.name) === fold(h.from));
    const t = newTo.find((c) => fold(c.name) === fold(h.to));
    if (!f || !t) continue;
    lostFrom.splice(lostFrom.indexOf(f), 1);
    newTo = newTo.filter((c) => c !== t);
    p.cols.set(fold(f.name), t);
    renamed.add(t);
    renames.push({ kind: 'column', table: tt.name, from: f.name, to: t.name, confidence: 1, accepted: true, forced: true });
    changes.push({ kind: 'rename-column', table: tt, fromTable: ft, from: f, to: t, confidence: 1 });
  }
  for (const [f, t, confidence] of bestPairs(lostFrom, newTo, (a, b) => columnSimilarity(a, b, fold))) {
    const accepted = confidence >= threshold && !rejected('column', f.name, t.name, tt.name);
    renames.push({ kind: 'column', table: tt.name, from: f.name, to: t.name, confidence: round(confidence), accepted });
    if (!accepted) continue;
    lostFrom.splice(lostFrom.indexOf(f), 1);
    newTo = newTo.filter((c) => c !== t);
    p.cols.set(fold(f.name), t);
    renamed.add(t);
    changes.push({ kind: 'rename-column', table: tt, fromTable: ft, from: f, to: t, confidence: round(confidence) });
  }
  for (const c of lostFrom) changes.push({ kind: 'drop-column', table: tt, fromTable: ft, column: c });
  for (const c of newTo) changes.push({ kind: 'add-column', table: tt, fromTable: ft, column: c });

  // case-only renames in case-insensitive dialects
  for (const c of ft.columns) {
    const t = p.cols.get(fold(c.name));
    if (t && !renamed.has(t) && t.name !== c.name) changes.push({ kind: 'rename-column', table: tt, fromTable: ft, from: c, to: t, confidence: 1 });
  }

  const typeChanges = new Set<string>();
  for (const c of ft.columns) {
    const t = p.cols.get(fold(c.name));
    if (!t) continue;
    let a: ColumnAlteration | undefined;
    const sameRaw = c.type.raw === t.type.raw && c.type.enumKey === t.type.enumKey && c.type.family === t.type.family;
    if (!sameRaw && typeSignature(c.type, fold) !== typeSignature(t.type, fold)) {
      (a ??= {}).type = classifyTypeChange(c.type, t.type);
      typeChanges.add(fold(t.name));
    }
    if (c.nullable !== t.nullable && !(t.primaryKey && c.primaryKey)) (a ??= {}).nullable = true;
    const sameDefault = c.default === t.default || (c.default !== undefined && t.default !== undefined && c.default.kind === t.default.kind && c.default.value === t.default.value);
    if (!sameDefault && defaultSignature(c.default, c.type) !== defaultSignature(t.default, t.type)) (a ??= {}).default = true;
    if (c.autoIncrement !== t.autoIncrement) (a ??= {}).identity = true;
    if (c.generated !== t.generated && normExpr(c.generated ?? '') !== normExpr(t.generated ?? '')) (a ??= {}).generated = true;
    if (collationOf(c) !== collationOf(t)) (a ??= {}).collation = true;
    if (a) changes.push({ kind: 'alter-column', table: tt, fromTable: ft, from: c, to: t, changes: a });
    if ((c.note ?? '') !== (t.note ?? '')) changes.push({ kind: 'column-comment', table: tt, column: t, from: c.note, to: t.note });
  }
  if (typeChanges.size) altered.set(tt, typeChanges);

  const mapCol = (name: string) => {
    const t = p.cols.get(fold(name));
    return t ? fold(t.name) : `\u0000gone:${name}`;
  };

  // primary key
  const fpk = primaryKeyOf(ft);
  const tpk = primaryKeyOf(tt);
  if (fpk.columns.map(mapCol).join('\u0001') !== tpk.columns.map(fold).join('\u0001')) {
    changes.push({ kind: 'alter-primary-key', table: tt, fromTable: ft, from: fpk.columns, to: tpk.columns, fromName: fpk.name, toName: tpk.name });
  }

  // unique keys
  const toUniques = new Map(uniqueSetsOf(tt).map((u) => [u.map(fold).join('\u0001'), u]));
  const keptUniques = new Set<string>();
  for (const u of uniqueSetsOf(ft)) {
    const k = u.map(mapCol).join('\u0001');
    if (toUniques.has(k) && !keptUniques.has(k)) keptUniques.add(k);
    else changes.push({ kind: 'drop-unique', table: tt, fromTable: ft, columns: u });
  }
  for (const [k, u] of toUniques) if (!keptUniques.has(k)) changes.push({ kind: 'add-unique', table: tt, fromTable: ft, columns: u });

  // indexes: by name when both are named, else by definition
  const toIx = plainIndexesOf(tt);
  const toSigs = toIx.map((x) => indexSignature(x, fold));
  const usedTo = new Set<number>();
  for (const ix of plainIndexesOf(ft)) {
    const sig = indexSignature(ix, mapCol);
    let j = ix.name ? toIx.findIndex((x, i) => !usedTo.has(i) && x.name !== undefined && fold(x.name) === fold(ix.name!)) : -1;
    if (j < 0) j = toIx.findIndex((x, i) => !usedTo.has(i) && !(ix.name && x.name) && toSigs[i] === sig);
    if (j >= 0 && toSigs[j] === sig) {
      usedTo.add(j);
      continue;
    }
    changes.push({ kind: 'drop-index', table: tt, fromTable: ft, index: ix });
  }
  toIx.forEach((ix, i) => {
    if (!usedTo.has(i)) changes.push({ kind: 'add-index', table: tt, fromTable: ft, index: ix });
  });

  // checks (table checks and column checks)
  // one constraint per expression: a source (SQLite's introspection) may report a column check on the column and the table
  const checksOf = (t: Table): Check[] => {
    const out: Check[] = [];
    const seen = new Set<string>();
    const add = (ch: Check) => {
      const e = normExpr(ch.expression);
      if (seen.has(e)) return;
      seen.add(e);
      out.push(ch);
    };
    for (const ch of t.checks) add(ch);
    for (const c of t.columns) if (c.checks.length) for (const expression of c.checks) add({ expression });
    return out;
  };
  const toChecks = checksOf(tt);
  const toExprs = toChecks.map((x) => normExpr(x.expression));
  const usedChecks = new Set<number>();
  for (const ch of checksOf(ft)) {
    const e = normExpr(ch.expression);
    const j = toChecks.findIndex((x, i) => !usedChecks.has(i) && toExprs[i] === e && (!ch.name || !x.name || fold(ch.name) === fold(x.name)));
    if (j >= 0) usedChecks.add(j);
    else changes.push({ kind: 'drop-check', table: tt, fromTable: ft, check: ch });
  }
  toChecks.forEach((ch, i) => {
    if (!usedChecks.has(i)) changes.push({ kind: 'add-check', table: tt, fromTable: ft, check: ch });
  });

  if ((ft.note ?? '') !== (tt.note ?? '')) changes.push({ kind: 'table-comment', table: tt, from: ft.note, to: tt.note });
}

// ---------------------------------------------------------------- enums

function diffEnum(a: Enum, b: Enum): Change | undefined {
  const av = a.values.map((v) => v.name);
  const bv = b.values.map((v) => v.name);
  if (av.join('\u0000') === bv.join('\u0000')) return undefined;
  const bset = new Set(bv);
  const aset = new Set(av);
  const renamed: { from: string; to: string }[] = [];
  const renameOf = new Map<string, string>();
  if (av.length === bv.length) {
    for (let i = 0; i < av.length; i++) {
      if (!bset.has(av[i]) && !aset.has(bv[i])) {
        renamed.push({ from: av[i], to: bv[i] });
        renameOf.set(av[i], bv[i]);
      }
    }
  }
  const removed = av.filter((v) => !bset.has(v) && !renameOf.has(v));
  const existing = av.filter((v) => !removed.includes(v)).map((v) => renameOf.get(v) ?? v);
  const existingSet = new Set(existing);
  const common = bv.filter((v) => existingSet.has(v));
  const reordered = common.join('\u0000') !== existing.join('\u0000');
  const added: EnumValueAdd[] = [];
  bv.forEach((v, i) => {
    if (existingSet.has(v)) return;
    const next = bv.slice(i + 1).find((x) => existingSet.has(x));
    added.push(next !== undefined ? { value: v, before: next } : i > 0 ? { value: v, after: bv[i - 1] } : { value: v });
  });
  return { kind: 'alter-enum', from: a, to: b, added, removed, renamed, reordered };
}

// ---------------------------------------------------------------- similarity

function tableSimilarity(a: Table, b: Table, fold: Fold): number {
  const sig = (c: Column) => `${fold(c.name)}|${typeSignature(c.type, fold)}`;
  const bs = new Set(b.columns.map(sig));
  let same = 0;
  for (const c of a.columns) if (bs.has(sig(c))) same++;
  const colSim = same / Math.max(a.columns.length, b.columns.length, 1);
  return 0.6 * colSim + 0.4 * nameSimilarity(a.name, b.name);
}

function columnSimilarity(a: Column, b: Column, fold: Fold): number {
  const type = typeSignature(a.type, fold) === typeSignature(b.type, fold) ? 1 : a.type.family === b.type.family ? 0.5 : 0;
  return 0.45 * type + 0.05 * (a.nullable === b.nullable ? 1 : 0) + 0.05 * (defaultSignature(a.default, a.type) === defaultSignature(b.default, b.type) ? 1 : 0) + 0.45 * nameSimilarity(a.name, b.name);
}

/** One-to-one pairs by descending similarity (greedy), those at or above the report floor. */
function bestPairs<T>(left: T[], right: T[], sim: (a: T, b: T) => number): [T, T, number][] {
  if (!left.length || !right.length) return [];
  const all: [T, T, number][] = [];
  for (const a of left) for (const b of right) {
    const s = sim(a, b);
    if (s >= REPORT_FLOOR) all.push([a, b, s]);
  }
  all.sort((x, y) => y[2] - x[2]);
  const usedL = new Set<T>();
  const usedR = new Set<T>();
  const out: [T, T, number][] = [];
  for (const e of all) {
    if (usedL.has(e[0]) || usedR.has(e[1])) continue;
    usedL.add(e[0]);
    usedR.add(e[1]);
    out.push(e);
  }
  return out;
}

function bareName(s: string): string {
  const i = s.lastIndexOf('.');
  return i >= 0 ? s.slice(i + 1) : s;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
