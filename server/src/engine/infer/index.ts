/**
 * Relationship inference: finds the foreign keys a schema implies but does
 * not declare (Rails/Django apps, MyISAM-era dumps, warehouses), each with a
 * confidence in [0, 1] and the evidence that produced it, so a user can judge
 * it and declare it with one click.
 *
 * Shape: one pass indexes tables by normalised name (`users`, `User`,
 * `wp_users` -> `user`) and by key-column name; then each column is looked up
 * in those maps (never compared against every other column), and the first
 * naming rule that names a unique target decides it (a column note that names
 * the target, "Foreign key to Product.ProductID", comes first). Type
 * compatibility, the target being a key, polymorphic pairs and junction tables
 * add or remove weight; so do what the schema says around the name: whether the
 * column is indexed, notes that deny a reference ("no FK", "denormalized"),
 * copies and projections of other tables, composite references that imply a
 * single one, key names shared by a family of tables. Partitions with indexes
 * of their own are sources in their parent's place. Weights are in `SIGNALS`
 * and documented in docs/inference.md.
 *
 * Pure and total: any Schema in, plain data out, deterministic order.
 */
import type { Column, ColumnType, Relationship, RelationshipEnd, Schema, Table } from '../model/schema.js';
import { typesCompatible } from '../model/types.js';
import { columnStem, flatName, nounKey, singular, tokens, type ColumnStem } from './names.js';
import { docDenies, docReference, docRelevant, mentions, type DocReference } from './docs.js';
import { runSteps, type Steps } from '../steps.js';

export interface Evidence {
  /** stable signal id, e.g. `name:table`, `type:compatible` (see SIGNALS) */
  signal: string;
  /** what the signal added to the confidence (negative: took away) */
  weight: number;
  /** a sentence a user can judge */
  detail: string;
}

export interface InferredRelationship extends Relationship {
  source: 'inferred';
  confidence: number;
  evidence: Evidence[];
}

/** A `<x>_type` + `<x>_id` pair: a reference whose target table is chosen per row. */
export interface PolymorphicAssociation {
  /** table key (`schema.name`) */
  tableKey: string;
  typeColumn: string;
  idColumn: string;
  confidence: number;
  evidence: Evidence[];
}

export interface InferenceOptions {
  /** relationships below this confidence are not reported (default 0.5) */
  minConfidence?: number;
}

export interface InferenceResult {
  relationships: InferredRelationship[];
  polymorphic: PolymorphicAssociation[];
}

/** Every signal and its weight. Naming signals are alternatives (one per relationship); the rest add up. */
export const SIGNALS = {
  /** the column has the same name as another table's (non-`id`) primary key: `emp_no` -> employees.emp_no */
  sameKey: { id: 'name:same-key', weight: 0.6 },
  /** the column's stem names the table: `user_id`, `userId`, `UserID`, `fk_user`, `author_id` -> authors */
  table: { id: 'name:table', weight: 0.55 },
  /** the source table's leading words plus the stem name the table: forum_posts.topic_id -> forum_topics */
  context: { id: 'name:context-prefix', weight: 0.45 },
  /** a role prefix before a table name or key name: `original_language_id`, `billtoaddressid`, `manager_staff_id` */
  rolePrefix: { id: 'name:role-prefix', weight: 0.4 },
  /** a role prefix inside a name without word boundaries (`shiptoaddressid`): weaker than the above */
  gluedRolePrefix: { id: 'name:role-prefix', weight: 0.35 },
  /** the stem is the last word(s) of exactly one table's name: `environment_id` -> runtime_environments */
  tableSuffix: { id: 'name:table-suffix', weight: 0.3 },
  /** a self-reference role: `parent_id`, `manager_id`, `reports_to` -> the same table */
  selfRole: { id: 'name:self-role', weight: 0.4 },
  /** an actor role: `creator_id`, `approver_id`, `created_by` -> the users (accounts, members...) table */
  actorRole: { id: 'name:actor-role', weight: 0.3 },
  /** the types can hold the same values (`typesCompatible`) */
  typeCompatible: { id: 'type:compatible', weight: 0.15 },
  /** the types cannot (`uuid` -> `integer`) */
  typeMismatch: { id: 'type:mismatch', weight: -0.45 },
  /** the target is the table's primary key */
  targetPk: { id: 'target:primary-key', weight: 0.2 },
  /** the target is a unique column */
  targetUnique: { id: 'target:unique', weight: 0.15 },
  /** the target column is neither primary key nor unique (an `id` column nobody declared as a key) */
  targetNotKey: { id: 'target:not-key', weight: -0.1 },
  /** a `<stem>_type` column sits next to it: polymorphic, the stem's table is only one of the targets */
  polymorphic: { id: 'polymorphic', weight: -0.35 },
  /** the source table is a junction: its primary key is two references (n-n between the two targets) */
  junction: { id: 'junction', weight: 0.05 },
  /** informational: the source column is unique, so the relationship is one-to-one */
  oneToOne: { id: 'cardinality:one-to-one', weight: 0 },
  /** an index covers the source column: reference columns are indexed for joins and cascades (ORMs do it by default) */
  indexed: { id: 'index:covered', weight: 0.05 },
  /** the covering index is named as a foreign key's (`idx_fk_customer_id`, `fk_order_user_idx`) */
  fkIndex: { id: 'index:fk-name', weight: 0.15 },
  /** the table indexes other columns but not this one: its author does not join on it */
  notIndexed: { id: 'index:missing', weight: -0.3 },
  /** a `_by` column without an id marker (`installedBy`, `created_by`) of a textual type: often holds a name, not a key */
  byText: { id: 'name:by-text', weight: -0.2 },
  /** the column's note names the referenced table: `Foreign key to Employee.BusinessEntityID` (it also picks the target) */
  docNames: { id: 'doc:names-target', weight: 0.6 },
  /** the column's or the table's note says there is no foreign key: `no FK`, `denormalized`, `No foreign keys: ...` */
  docDenies: { id: 'doc:no-reference', weight: -0.6 },
  /** the source has only columns of a table whose name starts its own (`transactionhistoryarchive`, `TaskEventPartitioned`): a copy, kept without constraints */
  copy: { id: 'source:copy', weight: -0.5 },
  /** every column of the source is a column of the target too (`film_text` of `film`): derived data kept in sync, not a reference */
  projection: { id: 'source:projection', weight: -0.5 },
  /** the column is in a composite reference whose target's own column references the same table: implied by it */
  subsumed: { id: 'composite:subsumed', weight: -0.5 },
  /** the key name is the primary key of several tables (a family: `businessentityid`); the pick among them is a guess */
  ambiguousKey: { id: 'target:ambiguous', weight: -0.5 },
} as const;

