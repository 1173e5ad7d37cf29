/**
 * The planner: a SchemaDiff -> ordered statements for one dialect, each with
 * its hazards. PostgreSQL (transactional DDL; CONCURRENTLY and NOT VALID +
 * VALIDATE when online; enum additions outside the transaction), MySQL /
 * MariaDB (ALGORITHM=INSTANT/INPLACE where valid, dynamic look-ups for
 * constraints the database named), SQLite (the table rebuild for what ALTER
 * TABLE cannot do, foreign keys off around it) and SQL Server (T-SQL).
 * Statements are text only; running them is the edge's business.
 */
import type { Column, Enum, Relationship, Schema, Table } from '../model/schema.js';
import type { Change, SchemaDiff } from '../diff/types.js';
import { primaryKeyOf, uniqueSetsOf } from '../diff/normalize.js';
import { hazard, type Hazard } from './hazards.js';
import {
  columnDef,
  createIndexSql,
  createTableSql,
  defaultSql,
  foreignKeyClause,
  indexName,
  isConstantDefault,
  mssqlName,
  pgDefaultName,
  q,
  sqlType,
  str,
  tableRef,
  type MigrationDialect,
} from './sql.js';
import { PHASES, type Phase, type PlanOptions, type PlannedStatement } from './types.js';

/** A statement plus what it touches, for matching rollback steps to forward data loss. */
export interface Draft {
  st: PlannedStatement;
  seq: number;
  /** the object in source-schema terms (forward data loss is recorded by this) */
  source?: string;
  /** the object in target-schema terms (a rollback step recreating it is matched by this) */
  target?: string;
}