type Signal = (typeof SIGNALS)[keyof typeof SIGNALS];

const DEFAULT_MIN_CONFIDENCE = 0.5;
/** How many tables must share a primary-key name before a same-key pick among them is ambiguous. */
const AMBIGUOUS_FAMILY = 3;
/** Stems (last word) that point back at the row's own table. */
const SELF_WORDS = new Set(['parent', 'root', 'previous', 'prev', 'next', 'predecessor', 'successor', 'superior', 'manager', 'supervisor', 'boss', 'mentor', 'ancestor', 'reportsto', 'original', 'duplicate', 'replacement', 'master']);
/** Leading words that say the id lives in another system (`external_order_id`, `remote_user_id`). */
const FOREIGN_SYSTEM_WORDS = new Set(['external', 'remote', 'upstream']);
/** Column names without a marker that are self references by convention. */
const SELF_PHRASES = new Set(['reportsto', 'parent']);
/** Agent nouns that do not end in -er/-or. */
const ACTOR_WORDS = new Set(['owner', 'author', 'creator', 'updater', 'modifier', 'editor', 'approver', 'reviewer', 'moderator', 'uploader', 'inviter', 'invitee', 'recipient', 'sender', 'receiver', 'assignee', 'assigner', 'reporter', 'requester', 'requestor', 'submitter', 'purchaser', 'buyer', 'seller', 'redeemer', 'deleter', 'verifier', 'signer', 'admin', 'administrator', 'user']);
/** Tables that hold the actors of a system, in order of preference. */
const ACTOR_TABLES = ['user', 'account', 'member', 'person', 'employee', 'staff', 'admin'];
/** Key-column suffixes that make a primary key's name distinctive enough to match by (`emp_no`, `currencycode`). */
const KEY_MARKERS = ['id', 'no', 'num', 'nr', 'code', 'key', 'uuid', 'guid'];
/** Leading words that are table prefixes by convention. */
const TABLE_PREFIXES = new Set(['tbl', 'tb']);

/** What the index knows of one table; the column maps are built on first use (most tables are never a target). */
class TableInfo {
  private flatMap: Map<string, Column> | undefined;
  private nameMap: Map<string, Column> | undefined;
  constructor(
    readonly table: Table,
    readonly words: string[],
    /** normalised name (`user` for `Users`), and without a table prefix when there is one */
    readonly keys: string[],
    /** primary key columns (from column flags or a pk index) */
    readonly pk: string[],
    readonly unique: Set<string>,
    /** per column (same order as table.columns): flat name */
    readonly flats: string[],
    /** for a partition: the parent's table key */
    readonly partitionOf?: string,
  ) {}
  private facts: IndexFacts | undefined;
  /** what the table's indexes say (built on first use: only sources with a candidate need it) */
  get idx(): IndexFacts {
    return (this.facts ??= indexFactsOf(this.table));
  }
  /** columns by flat name (the first of equal ones) */
  get byFlat(): Map<string, Column> {
    if (!this.flatMap) {
      this.flatMap = new Map();
      const cols = this.table.columns;
      for (let i = 0; i < cols.length; i++) if (!this.flatMap.has(this.flats[i])) this.flatMap.set(this.flats[i], cols[i]);
    }
    return this.flatMap;
  }
  get byName(): Map<string, Column> {
    if (!this.nameMap) this.nameMap = new Map(this.table.columns.map((c) => [c.name, c]));
    return this.nameMap;
  }
}


interface Target {
  info: TableInfo;
  /** the referenced column when the naming rule fixed it (same-key rules) */
  column?: Column;
  evidence: Evidence;
  /** what the naming rule found against its own pick (an ambiguous key family) */
  caveat?: Evidence;
}

function ev(signal: Signal, detail: string): Evidence {
  return { signal: signal.id, weight: signal.weight, detail };
}

/** What a table's indexes say about its columns (the index signals). */
interface IndexFacts {
  /** columns in an index other than the primary key, or unique */
  covered: Set<string>;
  /** columns in an index whose name marks a foreign key (`idx_fk_customer_id`) */
  fkNamed: Set<string>;
  /** the table has an index other than its primary key */
  secondary: boolean;
}

function indexFactsOf(t: Table): IndexFacts {
  const covered = new Set<string>();
  const fkNamed = new Set<string>();
  let secondary = false;
  for (const c of t.columns) if (c.unique) covered.add(c.name);
  for (const ix of t.indexes) {
    if (ix.primaryKey) continue;
    secondary = true;
    const fk = ix.name !== undefined && /fk/i.test(ix.name) && tokens(ix.name).includes('fk');
    for (const p of ix.parts)
      if (p.column) {
        covered.add(p.column);
        if (fk) fkNamed.add(p.column);
      }
  }
  return { covered, fkNamed, secondary };
}

function pkOf(t: Table): string[] {
  const cols: string[] = [];
  for (const c of t.columns) if (c.primaryKey) cols.push(c.name);
  if (cols.length) return cols;
  for (const ix of t.indexes) {
    if (!ix.primaryKey) continue;
    for (const p of ix.parts) if (p.column) cols.push(p.column);
    return cols;
  }
  return cols;
}

function uniqueOf(t: Table): Set<string> {
  const u = new Set<string>();
  for (const c of t.columns) if (c.unique) u.add(c.name);
  for (const ix of t.indexes) if (ix.unique && ix.parts.length === 1 && ix.parts[0].column) u.add(ix.parts[0].column);
  return u;
}

function endOf(info: TableInfo, columns: string[]): RelationshipEnd {
  return { schema: info.table.schema, table: info.table.name, columns, tableKey: info.table.key };
}

function relKey(a: string, ac: readonly string[], b: string, bc: readonly string[]): string {
  return `${a}\u0000${ac.join('\u0001')}\u0000${b}\u0000${bc.join('\u0001')}`;
}

/** Whether a flat key-column name is distinctive (`empno`, `customerid`), not `id` or `code` alone. */
function keyLike(flat: string): boolean {
  // every marker ends in d, o, m, r, e or y
  const last = flat.charCodeAt(flat.length - 1);
  if (last !== 100 && last !== 111 && last !== 109 && last !== 114 && last !== 101 && last !== 121) return false;
  for (const m of KEY_MARKERS) if (flat.length > m.length + 1 && flat.endsWith(m)) return true;
  return false;
}

class Index {
  readonly infos: TableInfo[] = [];
  readonly byTable = new Map<string, TableInfo>();
  /** normalised table name -> tables */
  readonly byKey = new Map<string, TableInfo[]>();
  /** token-aligned proper suffixes of normalised names (and any suffix of glued names) -> tables */
  readonly bySuffix = new Map<string, TableInfo[]>();
  /** flat name of a distinctive single-column primary key -> tables */
  readonly byPkName = new Map<string, TableInfo[]>();
  /** flat name of the first column of a composite primary key -> tables */
  readonly compositeByFirst = new Map<string, TableInfo[]>();
  /** first word + last word of names of three or more words (`WorkerInstanceGroup` -> `workergroup`) */
  readonly byAbbrev = new Map<string, TableInfo[]>();
  /** partition key -> parent key, for every partition (whether or not it is a source) */
  readonly partitionParent = new Map<string, string>();
  /** parents with a partition that is a source: their references are suggested on those partitions */
  readonly perPartitionParents = new Set<string>();
  /** copy -> original: tables holding every column of a table whose name starts theirs (archives, shadows) */
  readonly copies = new Map<TableInfo, TableInfo>();

  /** Fills the index, TABLES_PER_STEP tables a step (see inferSchemaSteps). */
  *build(schema: Schema): Steps<this> {
    const tables = schema.tables.filter((t) => !t.isView);
    // a schema-wide prefix (`wp_`): the first word of at least half the tables, with at least 3 tables
    const firstCount = new Map<string, number>();
    const allWords = tables.map((t) => tokens(t.name));
    for (const w of allWords) if (w.length > 1) firstCount.set(w[0], (firstCount.get(w[0]) ?? 0) + 1);
    const prefixes = new Set(TABLE_PREFIXES);
    for (const [word, n] of firstCount) if (n >= 3 && n * 2 >= tables.length && word.length <= 4) prefixes.add(word);

    yield;
    for (let i = 0; i < tables.length; i++) {
      if (i && i % TABLES_PER_STEP === 0) yield;
      this.add(tables[i], allWords[i], prefixes);
    }
    yield;
    for (let i = 0; i < this.infos.length; i++) {
      if (i && i % TABLES_PER_STEP === 0) yield;
      const original = this.originalOf(this.infos[i]);
      if (original) this.copies.set(this.infos[i], original);
    }
    return this;
  }

  private add(table: Table, words: string[], prefixes: Set<string>): void {
    if (!words.length) return;
    const parent = table.settings['partition of'];
    if (parent !== undefined) this.partitionParent.set(table.key, parentKey(parent, table.schema));
    // A partition is never a target. Without indexes of its own it inherits its parent's keys and foreign
    // keys (the suggestion belongs on the parent); with its own indexes it is kept like a table of its own
    // (the pre-PostgreSQL-11 way, where foreign keys too were declared per partition), so it is a source.
    if (parent !== undefined && !table.indexes.length) return;
    const keys = [nounKey(words)];
    if (words.length > 1 && prefixes.has(words[0])) keys.push(nounKey(words, 1));
    const flats: string[] = new Array(table.columns.length);
    for (let c = 0; c < flats.length; c++) flats[c] = flatName(table.columns[c].name);
    const info = new TableInfo(table, words, keys, pkOf(table), uniqueOf(table), flats, parent === undefined ? undefined : parentKey(parent, table.schema));
    this.infos.push(info);
    this.byTable.set(table.key, info);
    if (parent !== undefined) {
      this.perPartitionParents.add(info.partitionOf!);
      return;
    }
    for (const k of keys) push(this.byKey, k, info);
    // suffixes for `environment_id` -> RuntimeEnvironment
    const seen = new Set<string>();
    for (let s = 1; s < words.length; s++) {
      const k = nounKey(words, s);
      if (!seen.has(k)) push(this.bySuffix, k, info), seen.add(k);
    }
    if (words.length >= 3) push(this.byAbbrev, words[0] + singular(words[words.length - 1]), info);
    if (words.length === 1) {
      const k = keys[0];
      for (let s = 1; s + 4 <= k.length; s++) {
        const sub = k.slice(s);
        if (!seen.has(sub)) push(this.bySuffix, sub, info), seen.add(sub);
      }
    }
    if (info.pk.length === 1) {
      const f = flatName(info.pk[0]);
      if (keyLike(f)) push(this.byPkName, f, info);
    } else if (info.pk.length > 1 && info.pk.every((c) => keyLike(flatName(c)))) {
      push(this.compositeByFirst, flatName(info.pk[0]), info);
    }
  }