const VOLATILE = /\b(random|gen_random_uuid|uuid_generate_v4|clock_timestamp|nextval|uuid)\s*\(/i;

/** Plans `diff` for `options.dialect`: statements in phase order (see PHASES). */
export function planDrafts(diff: SchemaDiff, options: PlanOptions): Draft[] {
  return new Planner(diff, options).run();
}

class Planner {
  private readonly d: MigrationDialect;
  private readonly from: Schema;
  private readonly to: Schema;
  private readonly online: boolean;
  private readonly out: Draft[] = [];
  private seq = 0;
  private readonly fold: (s: string) => string;
  /** SQLite: target tables rebuilt (by target key) */
  private readonly rebuilt = new Map<string, Table>();
  private readonly createdTables = new Set<Table>();
  private readonly addedColumns = new Set<Column>();
  /** target column -> source column, for renamed columns */
  private readonly renamedColumns = new Map<Column, Column>();
  /** target table -> source table, for tables with changes */
  private readonly sources = new Map<Table, Table>();
  /** source tables that were renamed (their old name may be taken by another table) */
  private readonly renamedAway = new Set<Table>();
  /** changes by the table they name (`table`) */
  private readonly byTable = new Map<Table, Change[]>();
  /** declared target relationships by holding table key */
  private readonly relsByHolder = new Map<string, Relationship[]>();
  private readonly deferredDrops: Extract<Change, { kind: 'drop-column' }>[] = [];
  private readonly alteredColumns = new Map<Column, Extract<Change, { kind: 'alter-column' }>>();

  constructor(
    private readonly diff: SchemaDiff,
    options: PlanOptions,
  ) {
    this.d = options.dialect;
    this.from = diff.from;
    this.to = diff.to;
    this.online = !!options.online;
    this.fold = diff.dialect === 'postgres' || diff.dialect === 'generic' ? (s) => s : (s) => s.toLowerCase();
  }

  run(): Draft[] {
    const changes = this.diff.changes;
    for (const c of changes) {
      if (c.kind === 'create-table') this.createdTables.add(c.table);
      else if (c.kind === 'add-column') this.addedColumns.add(c.column);
      else if (c.kind === 'alter-column') this.alteredColumns.set(c.to, c);
      else if (c.kind === 'rename-column') this.renamedColumns.set(c.to, c.from);
      else if (c.kind === 'rename-table') this.renamedAway.add(c.fromTable);
      if (c.kind === 'rename-table' || ('fromTable' in c && c.fromTable && c.kind !== 'add-index')) this.sources.set(c.table, c.fromTable!);
      else if (c.kind === 'add-index' && c.fromTable) this.sources.set(c.table, c.fromTable);
    }
    const kinds = new Map<Change['kind'], Change[]>();
    for (const c of changes) {
      const list = kinds.get(c.kind);
      if (list) list.push(c);
      else kinds.set(c.kind, [c]);
      if (c.kind !== 'drop-foreign-key' && c.kind !== 'create-enum' && c.kind !== 'drop-enum' && c.kind !== 'alter-enum') {
        const t = (c as { table: Table }).table;
        const onTable = this.byTable.get(t);
        if (onTable) onTable.push(c);
        else this.byTable.set(t, [c]);
      }
    }
    for (const r of this.to.relationships) {
      if (r.source !== 'declared') continue;
      const list = this.relsByHolder.get(r.from.tableKey);
      if (list) list.push(r);
      else this.relsByHolder.set(r.from.tableKey, [r]);
    }
    if (this.d === 'sqlite') for (const c of changes) this.markSqliteRebuild(c);
    const byKind = (k: Change['kind']) => kinds.get(k) ?? [];
    for (const c of byKind('drop-foreign-key')) this.dropForeignKey(c as Extract<Change, { kind: 'drop-foreign-key' }>);
    for (const c of byKind('drop-view')) this.dropView(c as Extract<Change, { kind: 'drop-view' }>);
    for (const c of byKind('drop-index')) this.dropIndex(c as Extract<Change, { kind: 'drop-index' }>);
    for (const c of byKind('drop-unique')) this.dropUnique(c as Extract<Change, { kind: 'drop-unique' }>);
    for (const c of byKind('drop-check')) this.dropCheck(c as Extract<Change, { kind: 'drop-check' }>);
    for (const c of byKind('alter-primary-key')) this.dropPrimaryKey(c as Extract<Change, { kind: 'alter-primary-key' }>);
    for (const c of byKind('drop-column')) this.dropColumn(c as Extract<Change, { kind: 'drop-column' }>);
    for (const c of byKind('drop-table')) this.dropTable(c as Extract<Change, { kind: 'drop-table' }>);
    for (const c of byKind('rename-table')) this.renameTable(c as Extract<Change, { kind: 'rename-table' }>);
    for (const c of byKind('rename-column')) this.renameColumn(c as Extract<Change, { kind: 'rename-column' }>);
    for (const c of byKind('create-enum')) this.createEnum(c as Extract<Change, { kind: 'create-enum' }>);
    for (const c of byKind('alter-enum')) this.alterEnum(c as Extract<Change, { kind: 'alter-enum' }>);
    for (const t of this.createOrder(byKind('create-table').map((c) => (c as Extract<Change, { kind: 'create-table' }>).table))) this.createTable(t);
    for (const c of byKind('add-column')) this.addColumn(c as Extract<Change, { kind: 'add-column' }>);
    for (const c of this.deferredDrops) this.dropColumn(c, 'alter');
    for (const c of byKind('alter-column')) this.alterColumn(c as Extract<Change, { kind: 'alter-column' }>);
    for (const c of byKind('alter-primary-key')) this.addPrimaryKey(c as Extract<Change, { kind: 'alter-primary-key' }>);
    for (const c of byKind('add-unique')) this.addUnique(c as Extract<Change, { kind: 'add-unique' }>);
    for (const c of byKind('add-check')) this.addCheck(c as Extract<Change, { kind: 'add-check' }>);
    if (this.d === 'sqlite') this.sqliteRebuilds();
    for (const c of byKind('add-index')) this.addIndex(c as Extract<Change, { kind: 'add-index' }>);
    for (const c of byKind('add-foreign-key')) this.addForeignKey(c as Extract<Change, { kind: 'add-foreign-key' }>);
    for (const c of byKind('create-view')) this.createView(c as Extract<Change, { kind: 'create-view' }>);
    for (const c of changes) if (c.kind === 'table-comment' || c.kind === 'column-comment') this.comment(c);
    for (const c of byKind('drop-enum')) this.dropEnum(c as Extract<Change, { kind: 'drop-enum' }>);
    if (this.d === 'sqlite' && this.out.length) {
      this.emit('pre', 'PRAGMA foreign_keys = OFF', 'turn foreign key enforcement off for the migration (it cannot change inside a transaction)', [], { transactional: false });
      this.emit('post', 'PRAGMA foreign_key_check', 'report rows whose foreign keys the migration broke (must return no rows before COMMIT)', []);
      this.emit('post', 'PRAGMA foreign_keys = ON', 'turn foreign key enforcement back on', [], { transactional: false });
    }
    const rank = new Map(PHASES.map((p, i) => [p, i]));
    const outside = (x: Draft) => (x.st.transactional ? 1 : x.st.phase === 'pre' ? 0 : 2);
    return this.out.sort((a, b) => rank.get(a.st.phase)! - rank.get(b.st.phase)! || (a.st.phase === 'post' ? outside(a) - outside(b) : 0) || a.seq - b.seq);
  }

  // ---------------------------------------------------------------- helpers

  private emit(phase: Phase, sql: string, description: string, hazards: Hazard[], o: { transactional?: boolean; source?: string; target?: string; manual?: boolean } = {}): PlannedStatement {
    const transactional = o.transactional ?? (this.d !== 'mysql');
    const st: PlannedStatement = { sql, phase, transactional, description, hazards };
    if (o.manual) st.manual = true;
    if (hazards.some((h) => h.dataLoss)) st.irreversible = true;
    this.out.push({ st, seq: this.seq++, source: o.source, target: o.target });
    return st;
  }

  private manual(phase: Phase, what: string): void {
    this.emit(phase, `-- manual step: ${what.replace(/[\r\n]+/g, ' ')}`, what, [hazard('MIG023', what)], { manual: true, transactional: false });
  }

  private fromRef(t: { schema: string; name: string }): string {
    return tableRef(t, this.from, this.d);
  }

  private toRef(t: { schema: string; name: string }): string {
    return tableRef(t, this.to, this.d);
  }

  private isNew(t: Table): boolean {
    return this.createdTables.has(t);
  }

  private sub(kind: 't' | 'c' | 'e', ...parts: string[]): string {
    return `${kind}:${parts.map(this.fold).join('\u0000')}`;
  }

  private pgLock(t: string, why: string): Hazard {
    return hazard('MIG007', `ACCESS EXCLUSIVE lock on ${t} ${why}`);
  }

  private schLock(t: string): Hazard {
    return hazard('MIG015', `Sch-M lock on ${t} for the duration of the change`);
  }

  /** Tables in an order where a table comes after the tables it references (cycles kept in input order). */
  private createOrder(tables: Table[]): Table[] {
    const keys = new Set(tables.map((t) => t.key));
    const deps = new Map<string, Set<string>>();
    for (const r of this.to.relationships) {
      if (r.source !== 'declared' || !keys.has(r.from.tableKey) || !keys.has(r.to.tableKey) || r.from.tableKey === r.to.tableKey) continue;
      let s = deps.get(r.from.tableKey);
      if (!s) deps.set(r.from.tableKey, (s = new Set()));
      s.add(r.to.tableKey);
    }
    const out: Table[] = [];
    const state = new Map<string, number>();
    const byKey = new Map(tables.map((t) => [t.key, t]));
    const visit = (k: string) => {
      if (state.get(k)) return;
      state.set(k, 1);
      for (const dep of deps.get(k) ?? []) visit(dep);
      state.set(k, 2);
      out.push(byKey.get(k)!);
    };
    for (const t of tables) visit(t.key);
    return out;
  }

  private targetRels(t: Table): Relationship[] {
    return this.relsByHolder.get(t.key) ?? [];
  }

  // ---------------------------------------------------------------- SQLite rebuild decisions

  private markSqliteRebuild(c: Change): void {
    switch (c.kind) {
      case 'drop-column':
      case 'alter-column':
      case 'add-unique':
      case 'drop-unique':
      case 'add-check':
      case 'drop-check':
        this.rebuilt.set(c.table.key, c.table);
        return;
      case 'alter-primary-key':
        this.rebuilt.set(c.table.key, c.table);
        return;
      case 'add-column': {
        const col = c.column;
        if ((!col.nullable && (!col.default || col.default.kind === 'null')) || !isConstantDefault(col.default) || col.generated || col.primaryKey || col.unique) this.rebuilt.set(c.table.key, c.table);
        return;
      }
      case 'add-foreign-key':
        if (!c.newTable) this.rebuilt.set(c.table.key, c.table);
        return;
      case 'drop-foreign-key': {
        if (c.tableDropped) return;
        const target = this.targetOf(c.table);
        if (target) this.rebuilt.set(target.key, target);
        return;
      }
      default:
        return;
    }
  }

  private targetIndex: Map<Table, Table> | undefined;

  /** The target table of a source table (renamed or same name), if it still exists. */
  private targetOf(source: Table): Table | undefined {
    if (!this.targetIndex) {
      this.targetIndex = new Map();
      for (const [tt, src] of this.sources) this.targetIndex.set(src, tt);
      const byName = new Map<string, Table>();
      for (const t of this.to.tables) if (!t.isView) byName.set(`${this.fold(t.schema)}.${this.fold(t.name)}`, t);
      for (const t of this.from.tables) if (!this.targetIndex.has(t) && !this.renamedAway.has(t)) {
        const hit = byName.get(`${this.fold(t.schema)}.${this.fold(t.name)}`);
        if (hit) this.targetIndex.set(t, hit);
      }
    }
    return this.targetIndex.get(source);
  }

  private isRebuilt(t: Table): boolean {
    return this.d === 'sqlite' && this.rebuilt.has(t.key);
  }

  /** The 12-step rebuild (https://sqlite.org/lang_altertable.html#otheralter) for every table that needs it. */
  private sqliteRebuilds(): void {
    for (const tt of this.rebuilt.values()) {
      if (this.isNew(tt)) continue;
      const source = this.sourceOf(tt);
      if (!source) continue;
      const tmp = `_ss_new_${tt.name}`;
      const hz = [hazard('MIG014', `${q(tt.name, 'sqlite')} is rebuilt: created anew, rows copied, old table dropped`)];
      const copied: [string, string][] = [];
      for (const c of tt.columns) {
        if (c.generated) continue;
        const old = this.sourceColumn(source, tt, c);
        const renamed = this.renamedColumns.has(c);
        if (old) copied.push([q(c.name, 'sqlite'), q(renamed ? c.name : old.name, 'sqlite')]);
      }
      for (const c of tt.columns) {
        if (!this.sourceColumn(source, tt, c) && !c.nullable && (!c.default || c.default.kind === 'null') && !c.generated) hz.push(hazard('MIG004', `${q(c.name, 'sqlite')} is NOT NULL without a default: copying existing rows fails`));
      }
      const own = this.byTable.get(tt) ?? [];
      for (const ch of own) {
        if (ch.kind === 'alter-column' && ch.table === tt) {
          hz.push(...this.typeHazards(ch, q(tt.name, 'sqlite')).filter((h) => h.code === 'MIG003'));
          if (ch.changes.nullable && !ch.to.nullable) hz.push(hazard('MIG005', `${q(ch.to.name, 'sqlite')} becomes NOT NULL: copying a row holding NULL fails`));
        }
        if (ch.kind === 'drop-column' && ch.table === tt) hz.push(hazard('MIG002', `drops column ${q(ch.column.name, 'sqlite')} of ${q(tt.name, 'sqlite')}`));
        if (ch.kind === 'add-foreign-key' && ch.table === tt && !ch.newTable) hz.push(hazard('MIG017', `foreign key (${ch.relationship.from.columns.map((x) => q(x, 'sqlite')).join(', ')}) on existing rows: PRAGMA foreign_key_check reports rows without a match`));
        if (ch.kind === 'add-unique' && ch.table === tt) hz.push(hazard('MIG018', `unique (${ch.columns.map((x) => q(x, 'sqlite')).join(', ')}) on ${q(tt.name, 'sqlite')}: the copy fails on duplicates`));
      }
      const t = this.sub('t', tt.name);
      const dropCols = own.filter((ch) => ch.kind === 'drop-column').map((ch) => (ch.kind === 'drop-column' ? this.sub('c', ch.fromTable.name, ch.column.name) : ''));
      const alterCols = own.filter((ch) => ch.kind === 'alter-column');
      this.emit('alter', createTableSql(tt, this.to, 'sqlite', this.targetRels(tt), tmp), `rebuild ${tt.name}: create the new table`, hz, { target: t });
      if (copied.length) {
        this.emit('alter', `INSERT INTO ${q(tmp, 'sqlite')} (${copied.map((x) => x[0]).join(', ')}) SELECT ${copied.map((x) => x[1]).join(', ')} FROM ${q(tt.name, 'sqlite')}`, `rebuild ${tt.name}: copy the rows`, []);
      }
      // the subjects of the rebuild, for matching rollback steps to forward data loss
      const last = this.out[this.out.length - 1];
      const firstAlter = alterCols[0];
      last.source = dropCols[0] ?? (firstAlter && firstAlter.kind === 'alter-column' ? this.sub('c', firstAlter.fromTable.name, firstAlter.from.name) : undefined);
      if (firstAlter && firstAlter.kind === 'alter-column') last.target = this.sub('c', tt.name, firstAlter.to.name);
      this.emit('alter', `DROP TABLE ${q(tt.name, 'sqlite')}`, `rebuild ${tt.name}: drop the old table`, []);
      this.emit('alter', `ALTER TABLE ${q(tmp, 'sqlite')} RENAME TO ${q(tt.name, 'sqlite')}`, `rebuild ${tt.name}: give the new table its name`, []);
      for (const ix of tt.indexes) {
        if (ix.primaryKey || (ix.unique && !ix.name && !ix.where && ix.parts.every((p) => p.column !== undefined))) continue;
        this.emit('alter', createIndexSql(ix, tt, this.to, 'sqlite'), `rebuild ${tt.name}: recreate index ${indexName(ix, tt, 'sqlite')}`, []);
      }
    }
  }

  private sourceOf(tt: Table): Table | undefined {
    return this.sources.get(tt) ?? this.from.tables.find((t) => !t.isView && this.fold(t.name) === this.fold(tt.name) && this.fold(t.schema) === this.fold(tt.schema));
  }

  private sourceColumn(source: Table, _tt: Table, c: Column): Column | undefined {
    if (this.addedColumns.has(c)) return undefined;
    const r = this.renamedColumns.get(c);
    if (r) return r;
    const name = this.fold(c.name);
    return source.columns.find((x) => this.fold(x.name) === name);
  }

  // ---------------------------------------------------------------- drops

  private dropForeignKey(c: Extract<Change, { kind: 'drop-foreign-key' }>): void {
    const t = this.fromRef(c.table);
    const r = c.relationship;
    const desc = `drop foreign key ${c.table.name}(${r.from.columns.join(', ')}) -> ${r.to.table}`;
    switch (this.d) {
      case 'sqlite':
        return; // part of the table rebuild (or of the dropped table)
      case 'postgres':
        this.emit('drop-fk', `ALTER TABLE ${t} DROP CONSTRAINT ${q(r.name ?? pgDefaultName(c.table.name, r.from.columns, 'fkey'), 'postgres')}`, desc, []);
        return;
      case 'mysql':
        if (r.name) this.emit('drop-fk', `ALTER TABLE ${t} DROP FOREIGN KEY ${q(r.name, 'mysql')}`, desc, []);
        else this.emit('drop-fk', this.mysqlDynamic(c.table, 'fk', r.from.columns, r.to.table), desc, []);
        // InnoDB created an index for the key when the table had none: it goes with the key
        if (!c.tableDropped && !this.hasIndexFor(c.table, r.from.columns)) {
          this.emit('drop-fk', this.mysqlDynamic(c.table, 'fk-index', r.from.columns), `drop the index InnoDB made for ${desc.replace('drop ', '')}`, []);
        }
        return;
      case 'mssql':
        if (r.name) this.emit('drop-fk', `ALTER TABLE ${t} DROP CONSTRAINT ${q(r.name, 'mssql')}`, desc, [this.schLock(t)]);
        else this.emit('drop-fk', this.mssqlDynamic(c.table, 'F', r.from.columns), desc, [this.schLock(t)]);
        return;
    }
  }

  private dropView(c: Extract<Change, { kind: 'drop-view' }>): void {
    this.emit('drop', `DROP VIEW ${this.fromRef(c.table)}`, `drop view ${c.table.name}`, [hazard('MIG022', `view ${c.table.name} is dropped (recreated after if it still exists)`)]);
  }

  private dropIndex(c: Extract<Change, { kind: 'drop-index' }>): void {
    if (this.isRebuilt(c.table)) return;
    const name = indexName(c.index, c.fromTable, this.d);
    const t = this.fromRef(c.fromTable);
    const hz = [hazard('MIG009', `index ${name} on ${c.fromTable.name} is dropped`)];
    const desc = `drop index ${name}`;
    switch (this.d) {
      case 'postgres': {
        const ref = c.fromTable.schema !== this.from.defaultSchema ? `${q(c.fromTable.schema, 'postgres')}.${q(name, 'postgres')}` : q(name, 'postgres');
        if (this.online) this.emit('drop', `DROP INDEX CONCURRENTLY ${ref}`, desc, [...hz, hazard('MIG020', 'DROP INDEX CONCURRENTLY cannot run in a transaction')], { transactional: false });
        else this.emit('drop', `DROP INDEX ${ref}`, desc, [...hz, this.pgLock(c.fromTable.name, 'while the index is dropped')]);
        return;
      }
      case 'mysql':
        this.emit('drop', `ALTER TABLE ${t} DROP INDEX ${q(name, 'mysql')}, ALGORITHM=INPLACE`, desc, hz);
        return;
      case 'sqlite':
        this.emit('drop', `DROP INDEX ${q(name, 'sqlite')}`, desc, hz);
        return;
      case 'mssql':
        this.emit('drop', `DROP INDEX ${q(name, 'mssql')} ON ${t}`, desc, [...hz, this.schLock(t)]);
        return;
    }
  }

  private dropUnique(c: Extract<Change, { kind: 'drop-unique' }>): void {
    if (this.isRebuilt(c.table)) return;
    const t = this.fromRef(c.fromTable);
    const desc = `drop unique (${c.columns.join(', ')}) on ${c.fromTable.name}`;
    switch (this.d) {
      case 'postgres':
        this.emit('drop', `ALTER TABLE ${t} DROP CONSTRAINT ${q(pgDefaultName(c.fromTable.name, c.columns, 'key'), 'postgres')}`, desc, [hazard('MIG009', `the unique index of (${c.columns.join(', ')}) is dropped`)]);
        return;
      case 'mysql':
        this.emit('drop', this.mysqlDynamic(c.fromTable, 'unique', c.columns), desc, [hazard('MIG009', `the unique index of (${c.columns.join(', ')}) is dropped`)]);
        return;
      case 'mssql':
        this.emit('drop', this.mssqlDynamic(c.fromTable, 'UQ', c.columns), desc, [this.schLock(t)]);
        return;
      default:
        return;
    }
  }

  private dropCheck(c: Extract<Change, { kind: 'drop-check' }>): void {
    if (this.isRebuilt(c.table)) return;
    const t = this.fromRef(c.fromTable);
    const desc = `drop check (${c.check.expression})`;
    const name = c.check.name ?? (this.d === 'postgres' ? pgDefaultName(c.fromTable.name, [], 'check') : undefined);
    if (!name) {
      this.manual('drop', `drop the unnamed check (${c.check.expression}) on ${c.fromTable.name}: the database chose its name`);
      return;
    }
    this.emit('drop', `ALTER TABLE ${t} DROP CONSTRAINT ${q(name, this.d)}`, desc, this.d === 'mssql' ? [this.schLock(t)] : []);
  }

  private dropPrimaryKey(c: Extract<Change, { kind: 'alter-primary-key' }>): void {
    if (!c.from.length || this.isRebuilt(c.table)) return;
    const t = this.fromRef(c.fromTable);
    const desc = `drop primary key (${c.from.join(', ')}) of ${c.fromTable.name}`;
    const hz = [hazard('MIG021', `primary key of ${c.fromTable.name} changes from (${c.from.join(', ')}) to (${c.to.join(', ') || 'none'})`)];
    switch (this.d) {
      case 'postgres':
        this.emit('drop', `ALTER TABLE ${t} DROP CONSTRAINT ${q(c.fromName ?? pgDefaultName(c.fromTable.name, [], 'pkey'), 'postgres')}`, desc, hz);
        return;
      case 'mysql':
        this.emit('drop', `ALTER TABLE ${t} DROP PRIMARY KEY`, desc, [...hz, hazard('MIG013', `dropping the primary key of ${c.fromTable.name} copies the table`)]);
        return;
      case 'mssql':
        if (c.fromName) this.emit('drop', `ALTER TABLE ${t} DROP CONSTRAINT ${q(c.fromName, 'mssql')}`, desc, [...hz, this.schLock(t)]);
        else this.emit('drop', this.mssqlDynamic(c.fromTable, 'PK', []), desc, [...hz, this.schLock(t)]);
        return;
      default:
        return;
    }
  }

  private dropColumn(c: Extract<Change, { kind: 'drop-column' }>, phase: Phase = 'drop'): void {
    if (this.isRebuilt(c.table)) return;
    if (phase === 'drop' && (this.d === 'mysql' || this.d === 'mssql') && this.losesEveryColumn(c.fromTable)) {
      // MySQL and SQL Server refuse a table without columns: drop the last ones after the new ones exist
      this.deferredDrops.push(c);
      return;
    }
    const t = phase === 'drop' ? this.fromRef(c.fromTable) : this.toRef(c.table);
    const hz = [hazard('MIG002', `drops column ${c.column.name} of ${c.fromTable.name} and its values`)];
    const source = this.sub('c', c.fromTable.name, c.column.name);
    const desc = `drop column ${c.fromTable.name}.${c.column.name}`;
    if (this.d === 'mssql') {
      if (c.column.default) this.emit(phase, this.mssqlDropDefault(phase === 'drop' ? c.fromTable : c.table, c.column.name, phase === 'drop' ? 'from' : 'to'), `drop the default of ${c.column.name}`, []);
      this.emit(phase, `ALTER TABLE ${t} DROP COLUMN ${q(c.column.name, 'mssql')}`, desc, [...hz, this.schLock(t)], { source });
      return;
    }
    this.emit(phase, `ALTER TABLE ${t} DROP COLUMN ${q(c.column.name, this.d)}`, desc, hz, { source });
  }

  private losesEveryColumn(t: Table): boolean {
    let n = 0;
    for (const c of this.diff.changes) if (c.kind === 'drop-column' && c.fromTable === t) n++;
    return n >= t.columns.length;
  }

  private dropTable(c: Extract<Change, { kind: 'drop-table' }>): void {
    this.emit('drop', `DROP TABLE ${this.fromRef(c.table)}`, `drop table ${c.table.name}`, [hazard('MIG001', `drops table ${c.table.name} and its rows`)], { source: this.sub('t', c.table.name) });
  }

  // ---------------------------------------------------------------- renames

  private renameTable(c: Extract<Change, { kind: 'rename-table' }>): void {
    const hz = [hazard('MIG010', `table ${c.fromTable.name} becomes ${c.table.name}${c.confidence < 1 ? ` (detected, confidence ${c.confidence})` : ''}`)];
    const desc = `rename table ${c.fromTable.name} to ${c.table.name}`;
    const f = this.fromRef(c.fromTable);
    switch (this.d) {
      case 'mysql':
        this.emit('rename', `RENAME TABLE ${f} TO ${this.toRef(c.table)}`, desc, hz);
        return;
      case 'mssql':
        this.emit('rename', `EXEC sp_rename ${str(f, 'mssql')}, ${str(c.table.name, 'mssql')}`, desc, [...hz, this.schLock(f)]);
        return;
      default:
        this.emit('rename', `ALTER TABLE ${f} RENAME TO ${q(c.table.name, this.d)}`, desc, hz);
    }
  }

  private renameColumn(c: Extract<Change, { kind: 'rename-column' }>): void {
    // (SQLite: renamed in place even when the table is rebuilt after, so references in other tables follow)
    const hz = [hazard('MIG011', `column ${c.table.name}.${c.from.name} becomes ${c.to.name}${c.confidence < 1 ? ` (detected, confidence ${c.confidence})` : ''}`)];
    const desc = `rename column ${c.table.name}.${c.from.name} to ${c.to.name}`;
    const t = this.toRef(c.table);
    switch (this.d) {
      case 'mysql':
        this.emit('rename', `ALTER TABLE ${t} RENAME COLUMN ${q(c.from.name, 'mysql')} TO ${q(c.to.name, 'mysql')}, ALGORITHM=INPLACE`, desc, hz);
        return;
      case 'mssql':
        this.emit('rename', `EXEC sp_rename ${str(`${t}.${q(c.from.name, 'mssql')}`, 'mssql')}, ${str(c.to.name, 'mssql')}, N'COLUMN'`, desc, [...hz, this.schLock(t)]);
        return;
      default:
        this.emit('rename', `ALTER TABLE ${t} RENAME COLUMN ${q(c.from.name, this.d)} TO ${q(c.to.name, this.d)}`, desc, hz);
    }
  }

  // ---------------------------------------------------------------- enums

  private createEnum(c: Extract<Change, { kind: 'create-enum' }>): void {
    if (this.d !== 'postgres') return; // inline in column types (MySQL) or plain text elsewhere
    this.emit('create', `CREATE TYPE ${this.toRef(c.enum)} AS ENUM (${c.enum.values.map((v) => str(v.name, 'postgres')).join(', ')})`, `create enum ${c.enum.name}`, []);
  }

  /** Columns of existing tables that use `e` before and after (their type change is the enum's change). */
  private enumColumns(e: Enum): { table: Table; column: Column }[] {
    const out: { table: Table; column: Column }[] = [];
    const key = this.fold(e.key);
    for (const t of this.to.tables) {
      if (t.isView || this.isNew(t)) continue;
      for (const c of t.columns) {
        if (!c.type.enumKey || this.fold(c.type.enumKey) !== key || this.addedColumns.has(c)) continue;
        const alt = this.alteredColumns.get(c);
        if (alt && alt.changes.type) continue;
        out.push({ table: t, column: c });
      }
    }
    return out;
  }

  private alterEnum(c: Extract<Change, { kind: 'alter-enum' }>): void {
    const lossy = c.removed.length > 0;
    const removalHz = lossy ? [hazard('MIG016', `enum ${c.to.name} loses ${c.removed.map((v) => `'${v}'`).join(', ')}: rows holding ${c.removed.length > 1 ? 'them' : 'it'} fail the change`)] : [];
    const source = this.sub('e', c.from.key);
    const target = this.sub('e', c.to.key);
    if (this.d === 'postgres') {
      const e = this.toRef(c.to);
      if (!lossy && !c.reordered) {
        for (const r of c.renamed) this.emit('pre', `ALTER TYPE ${e} RENAME VALUE ${str(r.from, 'postgres')} TO ${str(r.to, 'postgres')}`, `rename enum value ${r.from} to ${r.to}`, [hazard('MIG020', 'runs before the transaction, with the enum additions')], { transactional: false, target });
        for (const a of c.added) {
          const pos = a.before !== undefined ? ` BEFORE ${str(a.before, 'postgres')}` : a.after !== undefined ? ` AFTER ${str(a.after, 'postgres')}` : '';
          this.emit('pre', `ALTER TYPE ${e} ADD VALUE IF NOT EXISTS ${str(a.value, 'postgres')}${pos}`, `add enum value ${a.value} to ${c.to.name}`, [hazard('MIG020', 'ALTER TYPE ... ADD VALUE runs outside the transaction (the new value cannot be used in the same transaction)')], { transactional: false, target });
        }
        return;
      }
      const old = `${c.to.name}__ss_old`.slice(0, 63);
      const oldRef = tableRef({ schema: c.to.schema, name: old }, this.to, 'postgres');
      this.emit('create', `ALTER TYPE ${e} RENAME TO ${q(old, 'postgres')}`, `set enum ${c.to.name} aside to recreate it`, [], { source, target });
      this.emit('create', `CREATE TYPE ${e} AS ENUM (${c.to.values.map((v) => str(v.name, 'postgres')).join(', ')})`, `recreate enum ${c.to.name}`, removalHz, { source, target });
      const mapping = c.renamed.length ? `CASE ${'%COL%'}::text ${c.renamed.map((r) => `WHEN ${str(r.from, 'postgres')} THEN ${str(r.to, 'postgres')}`).join(' ')} ELSE ${'%COL%'}::text END` : `${'%COL%'}::text`;
      for (const { table, column } of this.enumColumns(c.to)) {
        const t = this.toRef(table);
        const col = q(column.name, 'postgres');
        const fromCol = this.sourceColumnOf(table, column);
        if (fromCol?.default) this.emit('create', `ALTER TABLE ${t} ALTER COLUMN ${col} DROP DEFAULT`, `drop the default of ${table.name}.${column.name} while its enum changes`, []);
        this.emit('create', `ALTER TABLE ${t} ALTER COLUMN ${col} TYPE ${e} USING (${mapping.replace(/%COL%/g, col)})::${e}`, `move ${table.name}.${column.name} to the new ${c.to.name}`, [this.pgLock(table.name, 'while the column is rewritten'), hazard('MIG006', `${table.name} is rewritten`), ...removalHz], { source: this.sub('c', table.name, column.name) });
        if (column.default && !this.alteredColumns.get(column)?.changes.default) this.emit('create', `ALTER TABLE ${t} ALTER COLUMN ${col} SET DEFAULT ${defaultSql(column.default, column.type, 'postgres')}`, `restore the default of ${table.name}.${column.name}`, []);
      }
      this.emit('post', `DROP TYPE ${oldRef}`, `drop the old enum ${c.to.name}`, []);
      return;
    }
    if (this.d === 'mysql') {
      const appendOnly = !lossy && !c.reordered && !c.renamed.length && c.added.every((a) => a.before === undefined);
      for (const { table, column } of this.enumColumns(c.to)) {
        if (this.alteredColumns.has(column)) continue;
        const hz = [...removalHz];
        if (!appendOnly) hz.push(hazard('MIG013', `changing the values of ${table.name}.${column.name} copies the table`));
        if (c.renamed.length) hz.push(hazard('MIG016', `renamed enum values of ${table.name}.${column.name} are not carried over: rows holding the old value fail`));
        this.emit('alter', `ALTER TABLE ${this.toRef(table)} MODIFY COLUMN ${columnDef(column, 'mysql', this.to)}`, `change the values of enum ${c.to.name} in ${table.name}.${column.name}`, hz, { source, target });
      }
      return;
    }
    // SQLite and SQL Server keep enums as text: nothing to run
  }

  private sourceColumnOf(tt: Table, c: Column): Column | undefined {
    const s = this.sourceOf(tt);
    return s ? this.sourceColumn(s, tt, c) : undefined;
  }

  private dropEnum(c: Extract<Change, { kind: 'drop-enum' }>): void {
    if (this.d !== 'postgres') return;
    this.emit('post', `DROP TYPE ${this.fromRef(c.enum)}`, `drop enum ${c.enum.name}`, [hazard('MIG022', `enum type ${c.enum.name} is dropped`)]);
  }

  // ---------------------------------------------------------------- creates

  private createTable(t: Table): void {
    const fks = this.d === 'sqlite' ? this.targetRels(t) : [];
    this.emit('create', createTableSql(t, this.to, this.d, fks), `create table ${t.name}`, [], { target: this.sub('t', t.name) });
    if (this.d === 'postgres') {
      if (t.note) this.emit('create', `COMMENT ON TABLE ${this.toRef(t)} IS ${str(t.note, 'postgres')}`, `comment on ${t.name}`, []);
      for (const c of t.columns) if (c.note) this.emit('create', `COMMENT ON COLUMN ${this.toRef(t)}.${q(c.name, 'postgres')} IS ${str(c.note, 'postgres')}`, `comment on ${t.name}.${c.name}`, []);
    }
  }

  private addColumn(c: Extract<Change, { kind: 'add-column' }>): void {
    if (this.isRebuilt(c.table)) return;
    const col = c.column;
    const t = this.toRef(c.table);
    const hz: Hazard[] = [];
    const noDefault = !col.default || col.default.kind === 'null';
    if (!col.nullable && noDefault && !col.generated && !col.autoIncrement) hz.push(hazard('MIG004', `${c.table.name}.${col.name} is NOT NULL without a default: fails (or gets a zero value in MySQL) when the table has rows`));
    const desc = `add column ${c.table.name}.${col.name}`;
    const target = this.sub('c', c.table.name, col.name);
    switch (this.d) {
      case 'postgres':
        if (col.default?.kind === 'expression' && VOLATILE.test(col.default.value)) hz.push(hazard('MIG025', `default ${col.default.value} is volatile: every row of ${c.table.name} is written`), this.pgLock(c.table.name, 'while every row is written'));
        if (col.generated) hz.push(hazard('MIG006', `the stored generated column is computed for every row of ${c.table.name}`), this.pgLock(c.table.name, 'while the table is rewritten'));
        this.emit('alter', `ALTER TABLE ${t} ADD COLUMN ${columnDef(col, 'postgres', this.to)}`, desc, hz, { target });
        if (col.note) this.emit('post', `COMMENT ON COLUMN ${t}.${q(col.name, 'postgres')} IS ${str(col.note, 'postgres')}`, `comment on ${c.table.name}.${col.name}`, []);
        return;
      case 'mysql': {
        const instant = !col.autoIncrement && !col.generated;
        if (!instant) hz.push(hazard('MIG013', `adding ${col.name} copies ${c.table.name}`));
        this.emit('alter', `ALTER TABLE ${t} ADD COLUMN ${columnDef(col, 'mysql', this.to)}${instant ? ', ALGORITHM=INSTANT' : ''}`, desc, hz, { target });
        return;
      }
      case 'sqlite':
        this.emit('alter', `ALTER TABLE ${t} ADD COLUMN ${columnDef(col, 'sqlite', this.to)}`, desc, hz, { target });
        return;
      case 'mssql':
        this.emit('alter', `ALTER TABLE ${t} ADD ${columnDef(col, 'mssql', this.to, { table: c.table })}`, desc, [...hz, this.schLock(t)], { target });
        return;
    }
  }

  /** Hazards of a column type change. */
  private typeHazards(c: Extract<Change, { kind: 'alter-column' }>, t: string): Hazard[] {
    const k = c.changes.type;
    if (!k) return [];
    const hz: Hazard[] = [];
    const what = `${c.table.name}.${c.to.name}: ${c.from.type.raw || c.from.type.name} -> ${c.to.type.raw || c.to.type.name}`;
    if (k === 'narrow') hz.push(hazard('MIG003', `narrows ${what}: longer or larger values fail or are cut`));
    if (k === 'convert') hz.push(hazard('MIG003', `converts ${what}: values that do not convert fail`));
    if (k !== 'widen') {
      if (this.d === 'postgres') hz.push(hazard('MIG006', `${t} is rewritten`), this.pgLock(t, 'while the table is rewritten'));
      if (this.d === 'mysql') hz.push(hazard('MIG013', `changing the type of ${c.to.name} copies ${t}`));
      if (this.d === 'mssql') hz.push(hazard('MIG006', `every row of ${t} is updated`));
    }
    return hz;
  }

  private alterColumn(c: Extract<Change, { kind: 'alter-column' }>): void {
    if (this.isRebuilt(c.table)) return;
    const ch = c.changes;
    const t = this.toRef(c.table);
    const col = q(c.to.name, this.d);
    const desc = (what: string) => `${what} of ${c.table.name}.${c.to.name}`;
    const source = this.sub('c', c.fromTable.name, c.from.name);
    const target = this.sub('c', c.table.name, c.to.name);
    const ids = { source, target };
    const typeHz = this.typeHazards(c, c.table.name);

    if (this.d === 'postgres') {
      if (ch.generated) {
        if (c.from.generated && !c.to.generated && !ch.type) {
          this.emit('alter', `ALTER TABLE ${t} ALTER COLUMN ${col} DROP EXPRESSION`, desc('stop generating'), [], ids);
        } else {
          const hz = [hazard('MIG024', `${c.table.name}.${c.to.name} is dropped and added again`), hazard('MIG006', `${c.table.name} is rewritten`)];
          if (!c.from.generated) hz.push(hazard('MIG002', `the stored values of ${c.table.name}.${c.from.name} are replaced by computed ones`));
          this.emit('alter', `ALTER TABLE ${t} DROP COLUMN ${col}`, desc('drop to regenerate'), hz, ids);
          this.emit('alter', `ALTER TABLE ${t} ADD COLUMN ${columnDef(c.to, 'postgres', this.to)}`, desc('add again'), [], ids);
          return;
        }
      }
      const typeChanging = !!ch.type || !!ch.collation;
      if (typeChanging && c.from.default) this.emit('alter', `ALTER TABLE ${t} ALTER COLUMN ${col} DROP DEFAULT`, desc('drop the default while the type changes'), []);
      if (ch.identity && c.from.autoIncrement) this.emit('alter', `ALTER TABLE ${t} ALTER COLUMN ${col} DROP IDENTITY IF EXISTS`, desc('drop identity'), []);
      if (typeChanging) {
        const type = sqlType(c.to.type, 'postgres', this.to);
        const coll = c.to.settings['collate'] ?? c.to.settings['collation'];
        const using = c.to.type.family === 'enum' || c.from.type.family === 'enum' ? ` USING ${col}::text::${type}` : ch.type === 'convert' || ch.type === 'narrow' ? ` USING ${col}::${type}` : '';
        const hz = [...typeHz];
        if (ch.collation && !typeHz.length) hz.push(hazard('MIG006', `${c.table.name}'s indexes on ${c.to.name} are rebuilt for the new collation`));
        this.emit('alter', `ALTER TABLE ${t} ALTER COLUMN ${col} TYPE ${type}${coll ? ` COLLATE ${q(coll, 'postgres')}` : ''}${using}`, desc('change the type'), hz, ids);
      }
      if (ch.nullable) {
        if (c.to.nullable) this.emit('alter', `ALTER TABLE ${t} ALTER COLUMN ${col} DROP NOT NULL`, desc('allow NULL'), [], ids);
        else if (this.online) {
          const cn = q(pgDefaultName(c.table.name, [c.to.name], 'not_null'), 'postgres');
          this.emit('alter', `ALTER TABLE ${t} ADD CONSTRAINT ${cn} CHECK (${col} IS NOT NULL) NOT VALID`, desc('check NOT NULL without a scan'), [hazard('MIG005', `${c.table.name}.${c.to.name} becomes NOT NULL (validated without blocking)`)], ids);
          this.emit('post', `ALTER TABLE ${t} VALIDATE CONSTRAINT ${cn}`, desc('validate NOT NULL (SHARE UPDATE EXCLUSIVE lock)'), []);
          this.emit('post', `ALTER TABLE ${t} ALTER COLUMN ${col} SET NOT NULL`, desc('set NOT NULL using the validated check'), []);
          this.emit('post', `ALTER TABLE ${t} DROP CONSTRAINT ${cn}`, desc('drop the helper check'), []);
        } else {
          this.emit('alter', `ALTER TABLE ${t} ALTER COLUMN ${col} SET NOT NULL`, desc('forbid NULL'), [hazard('MIG005', `${c.table.name}.${c.to.name} becomes NOT NULL`), this.pgLock(c.table.name, 'while every row is checked')], ids);
        }
      }
      if (ch.identity && c.to.autoIncrement) this.emit('alter', `ALTER TABLE ${t} ALTER COLUMN ${col} ADD GENERATED BY DEFAULT AS IDENTITY`, desc('add identity'), [], ids);
      if ((ch.default || (typeChanging && c.from.default)) && !c.to.autoIncrement) {
        if (c.to.default && c.to.default.kind !== 'null') this.emit('alter', `ALTER TABLE ${t} ALTER COLUMN ${col} SET DEFAULT ${defaultSql(c.to.default, c.to.type, 'postgres')}`, desc('set the default'), [], ids);
        else if (ch.default && !typeChanging) this.emit('alter', `ALTER TABLE ${t} ALTER COLUMN ${col} DROP DEFAULT`, desc('drop the default'), [], ids);
      }
      return;
    }

    if (this.d === 'mysql') {
      const onlyDefault = ch.default && !ch.type && !ch.nullable && !ch.identity && !ch.generated && !ch.collation;
      if (onlyDefault) {
        const sql = c.to.default && c.to.default.kind !== 'null' ? `ALTER TABLE ${t} ALTER COLUMN ${col} SET DEFAULT ${defaultSql(c.to.default, c.to.type, 'mysql')}` : `ALTER TABLE ${t} ALTER COLUMN ${col} DROP DEFAULT`;
        this.emit('alter', sql, desc('change the default'), [], ids);
        return;
      }
      const hz = [...typeHz];
      if (ch.nullable && !c.to.nullable) hz.push(hazard('MIG005', `${c.table.name}.${c.to.name} becomes NOT NULL`), hazard('MIG013', `${c.table.name} is rebuilt to enforce NOT NULL`));
      if (ch.generated) {
        hz.push(hazard('MIG024', `${c.table.name}.${c.to.name} is recomputed`));
        if (!c.from.generated) hz.push(hazard('MIG002', `the stored values of ${c.table.name}.${c.from.name} are replaced by computed ones`));
      }
      if ((ch.identity || ch.collation) && !hz.some((h) => h.code === 'MIG013')) hz.push(hazard('MIG013', `${c.table.name} is copied`));
      this.emit('alter', `ALTER TABLE ${t} MODIFY COLUMN ${columnDef(c.to, 'mysql', this.to)}`, desc('redefine'), hz, ids);
      return;
    }

    // SQL Server
    if (ch.identity) this.manual('alter', `${c.table.name}.${c.to.name}: SQL Server cannot add or remove IDENTITY in place; rebuild the column by hand`);
    if (ch.generated) {
      const hz = [hazard('MIG024', `${c.table.name}.${c.to.name} is dropped and added again`), this.schLock(t)];
      if (!c.from.generated) hz.push(hazard('MIG002', `the stored values of ${c.table.name}.${c.from.name} are replaced`));
      if (c.from.default) this.emit('alter', this.mssqlDropDefault(c.table, c.to.name, 'to'), desc('drop the default'), []);
      this.emit('alter', `ALTER TABLE ${t} DROP COLUMN ${col}`, desc('drop to regenerate'), hz, ids);
      this.emit('alter', `ALTER TABLE ${t} ADD ${columnDef(c.to, 'mssql', this.to, { table: c.table })}`, desc('add again'), [], ids);
      return;
    }
    const needsAlter = ch.type || ch.nullable || ch.collation;
    const defaultMoves = ch.default || (needsAlter && c.from.default);
    if (defaultMoves && c.from.default) this.emit('alter', this.mssqlDropDefault(c.table, c.to.name, 'to'), desc('drop the default constraint'), []);
    if (needsAlter) {
      const hz = [...typeHz, this.schLock(t)];
      if (ch.nullable && !c.to.nullable) hz.push(hazard('MIG005', `${c.table.name}.${c.to.name} becomes NOT NULL`));
      const coll = c.to.settings['collate'] ?? c.to.settings['collation'];
      this.emit('alter', `ALTER TABLE ${t} ALTER COLUMN ${col} ${sqlType(c.to.type, 'mssql', this.to)}${coll ? ` COLLATE ${coll.replace(/[^A-Za-z0-9_]/g, '')}` : ''}${c.to.nullable ? ' NULL' : ' NOT NULL'}`, desc('redefine'), hz, ids);
    }
    if (defaultMoves && c.to.default && c.to.default.kind !== 'null') {
      this.emit('alter', `ALTER TABLE ${t} ADD CONSTRAINT ${q(mssqlName('DF', c.table.name, [c.to.name]), 'mssql')} DEFAULT ${defaultSql(c.to.default, c.to.type, 'mssql')} FOR ${col}`, desc('set the default'), [], ids);
    }
  }

  private addPrimaryKey(c: Extract<Change, { kind: 'alter-primary-key' }>): void {
    if (!c.to.length || this.isRebuilt(c.table)) return;
    const t = this.toRef(c.table);
    const cols = c.to.map((x) => q(x, this.d)).join(', ');
    const desc = `add primary key (${c.to.join(', ')}) to ${c.table.name}`;
    const hz = [hazard('MIG021', `primary key of ${c.table.name} becomes (${c.to.join(', ')})`)];
    switch (this.d) {
      case 'postgres':
        this.emit('alter', `ALTER TABLE ${t} ADD ${c.toName ? `CONSTRAINT ${q(c.toName, 'postgres')} ` : ''}PRIMARY KEY (${cols})`, desc, [...hz, hazard('MIG008', `the key index of ${c.table.name} is built under a SHARE lock`), this.pgLock(c.table.name, 'while the key is added')]);
        return;
      case 'mysql':
        this.emit('alter', `ALTER TABLE ${t} ADD PRIMARY KEY (${cols})`, desc, [...hz, hazard('MIG013', `${c.table.name} is rebuilt for the new primary key`)]);
        return;
      case 'mssql':
        this.emit('alter', `ALTER TABLE ${t} ADD CONSTRAINT ${q(c.toName ?? mssqlName('PK', c.table.name, []), 'mssql')} PRIMARY KEY (${cols})`, desc, [...hz, this.schLock(t)]);
        return;
      default:
        return;
    }
  }

  private addUnique(c: Extract<Change, { kind: 'add-unique' }>): void {
    if (this.isRebuilt(c.table)) return;
    const t = this.toRef(c.table);
    const cols = c.columns.map((x) => q(x, this.d)).join(', ');
    const desc = `add unique (${c.columns.join(', ')}) to ${c.table.name}`;
    const hz = [hazard('MIG018', `unique (${c.columns.join(', ')}) on ${c.table.name}: fails if existing rows repeat a value`)];
    switch (this.d) {
      case 'postgres': {
        const name = pgDefaultName(c.table.name, c.columns, 'key');
        if (this.online) {
          this.emit('index', `CREATE UNIQUE INDEX CONCURRENTLY ${q(name, 'postgres')} ON ${t} (${cols})`, `${desc}: build the index without blocking writes`, [...hz, hazard('MIG020', 'CREATE INDEX CONCURRENTLY cannot run in a transaction')], { transactional: false });
          this.emit('post', `ALTER TABLE ${t} ADD CONSTRAINT ${q(name, 'postgres')} UNIQUE USING INDEX ${q(name, 'postgres')}`, `${desc}: attach the index as the constraint`, []);
        } else {
          this.emit('alter', `ALTER TABLE ${t} ADD CONSTRAINT ${q(name, 'postgres')} UNIQUE (${cols})`, desc, [...hz, hazard('MIG008', `the unique index on ${c.table.name} is built under a SHARE lock (writes blocked)`)]);
        }
        return;
      }
      case 'mysql':
        this.emit('alter', `ALTER TABLE ${t} ADD UNIQUE (${cols}), ALGORITHM=INPLACE`, desc, hz);
        return;
      case 'mssql':
        this.emit('alter', `ALTER TABLE ${t} ADD CONSTRAINT ${q(mssqlName('UQ', c.table.name, c.columns), 'mssql')} UNIQUE (${cols})`, desc, [...hz, this.schLock(t)]);
        return;
      default:
        return;
    }
  }

  private addCheck(c: Extract<Change, { kind: 'add-check' }>): void {
    if (this.isRebuilt(c.table)) return;
    const t = this.toRef(c.table);
    const desc = `add check (${c.check.expression}) to ${c.table.name}`;
    const hz = [hazard('MIG019', `check (${c.check.expression}) on ${c.table.name}: every row is checked`)];
    if (this.d === 'postgres') {
      if (this.online) {
        const name = c.check.name ?? pgDefaultName(c.table.name, [], 'check');
        this.emit('alter', `ALTER TABLE ${t} ADD CONSTRAINT ${q(name, 'postgres')} CHECK (${c.check.expression}) NOT VALID`, `${desc} (not validated yet)`, []);
        this.emit('post', `ALTER TABLE ${t} VALIDATE CONSTRAINT ${q(name, 'postgres')}`, `${desc}: validate (SHARE UPDATE EXCLUSIVE lock)`, hz);
      } else {
        this.emit('alter', `ALTER TABLE ${t} ADD ${c.check.name ? `CONSTRAINT ${q(c.check.name, 'postgres')} ` : ''}CHECK (${c.check.expression})`, desc, [...hz, this.pgLock(c.table.name, 'while every row is checked')]);
      }
      return;
    }
    if (this.d === 'mysql') {
      this.emit('alter', `ALTER TABLE ${t} ADD ${c.check.name ? `CONSTRAINT ${q(c.check.name, 'mysql')} ` : ''}CHECK (${c.check.expression})`, desc, [...hz, hazard('MIG013', `${c.table.name} is copied to add the check`)]);
      return;
    }
    if (this.d === 'mssql') {
      this.emit('alter', `ALTER TABLE ${t} WITH CHECK ADD CONSTRAINT ${q(c.check.name ?? mssqlName('CK', c.table.name, [String(c.table.checks.indexOf(c.check) + 1)]), 'mssql')} CHECK (${c.check.expression})`, desc, [...hz, this.schLock(t)]);
    }
  }

  private addIndex(c: Extract<Change, { kind: 'add-index' }>): void {
    if (this.isRebuilt(c.table)) return;
    const fresh = this.isNew(c.table);
    const name = indexName(c.index, c.table, this.d);
    const desc = `create index ${name} on ${c.table.name}`;
    if (this.d === 'postgres') {
      if (this.online && !fresh) {
        this.emit('index', createIndexSql(c.index, c.table, this.to, 'postgres', { concurrently: true }), desc, [hazard('MIG020', 'CREATE INDEX CONCURRENTLY cannot run in a transaction')], { transactional: false });
        return;
      }
      this.emit('index', createIndexSql(c.index, c.table, this.to, 'postgres'), desc, fresh ? [] : [hazard('MIG008', `index ${name} is built under a SHARE lock on ${c.table.name}: writes wait`)]);
      return;
    }
    const hz: Hazard[] = [];
    if (!fresh && this.d === 'mssql' && !this.online) hz.push(hazard('MIG008', `index ${name} is built offline: writes to ${c.table.name} wait`));
    if (!fresh && c.index.unique) hz.push(hazard('MIG018', `unique index ${name}: fails if existing rows repeat a value`));
    this.emit('index', createIndexSql(c.index, c.table, this.to, this.d, { online: this.online }), desc, hz);
  }

  private addForeignKey(c: Extract<Change, { kind: 'add-foreign-key' }>): void {
    if (this.d === 'sqlite') return; // inline in CREATE TABLE or the rebuild
    const r = c.relationship;
    const t = this.toRef(c.table);
    const desc = `add foreign key ${c.table.name}(${r.from.columns.join(', ')}) -> ${r.to.table}`;
    const existing = !c.newTable;
    if (this.d === 'postgres') {
      const name = r.name ?? pgDefaultName(c.table.name, r.from.columns, 'fkey');
      if (existing && this.online) {
        this.emit('add-fk', `ALTER TABLE ${t} ADD CONSTRAINT ${q(name, 'postgres')} ${foreignKeyClause(r, this.to, 'postgres')} NOT VALID`, `${desc} (not validated yet)`, []);
        this.emit('post', `ALTER TABLE ${t} VALIDATE CONSTRAINT ${q(name, 'postgres')}`, `${desc}: validate (SHARE UPDATE EXCLUSIVE lock)`, [hazard('MIG017', `validating scans ${c.table.name}`)]);
        return;
      }
      this.emit('add-fk', `ALTER TABLE ${t} ADD CONSTRAINT ${q(name, 'postgres')} ${foreignKeyClause(r, this.to, 'postgres')}`, desc, existing ? [hazard('MIG017', `SHARE ROW EXCLUSIVE lock on ${c.table.name} and ${r.to.table} while ${c.table.name} is scanned`)] : []);
      return;
    }
    if (this.d === 'mysql') {
      this.emit('add-fk', `ALTER TABLE ${t} ADD ${r.name ? `CONSTRAINT ${q(r.name, 'mysql')} ` : ''}${foreignKeyClause(r, this.to, 'mysql')}`, desc, existing ? [hazard('MIG017', `${c.table.name} is scanned to validate`), hazard('MIG013', `adding a foreign key with foreign_key_checks on copies ${c.table.name}`)] : []);
      return;
    }
    this.emit('add-fk', `ALTER TABLE ${t} WITH CHECK ADD CONSTRAINT ${q(r.name ?? mssqlName('FK', c.table.name, r.from.columns), 'mssql')} ${foreignKeyClause(r, this.to, 'mssql')}`, desc, existing ? [hazard('MIG017', `${c.table.name} is scanned to validate`), this.schLock(t)] : []);
  }

  private createView(c: Extract<Change, { kind: 'create-view' }>): void {
    const def = c.table.settings['definition'] ?? c.table.settings['query'] ?? c.table.settings['as'];
    if (!def) {
      this.manual('add-fk', `create view ${c.table.name}: its definition is not in the schema`);
      return;
    }
    this.emit('add-fk', `CREATE VIEW ${this.toRef(c.table)} AS ${def}`, `create view ${c.table.name}`, []);
  }

  private comment(c: Extract<Change, { kind: 'table-comment' | 'column-comment' }>): void {
    const t = this.toRef(c.table);
    if (this.d === 'postgres') {
      const text = c.to ? str(c.to, 'postgres') : 'NULL';
      if (c.kind === 'table-comment') this.emit('post', `COMMENT ON TABLE ${t} IS ${text}`, `comment on ${c.table.name}`, []);
      else this.emit('post', `COMMENT ON COLUMN ${t}.${q(c.column.name, 'postgres')} IS ${text}`, `comment on ${c.table.name}.${c.column.name}`, []);
      return;
    }
    if (this.d === 'mysql') {
      if (c.kind === 'table-comment') this.emit('post', `ALTER TABLE ${t} COMMENT = ${str(c.to ?? '', 'mysql')}`, `comment on ${c.table.name}`, []);
      else if (!this.alteredColumns.has(c.column) && !this.isNew(c.table)) this.emit('post', `ALTER TABLE ${t} MODIFY COLUMN ${columnDef(c.column, 'mysql', this.to)}`, `comment on ${c.table.name}.${c.column.name}`, []);
    }
    // SQLite has no comments; SQL Server's extended properties are left to the user
  }

  // ---------------------------------------------------------------- dynamic look-ups of names the database chose

  /** True when the table declares an index, unique key or primary key starting with `cols`. */
  private hasIndexFor(t: Table, cols: string[]): boolean {
    const want = cols.map(this.fold).join('\u0001') + '\u0001';
    const starts = (list: string[]) => (list.map(this.fold).join('\u0001') + '\u0001').startsWith(want);
    if (starts(primaryKeyOf(t).columns)) return true;
    if (uniqueSetsOf(t).some(starts)) return true;
    return t.indexes.some((ix) => ix.parts.every((p) => p.column !== undefined) && starts(ix.parts.map((p) => p.column!)));
  }

  /** MySQL: find the unnamed foreign key / unique index by its columns and drop it through a prepared statement. */
  private mysqlDynamic(t: Table, kind: 'fk' | 'unique' | 'fk-index', cols: string[], refTable?: string): string {
    const schemaCond = t.schema !== this.from.defaultSchema ? `TABLE_SCHEMA = ${str(t.schema, 'mysql')}` : 'TABLE_SCHEMA = DATABASE()';
    const ref = this.fromRef(t);
    const colList = str(cols.join(','), 'mysql');
    const pick =
      kind === 'fk'
        ? `SELECT CONCAT('ALTER TABLE ', ${str(ref, 'mysql')}, ' DROP FOREIGN KEY \`', REPLACE(CONSTRAINT_NAME, '\`', '\`\`'), '\`') FROM information_schema.KEY_COLUMN_USAGE WHERE ${schemaCond} AND TABLE_NAME = ${str(t.name, 'mysql')} AND REFERENCED_TABLE_NAME = ${str(refTable ?? '', 'mysql')} GROUP BY CONSTRAINT_NAME HAVING GROUP_CONCAT(COLUMN_NAME ORDER BY ORDINAL_POSITION SEPARATOR ',') = ${colList} LIMIT 1`
        : `SELECT CONCAT('ALTER TABLE ', ${str(ref, 'mysql')}, ' DROP INDEX \`', REPLACE(INDEX_NAME, '\`', '\`\`'), '\`') FROM information_schema.STATISTICS WHERE ${schemaCond} AND TABLE_NAME = ${str(t.name, 'mysql')} AND NON_UNIQUE = ${kind === 'unique' ? 0 : 1} AND INDEX_NAME <> 'PRIMARY' GROUP BY INDEX_NAME HAVING GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX SEPARATOR ',') = ${colList} LIMIT 1`;
    if (kind === 'fk-index') return `SET @ss_sql = IFNULL((${pick}), 'DO 0');\nPREPARE ss_stmt FROM @ss_sql;\nEXECUTE ss_stmt;\nDEALLOCATE PREPARE ss_stmt`;
    return `SET @ss_sql = (${pick});\nPREPARE ss_stmt FROM @ss_sql;\nEXECUTE ss_stmt;\nDEALLOCATE PREPARE ss_stmt`;
  }

  /** SQL Server: find the constraint the database named and drop it. */
  private mssqlDynamic(t: Table, kind: 'F' | 'UQ' | 'PK', cols: string[]): string {
    const ref = this.fromRef(t);
    const obj = `OBJECT_ID(${str(ref, 'mssql')})`;
    const colList = str(cols.join(','), 'mssql');
    const find =
      kind === 'F'
        ? `SELECT @ss_name = fk.name FROM sys.foreign_keys fk WHERE fk.parent_object_id = ${obj} AND (SELECT STRING_AGG(c.name, ',') WITHIN GROUP (ORDER BY fkc.constraint_column_id) FROM sys.foreign_key_columns fkc JOIN sys.columns c ON c.object_id = fkc.parent_object_id AND c.column_id = fkc.parent_column_id WHERE fkc.constraint_object_id = fk.object_id) = ${colList}`
        : kind === 'PK'
          ? `SELECT @ss_name = kc.name FROM sys.key_constraints kc WHERE kc.parent_object_id = ${obj} AND kc.type = 'PK'`
          : `SELECT @ss_name = kc.name FROM sys.key_constraints kc WHERE kc.parent_object_id = ${obj} AND kc.type = 'UQ' AND (SELECT STRING_AGG(c.name, ',') WITHIN GROUP (ORDER BY ic.key_ordinal) FROM sys.index_columns ic JOIN sys.columns c ON c.object_id = ic.object_id AND c.column_id = ic.column_id WHERE ic.object_id = kc.parent_object_id AND ic.index_id = kc.unique_index_id) = ${colList}`;
    return `DECLARE @ss_name sysname;\n${find};\nIF @ss_name IS NOT NULL EXEC(N'ALTER TABLE ' + ${str(ref, 'mssql')} + N' DROP CONSTRAINT ' + QUOTENAME(@ss_name))`;
  }

  private mssqlDropDefault(t: Table, column: string, side: 'from' | 'to' = 'from'): string {
    const ref = tableRef(t, side === 'from' ? this.from : this.to, 'mssql');
    return `DECLARE @ss_df sysname;\nSELECT @ss_df = dc.name FROM sys.default_constraints dc WHERE dc.parent_object_id = OBJECT_ID(${str(ref, 'mssql')}) AND dc.parent_column_id = COLUMNPROPERTY(OBJECT_ID(${str(ref, 'mssql')}), ${str(column, 'mssql')}, 'ColumnId');\nIF @ss_df IS NOT NULL EXEC(N'ALTER TABLE ' + ${str(ref, 'mssql')} + N' DROP CONSTRAINT ' + QUOTENAME(@ss_df))`;
  }
}