  /**
   * The table `info` copies (an archive, a shadow, a manual partition): its name is a proper prefix of info's, and
   * info has only columns of it, lacking at most one in ten (at least one). A table with columns of its own (a
   * version table's `updater_id`) is not a copy; nor is a partition (handled as such).
   */
  private originalOf(info: TableInfo): TableInfo | undefined {
    if (info.partitionOf !== undefined) return undefined;
    const n = info.table.columns.length;
    if (n < 4) return undefined;
    // a shorter name: leading words (`TaskEventPartitioned` -> `TaskEvent`), or any prefix of a one-word name
    const words = info.words;
    const key = info.keys[0];
    const glued = words.length === 1;
    for (let len = glued ? key.length - 1 : words.length - 1; len >= (glued ? 4 : 1); len--) {
      const cands = this.byKey.get(glued ? key.slice(0, len) : nounKey(words, 0, len));
      if (!cands) continue;
      for (const a of cands) {
        const m = a.table.columns.length;
        // the sizes alone rule most pairs out before any column is compared
        if (a === info || n > m || m - n > Math.max(1, Math.floor(m / 10))) continue;
        if (info.table.columns.every((c) => a.byName.has(c.name))) return a;
      }
    }
    return undefined;
  }
}

function without(list: TableInfo[] | undefined, t: TableInfo): TableInfo[] | undefined {
  return list && list.includes(t) ? list.filter((x) => x !== t) : list;
}

/** The table key of a `partition of` setting: already qualified (`public.payment`) or a bare name in the partition's schema. */
function parentKey(parent: string, schema: string): string {
  return parent.includes('.') ? parent : `${schema}.${parent}`;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/** Picks one table from candidates: the source itself, then the source's schema, then a single survivor. */
function pick(cands: TableInfo[] | undefined, src: TableInfo, preferSelf: boolean): TableInfo | undefined {
  if (!cands || !cands.length) return undefined;
  if (cands.length === 1) return cands[0];
  if (preferSelf && cands.includes(src)) return src;
  const sameSchema = cands.filter((c) => c.table.schema === src.table.schema);
  if (sameSchema.length === 1) return sameSchema[0];
  const pool = sameSchema.length ? sameSchema : cands;
  // tables sharing the source's first word (`forum_posts` -> `forum_topics`)
  const related = pool.filter((c) => c.words[0] === src.words[0]);
  if (related.length === 1) return related[0];
  return undefined;
}

/** Like `pick`, then the one with the strictly shortest name. */
function pickShortest(cands: TableInfo[] | undefined, src: TableInfo): TableInfo | undefined {
  const t = pick(cands, src, false);
  if (t || !cands || cands.length < 2) return t;
  const sameSchema = cands.filter((c) => c.table.schema === src.table.schema);
  const pool = sameSchema.length ? sameSchema : cands;
  let best: TableInfo | undefined;
  let tie = false;
  for (const c of pool) {
    const n = c.keys[0].length;
    if (!best || n < best.keys[0].length) (best = c), (tie = false);
    else if (n === best.keys[0].length) tie = true;
  }
  return tie ? undefined : best;
}

/**
 * The referenced key of a table: its single-column primary key, else a unique or plain `id`
 * column; when the primary key's type cannot hold the source's values, a unique key-like column
 * whose type can (`login_session_id uuid` -> `login_sessions.login_id uuid unique`).
 */
function keyOf(info: TableInfo, source: Column): { column: Column; evidence: Evidence } | undefined {
  if (info.pk.length === 1) {
    const c = info.byName.get(info.pk[0]);
    if (c && !typesCompatible(source.type, c.type)) {
      for (const name of info.unique) {
        const u = info.byName.get(name);
        if (u && u !== c && keyLike(flatName(name)) && typesCompatible(source.type, u.type) && u.type.family === source.type.family)
          return { column: u, evidence: ev(SIGNALS.targetUnique, `${info.table.name}.${u.name} is unique and has the type of ${source.name} (the primary key ${c.name} has not)`) };
      }
    }
    if (c) return { column: c, evidence: ev(SIGNALS.targetPk, `${info.table.name}.${c.name} is the primary key`) };
  }
  if (info.pk.length > 1) return undefined;
  const id = info.byFlat.get('id');
  if (id && info.unique.has(id.name)) return { column: id, evidence: ev(SIGNALS.targetUnique, `${info.table.name}.${id.name} is unique`) };
  for (const name of info.unique) {
    const c = info.byName.get(name);
    if (c && keyLike(flatName(name))) return { column: c, evidence: ev(SIGNALS.targetUnique, `${info.table.name}.${c.name} is unique`) };
  }
  if (id) return { column: id, evidence: ev(SIGNALS.targetNotKey, `${info.table.name}.${id.name} is not declared as a key`) };
  return undefined;
}

/** A string type (`varchar(36)`, `text`). */
function isTextual(t: ColumnType): boolean {
  return t.family === 'text' || t.family === 'string';
}

/**
 * The index signals of a source column (at most one). `rarelyJoined`: audit and hierarchy columns (`created_by`,
 * `parent_id`) are seldom indexed even when constrained, so a missing index says nothing about them.
 */
function indexEvidence(src: TableInfo, col: Column, rarelyJoined: boolean): Evidence[] {
  const name = `${src.table.name}.${col.name}`;
  if (src.idx.fkNamed.has(col.name)) return [ev(SIGNALS.fkIndex, `${name} has an index named for a foreign key`)];
  if (src.idx.covered.has(col.name)) return [ev(SIGNALS.indexed, `${name} is indexed`)];
  if (src.idx.secondary && !rarelyJoined) return [ev(SIGNALS.notIndexed, `${src.table.name} has indexes, none on ${col.name}`)];
  return [];
}

function keyEvidence(info: TableInfo, c: Column): Evidence {
  if (info.pk.length === 1 && info.pk[0] === c.name) return ev(SIGNALS.targetPk, `${info.table.name}.${c.name} is the primary key`);
  if (info.unique.has(c.name)) return ev(SIGNALS.targetUnique, `${info.table.name}.${c.name} is unique`);
  return ev(SIGNALS.targetNotKey, `${info.table.name}.${c.name} is not declared as a key`);
}

function pluralNote(stemWord: string, info: TableInfo): string {
  const last = info.words[info.words.length - 1];
  return last !== stemWord && singular(last) === stemWord ? ` (plural '${last}')` : '';
}

function isActorStem(stem: ColumnStem): boolean {
  if (stem.marker === 'by') return true;
  const w = stem.words[stem.words.length - 1];
  if (!w) return false;
  return ACTOR_WORDS.has(w);
}

/** The table and key a note names (`Foreign key to Product.ProductID`), when both exist; never the column itself. */
function docTarget(ix: Index, src: TableInfo, col: Column, doc: DocReference, note: string): Target | undefined {
  const t = pick(ix.byKey.get(nounKey(tokens(doc.table))), src, true);
  if (!t) return undefined;
  let column: Column | undefined;
  if (doc.column) {
    column = t.byFlat.get(flatName(doc.column));
    if (!column) return undefined;
  } else column = keyOf(t, col)?.column;
  if (!column || (t === src && column === col)) return undefined;
  const quoted = note.length > 80 ? `${note.slice(0, 77)}...` : note;
  return { info: t, column, evidence: ev(SIGNALS.docNames, `the note on ${src.table.name}.${col.name} names ${t.table.name}.${column.name}: "${quoted.replace(/\s+/g, ' ')}"`) };
}

/** The naming rules in order; the first that names a unique table wins. */
function nameTarget(ix: Index, src: TableInfo, col: Column, flat: string, stem: ColumnStem | undefined): Target | undefined {
  const cname = `${src.table.name}.${col.name}`;
  // 1. the same name as a distinctive primary key elsewhere
  const same = ix.byPkName.get(flat)?.filter((t) => t !== src);
  if (same && same.length) {
    const stemKey = stem ? nounKey(stem.words) : '';
    const named = same.filter((t) => t.keys.includes(stemKey));
    const ownKey = src.pk.length === 1 && src.pk[0] === col.name;
    // a table whose name starts or ends the source's (`personphone` -> person, `productvendor` -> vendor): the closest parent
    const srcKey = src.keys[0];
    let inName: TableInfo | undefined;
    for (const t of same) {
      const k = t.keys[0];
      if (k.length < srcKey.length && (srcKey.startsWith(k) || srcKey.endsWith(k)) && (!inName || k.length > inName.keys[0].length)) inName = t;
    }
    const t = ownKey ? (named.length === 1 ? named[0] : undefined) : (inName ?? (named.length === 1 ? named[0] : pick(same, src, false)));
    if (t) {
      const found: Target = { info: t, column: t.byName.get(t.pk[0]), evidence: ev(SIGNALS.sameKey, `${cname} has the name of ${t.table.name}'s primary key`) };
      // a family of tables sharing one key (subtypes: person, employee, vendor all keyed by businessentityid): unless the
      // source's own name points at one of them, any could be the parent, and the one the key is named after is a guess
      if (!ownKey && !inName && same.length >= AMBIGUOUS_FAMILY)
        found.caveat = ev(SIGNALS.ambiguousKey, `${col.name} is the primary key of ${same.length} tables (${same.slice(0, 3).map((x) => x.table.name).join(', ')}${same.length > 3 ? ', ...' : ''}): ${t.table.name} is one guess among them`);
      return found;
    }
  }
  // a table's own single-column key references another table only by the same-key rule above (inheritance)
  if (src.pk.length === 1 && src.pk[0] === col.name) return undefined;
  if (stem && stem.words.length) {
    const words = stem.words;
    const stemKey = nounKey(words);
    // `reaction_id` in `reactions`: the row's own (external) id, not a reference
    if (src.keys.includes(stemKey)) return undefined;
    // `external_order_id`: an id in another system
    if (words.length > 1 && FOREIGN_SYSTEM_WORDS.has(words[0]) && !ix.byKey.has(stemKey)) return undefined;
    const marker = stem.marker === 'fk' ? "an 'fk' marker" : stem.marker === 'by' ? "a '_by' suffix" : "an 'id' suffix";
    // 2a. a sub-entity of the source: its whole name + the stem, maybe after a role (`RuntimeEnvironment.currentSessionId` -> RuntimeEnvironmentSession)
    const whole = src.keys[0];
    for (let i = 0; i < words.length; i++) {
      const t = ix.byKey.get(whole + nounKey(words, i));
      if (t && t.length === 1 && t[0] !== src) {
        const role = i ? `role '${words.slice(0, i).join('_')}' + ` : '';
        return { info: t[0], evidence: ev(SIGNALS.context, `${cname} has ${marker}; ${role}${src.table.name} + '${words.slice(i).join('_')}' names ${t[0].table.name}`) };
      }
    }
    // 2. the stem names a table (a table's own name is no reference to itself: that needs a role)
    const t3 = pick(without(ix.byKey.get(stemKey), src), src, false);
    if (t3) return { info: t3, evidence: ev(SIGNALS.table, `${cname} has ${marker} and '${words.join('_')}' names ${t3.table.name}${pluralNote(words[words.length - 1], t3)}`) };
    // 3. the source table's leading words + the stem (forum_posts.topic_id -> forum_topics)
    for (let k = src.words.length - 1; k >= 1; k--) {
      const key = src.words.slice(0, k).join('') + stemKey;
      const t = pick(without(ix.byKey.get(key), src), src, false);
      if (t) return { info: t, evidence: ev(SIGNALS.context, `${cname} has ${marker}; '${src.words.slice(0, k).join('_')}' from ${src.table.name} + '${words.join('_')}' names ${t.table.name}`) };
    }
    // 4. a role prefix before a table's name
    for (let i = 1; i < words.length; i++) {
      const t = pick(ix.byKey.get(nounKey(words, i)), src, true);
      if (t) return { info: t, evidence: ev(SIGNALS.rolePrefix, `${cname}: role '${words.slice(0, i).join('_')}' + '${words.slice(i).join('_')}' names ${t.table.name}`) };
    }
    if (stem.glued) {
      const w = words[0];
      for (let s = 1; s + 3 <= w.length; s++) {
        const t = pick(ix.byKey.get(singular(w.slice(s))), src, true);
        if (t) return { info: t, evidence: ev(SIGNALS.gluedRolePrefix, `${cname}: role '${w.slice(0, s)}' + '${w.slice(s)}' names ${t.table.name}`) };
      }
    }
  }
  // 5. a role prefix before a distinctive key name (`manager_staff_id` -> staff.staff_id, `sizeunitmeasurecode`)
  if (keyLike(flat)) {
    for (let s = 1; s + 5 <= flat.length; s++) {
      const cands = ix.byPkName.get(flat.slice(s));
      if (!cands) continue;
      const t = pick(cands, src, true);
      if (t) return { info: t, column: t.byName.get(t.pk[0]), evidence: ev(SIGNALS.rolePrefix, `${cname}: role '${flat.slice(0, s)}' + the name of ${t.table.name}'s primary key`) };
      break;
    }
  }
  if (stem && stem.words.length) {
    const stemKey = nounKey(stem.words);
    // 6. self-reference roles (before suffixes: `previous_version_id` in tag_versions is itself)
    const last = stem.words[stem.words.length - 1];
    const first = stem.words[0];
    const selfRole = SELF_WORDS.has(last) || SELF_WORDS.has(stemKey) || (SELF_WORDS.has(first) && src.keys[0].endsWith(nounKey(stem.words, 1)));
    if (selfRole) return { info: src, evidence: ev(SIGNALS.selfRole, `${cname}: '${stem.words.join('_')}' is a self-reference role`) };
    // 7. the stem ends one table's name (the shortest such name on a tie: the general entity)
    if (stemKey.length >= 3) {
      const t = pickShortest(without(ix.bySuffix.get(stemKey), src), src);
      if (t) return { info: t, evidence: ev(SIGNALS.tableSuffix, `${cname}: '${stem.words.join('_')}' ends the name of ${t.table.name}`) };
    }
    // 7b. the stem abbreviates a longer name by its first and last words (`worker_group_id` -> worker_instance_groups)
    if (stem.words.length === 2) {
      const t = pick(without(ix.byAbbrev.get(stemKey), src), src, false);
      if (t) return { info: t, evidence: ev(SIGNALS.tableSuffix, `${cname}: '${stem.words.join('_')}' abbreviates ${t.table.name}`) };
    }
    // 7c. a role prefix, then the rest ends exactly one table's name
    for (let i = 1; i < stem.words.length; i++) {
      const k = nounKey(stem.words, i);
      if (k.length < 3) continue;
      // a role, then an abbreviation (`dependent_batch_run_id` -> batch_task_runs, `default_worker_group_id`)
      if (stem.words.length - i === 2) {
        const a = pick(without(ix.byAbbrev.get(k), src), src, false);
        if (a) return { info: a, evidence: ev(SIGNALS.tableSuffix, `${cname}: role '${stem.words.slice(0, i).join('_')}' + '${stem.words.slice(i).join('_')}' abbreviates ${a.table.name}`) };
      }
      const t = pick(without(ix.bySuffix.get(k), src), src, false);
      if (t) return { info: t, evidence: ev(SIGNALS.tableSuffix, `${cname}: role '${stem.words.slice(0, i).join('_')}' + '${stem.words.slice(i).join('_')}' ends the name of ${t.table.name}`) };
    }
    // 8. actor roles -> the users table
    if (isActorStem(stem)) {
      for (const a of ACTOR_TABLES) {
        const t = pick(ix.byKey.get(a), src, false);
        if (t) return { info: t, evidence: ev(SIGNALS.actorRole, `${cname}: '${stem.words.join('_')}' is an actor role; ${t.table.name} holds the actors`) };
      }
    }
  } else if (SELF_PHRASES.has(flat)) {
    return { info: src, evidence: ev(SIGNALS.selfRole, `${cname} is a self-reference by convention`) };
  }
  return undefined;
}

/**
 * Single-column references implied by a composite one: `salesorderdetail(specialofferid, productid)` ->
 * `specialofferproduct`, whose `productid` references `product`, makes `salesorderdetail.productid -> product`
 * a consequence, not a constraint of its own.
 */
function subsume(out: InferredRelationship[], declaredTo: Map<string, string>): void {
  const single = new Map<string, InferredRelationship>();
  let composite = false;
  for (const r of out) {
    if (r.from.columns.length === 1) single.set(`${r.from.tableKey}\u0000${r.from.columns[0]}`, r);
    else composite = true;
  }
  if (!composite) return;
  for (const r of out) {
    if (r.from.columns.length < 2) continue;
    for (let i = 0; i < r.from.columns.length; i++) {
      const via = `${r.to.tableKey}\u0000${r.to.columns[i]}`;
      const reached = declaredTo.get(via) ?? single.get(via)?.to.tableKey;
      const s = single.get(`${r.from.tableKey}\u0000${r.from.columns[i]}`);
      if (!reached || !s || s.to.tableKey !== reached || s.evidence.some((e) => e.signal === SIGNALS.subsumed.id)) continue;
      s.evidence.push(ev(SIGNALS.subsumed, `${r.from.table}(${r.from.columns.join(', ')}) references ${r.to.table}, whose ${r.to.columns[i]} references ${s.to.table}: this one follows from it`));
    }
  }
}

/** Relationships the schema implies but does not declare, plus polymorphic pairs. */
export function inferSchema(schema: Schema, options: InferenceOptions = {}): InferenceResult {
  return runSteps(inferSchemaSteps(schema, options));
}

/** Tables looked at per step of `inferSchemaSteps` (at 5,000 tables a step takes a few ms) */
const TABLES_PER_STEP = 250;

/** `inferSchema` in steps: the index, then TABLES_PER_STEP source tables a step. */
export function* inferSchemaSteps(schema: Schema, options: InferenceOptions = {}): Steps<InferenceResult> {
  const min = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const ix = yield* new Index().build(schema);
  const declared = new Set<string>();
  /** `table\0column` of single-column declared references -> the referenced table's name */
  const declaredFrom = new Map<string, string>();
  /** the same, -> the referenced table's key */
  const declaredTo = new Map<string, string>();
  for (const r of schema.relationships) {
    declared.add(relKey(r.from.tableKey, r.from.columns, r.to.tableKey, r.to.columns));
    declared.add(relKey(r.to.tableKey, r.to.columns, r.from.tableKey, r.from.columns));
    if (r.from.columns.length === 1) {
      declaredFrom.set(`${r.from.tableKey}\u0000${r.from.columns[0]}`, r.to.table);
      declaredTo.set(`${r.from.tableKey}\u0000${r.from.columns[0]}`, r.to.tableKey);
      // a partition's declared foreign key covers the column on its parent too (and the parent's covers its partitions)
      const parent = ix.partitionParent.get(r.from.tableKey);
      if (parent !== undefined) declaredFrom.set(`${parent}\u0000${r.from.columns[0]}`, r.to.table);
    }
  }
  const out: InferredRelationship[] = [];
  const polymorphic: PolymorphicAssociation[] = [];
  /** note text -> whether it may speak of references (generated schemas repeat one note on every column) */
  const relevantNotes = new Map<string, boolean>();

  const emit = (src: TableInfo, fromCols: Column[], dst: TableInfo, toCols: Column[], evidence: Evidence[]): void => {
    const from = fromCols.map((c) => c.name);
    const to = toCols.map((c) => c.name);
    if (declared.has(relKey(src.table.key, from, dst.table.key, to))) return;
    for (let i = 0; i < fromCols.length; i++) {
      const a = fromCols[i].type;
      const b = toCols[i].type;
      const pair = `${fromCols[i].name} ${a.raw || a.name} / ${toCols[i].name} ${b.raw || b.name}`;
      if (typesCompatible(a, b)) evidence.push(ev(SIGNALS.typeCompatible, `types match: ${pair}`));
      else evidence.push(ev(SIGNALS.typeMismatch, `types differ: ${pair}`));
      if (fromCols.length > 1) break;
    }
    const oneToOne = fromCols.length === 1 ? (src.pk.length === 1 && src.pk[0] === from[0]) || src.unique.has(from[0]) : src.pk.length === from.length && from.every((c) => src.pk.includes(c));
    if (oneToOne) evidence.push(ev(SIGNALS.oneToOne, `${src.table.name}.${from.join(', ')} is unique: one-to-one`));
    out.push({
      from: endOf(src, from),
      to: endOf(dst, to),
      cardinality: oneToOne ? '1-1' : 'n-1',
      source: 'inferred',
      confidence: 0,
      evidence,
    });
  };

  yield;
  let seen = 0;
  for (const src of ix.infos) {
    if (++seen % TABLES_PER_STEP === 0) yield;
    // a partitioned table whose partitions keep their own indexes keeps its foreign keys there too
    if (ix.perPartitionParents.has(src.table.key)) continue;
    const tableDenies = docDenies(src.table.note);
    // a table note that names some of its columns denies references for those only; otherwise for all
    let denialNames: Set<string> | undefined;
    if (tableDenies) for (const c of src.table.columns) if (mentions(src.table.note!, c.name)) (denialNames ??= new Set()).add(c.name);
    const copyOf = ix.copies.get(src);
    const types = new Set<string>();
    for (const f of src.flats) if (f.endsWith('type')) types.add(f);
    const columns = src.table.columns;
    for (let ci = 0; ci < columns.length; ci++) {
      const col = columns[ci];
      if (declaredFrom.size && (declaredFrom.has(`${src.table.key}\u0000${col.name}`) || (src.partitionOf !== undefined && declaredFrom.has(`${src.partitionOf}\u0000${col.name}`)))) continue;
      const flat = src.flats[ci];
      if (flat === 'id') continue;
      const stem = columnStem(col.name);
      // polymorphic pairs: `<x>_type` + `<x>_id`
      const poly = stem && stem.marker === 'id' && !stem.glued ? `${stem.words.join('')}type` : undefined;
      const isPoly = poly !== undefined && types.has(poly);
      let noted = false;
      if (col.note !== undefined) {
        const known = relevantNotes.get(col.note);
        if (known === undefined) relevantNotes.set(col.note, (noted = docRelevant(col.note)));
        else noted = known;
      }
      const denied = (noted && docDenies(col.note)) || (tableDenies && (denialNames === undefined || denialNames.has(col.name)));
      const doc = noted && !denied ? docReference(col.note) : undefined;
      const target = (doc && docTarget(ix, src, col, doc, col.note!)) || nameTarget(ix, src, col, flat, stem);
      if (!target) {
        if (isPoly) {
          const typeCol = src.byFlat.get(poly)!;
          polymorphic.push({
            tableKey: src.table.key,
            typeColumn: typeCol.name,
            idColumn: col.name,
            confidence: 0.3,
            evidence: [{ signal: SIGNALS.polymorphic.id, weight: 0.3, detail: `${src.table.name}.${typeCol.name} + ${col.name}: a polymorphic reference (the target table is chosen per row)` }],
          });
        }
        continue;
      }
      const dst = target.info;
      let toCol: Column | undefined = target.column;
      const evidence: Evidence[] = [target.evidence];
      if (toCol) evidence.push(keyEvidence(dst, toCol));
      else {
        const k = keyOf(dst, col);
        if (!k) continue;
        toCol = k.column;
        evidence.push(k.evidence);
      }
      if (dst === src && toCol === col) continue;
      if (target.caveat) evidence.push(target.caveat);
      if (denied) evidence.push(ev(SIGNALS.docDenies, noted && docDenies(col.note) ? `the note on ${src.table.name}.${col.name} says it is no foreign key` : `the note on ${src.table.name} says ${denialNames ? col.name : 'its columns'} hold${denialNames ? 's' : ''} no foreign key`));
      if (dst !== src && src.table.columns.length >= 2 && src.table.columns.length < dst.table.columns.length && src.table.columns.every((c) => dst.byName.has(c.name)))
        evidence.push(ev(SIGNALS.projection, `every column of ${src.table.name} is a column of ${dst.table.name}: a projection of it (a search or cache table), kept in sync rather than referenced`));
      if (copyOf && dst !== copyOf && copyOf.byName.has(col.name)) evidence.push(ev(SIGNALS.copy, `${src.table.name} has only columns of ${copyOf.table.name}: a copy (archive, shadow) of it, usually kept without constraints`));
      if (stem && stem.marker === 'by' && isTextual(col.type)) evidence.push(ev(SIGNALS.byText, `${src.table.name}.${col.name} is ${col.type.raw || col.type.name} with a '_by' suffix and no id marker: it may hold a name`));
      evidence.push(...indexEvidence(src, col, target.evidence.signal === SIGNALS.actorRole.id || target.evidence.signal === SIGNALS.selfRole.id));
      if (isPoly) evidence.push(ev(SIGNALS.polymorphic, `${src.table.name}.${src.byFlat.get(poly)!.name} sits next to it: polymorphic, ${dst.table.name} is only one possible target`));
      emit(src, [col], dst, [toCol], evidence);
    }
    // composite references: all columns of another table's composite primary key, by name
    if (ix.compositeByFirst.size) for (let ci = 0; ci < columns.length; ci++) {
      const col = columns[ci];
      const cands = ix.compositeByFirst.get(src.flats[ci]);
      if (!cands) continue;
      for (const dst of cands) {
        if (dst === src) continue;
        const fromCols: Column[] = [];
        const toCols: Column[] = [];
        for (const k of dst.pk) {
          const t = dst.byName.get(k);
          const f = src.byFlat.get(flatName(k));
          if (!t || !f) break;
          fromCols.push(f);
          toCols.push(t);
        }
        if (fromCols.length !== dst.pk.length) continue;
        const from = fromCols.map((c) => c.name);
        // sibling tables with the same composite key (dept_emp / dept_manager) reference third tables, not each other
        if (src.pk.length === from.length && from.every((c) => src.pk.includes(c))) continue;
        emit(src, fromCols, dst, toCols, [ev(SIGNALS.sameKey, `${src.table.name} has every column of ${dst.table.name}'s primary key (${dst.pk.join(', ')})`), ev(SIGNALS.targetPk, `(${dst.pk.join(', ')}) is ${dst.table.name}'s primary key`)]);
      }
    }
  }

  yield;
  subsume(out, declaredTo);

  // junction tables: a two-column primary key made of two references
  const refsFrom = new Map<string, InferredRelationship[]>();
  for (const r of out) if (r.from.columns.length === 1) push(refsFrom, `${r.from.tableKey}\u0000${r.from.columns[0]}`, r);
  for (const info of ix.infos) {
    if (info.pk.length !== 2) continue;
    const [a, b] = info.pk;
    const ka = `${info.table.key}\u0000${a}`;
    const kb = `${info.table.key}\u0000${b}`;
    const ra = refsFrom.get(ka)?.[0];
    const rb = refsFrom.get(kb)?.[0];
    const ta = ra?.to.table ?? declaredFrom.get(ka);
    const tb = rb?.to.table ?? declaredFrom.get(kb);
    if (!ta || !tb || (!ra && !rb)) continue;
    const detail = `${info.table.name} is a junction table: its primary key (${a}, ${b}) joins ${ta} and ${tb} (n-n)`;
    for (const r of [ra, rb]) if (r) r.evidence.push(ev(SIGNALS.junction, detail));
  }

  const relationships: InferredRelationship[] = [];
  for (const r of out) {
    let sum = 0;
    for (const e of r.evidence) sum += e.weight;
    r.confidence = Math.round(Math.min(1, Math.max(0, sum)) * 1000) / 1000;
    if (r.confidence >= min) relationships.push(r);
  }
  relationships.sort(compareRel);
  polymorphic.sort((x, y) => cmp(x.tableKey, y.tableKey) || cmp(x.idColumn, y.idColumn));
  return { relationships, polymorphic };
}

/** Relationships the schema implies but does not declare, highest confidence first within each source table. */
export function inferRelationships(schema: Schema, options?: InferenceOptions): InferredRelationship[] {
  return inferSchema(schema, options).relationships;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareRel(a: InferredRelationship, b: InferredRelationship): number {
  return (
    cmp(a.from.tableKey, b.from.tableKey) ||
    b.confidence - a.confidence ||
    cmp(a.from.columns.join(','), b.from.columns.join(',')) ||
    cmp(a.to.tableKey, b.to.tableKey) ||
    cmp(a.to.columns.join(','), b.to.columns.join(','))
  );
}
