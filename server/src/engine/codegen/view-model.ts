/**
 * The view model templates render: a plain object built once per run from a
 * `Schema` and a target, so templates stay simple. It holds every name already
 * cased and escaped for the target's language (unique per scope), the primary
 * and unique keys, and relationship navigation per table: belongs-to (this
 * table holds the foreign key), has-many / has-one (another table points
 * here), many-to-many through junction tables. Notes become `docLines`.
 *
 * Pure and total: a schema with missing pieces gives a smaller view model.
 */
import type { Column, ColumnDefault, ColumnType, Enum, Relationship, Schema, Table, TypeFamily } from '../model/schema.js';
import type { TargetManifest } from './types.js';
import { normaliseType } from '../model/types.js';
import { applyCase, camelCase, escapeIdentifier, NameScope, pascalCase, plural, singular, snakeCase, kebabCase } from './names.js';

export interface EnumValueView {
  /** the value as stored */
  name: string;
  /** an identifier for it in the target language (UPPER_SNAKE for Python, as-is when valid elsewhere) */
  ident: string;
  note?: string;
}

export interface EnumView {
  key: string;
  schema: string;
  name: string;
  /** the type's name in the target language (Pascal case, escaped, unique among classes) */
  className: string;
  /** the name in SQL output (unique; schema-prefixed when flattened names collide) */
  sqlName: string;
  values: EnumValueView[];
  note?: string;
  docLines: string[];
}

export interface ColumnView {
  /** the column's name in the database */
  name: string;
  /** the field's name in the target language (cased, escaped, unique in the table) */
  prop: string;
  /** true when `prop` differs from `name` (the target must map it: `@map`, `db_column`, `alias`, ...) */
  renamed: boolean;
  /** a TypeScript/JavaScript property key for the database name (quoted when no identifier) */
  key: string;
  type: ColumnType;
  family: TypeFamily;
  nullable: boolean;
  /** the database fills it when omitted (default, identity, generated) */
  hasDefault: boolean;
  primaryKey: boolean;
  /** unique on its own (a unique column, or a one-column unique index) */
  unique: boolean;
  autoIncrement: boolean;
  default?: ColumnDefault;
  generated?: string;
  checks: string[];
  note?: string;
  docLines: string[];
  enum?: EnumView;
  /** set when the column is (the first part of) a foreign key */
  references?: { table: TableView; column: string };
  /** part of a foreign key */
  isForeignKey: boolean;
}

export interface IndexView {
  name: string;
  columns: ColumnView[];
  /** expression parts as written (only meaningful in the source dialect) */
  expressions: string[];
  unique: boolean;
  type?: string;
  where?: string;
}

export interface RelationView {
  /** a constraint name (declared, or `fk_<table>_<columns>`), unique in the schema */
  name: string;
  from: TableView;
  to: TableView;
  fromColumns: ColumnView[];
  toColumns: ColumnView[];
  cardinality: '1-1' | 'n-1' | 'n-n';
  onDelete?: string;
  onUpdate?: string;
  /** the referenced columns are the target's primary key or a unique key (SQL, Prisma, ORMs need that) */
  toUnique: boolean;
  /** the foreign-key columns are all nullable */
  optional: boolean;
  /** a name for the relation, unique in the schema (Prisma `@relation("...")`, GraphQL) */
  relationName: string;
  /** the navigation on the referencing side, and its inverse on the referenced side */
  fromNav?: NavView;
  toNav?: NavView;
}

export interface NavView {
  kind: 'belongsTo' | 'hasMany' | 'hasOne' | 'manyToMany';
  /** the navigation property's name (unique in its table) */
  name: string;
  /** the other table */
  target: TableView;
  relation: RelationView;
  /** belongsTo: the local foreign-key columns; hasMany/hasOne: the other table's */
  columns: ColumnView[];
  /** the columns they reference */
  targetColumns: ColumnView[];
  nullable: boolean;
  /** the navigation on the other side */
  inverse?: NavView;
  /** manyToMany: the junction table and the relationship from it to the other side */
  through?: TableView;
  throughRelation?: RelationView;
}

export interface TableView {
  key: string;
  schema: string;
  name: string;
  /** the name in SQL output for dialects without schemas (unique; schema-prefixed on collision) */
  sqlName: string;
  /** schema-qualified for a non-default schema where the output keeps schemas */
  inDefaultSchema: boolean;
  /** class / type name: Pascal case of the singular, escaped, unique among classes and enums */
  className: string;
  /** camelCase of the name (escaped, unique) for variables: `orderItems` */
  varName: string;
  /** singular camelCase: `orderItem` */
  singularVar: string;
  /** snake_case, kebab-case and plural forms of the name, for file names and routes */
  snakeName: string;
  /** snake_case escaped as an identifier of the target language (unique): for function and variable names */
  snakeVar: string;
  /** snake_case made a safe, unique file or model name (no keyword escaping): `order_items` */
  fileName: string;
  kebabName: string;
  pluralSnake: string;
  note?: string;
  docLines: string[];
  columns: ColumnView[];
  primaryKey: ColumnView[];
  /** the single primary-key column, when the key has exactly one */
  pkColumn?: ColumnView;
  compositePk: boolean;
  /** multi-column unique keys (single-column ones are on the column) */
  uniques: ColumnView[][];
  indexes: IndexView[];
  checks: string[];
  /** has a primary key or a unique key of non-null columns */
  hasIdentity: boolean;
  belongsTo: NavView[];
  hasMany: NavView[];
  hasOne: NavView[];
  manyToMany: NavView[];
  /** every navigation of this table, in the order above */
  navs: NavView[];
  /** a pure link table between two others (for many-to-many) */
  isJunction: boolean;
  /** relationships this table holds the foreign key of */
  outgoing: RelationView[];
}

export interface ViewModel {
  target: { id: string; name: string; language: string };
  /** the source dialect (`postgres`, `mysql`, `sqlite`, `mssql`, or `generic`) */
  dialect: string;
  defaultSchema: string;
  /** schemas other than the default that selected tables use */
  extraSchemas: string[];
  projectName?: string;
  note?: string;
  tables: TableView[];
  enums: EnumView[];
  relationships: RelationView[];
  options: Record<string, unknown>;
}

export interface BuildOptions {
  tables?: string[];
  options?: Record<string, unknown>;
  dialect?: string;
}

function docLines(note: string | undefined): string[] {
  if (!note) return [];
  return note.replace(/\r\n?/g, '\n').split('\n').map((l) => l.replace(/\s+$/, '').replace(/\*\//g, '* /'));
}

/** The TypeScript property key for a database name: bare when it is an identifier, else a quoted string. */
export function propertyKey(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);
}

function defaultNavCase(language: string): string {
  return language === 'python' || language === 'django' ? 'snake' : 'camel';
}

function dialectOf(schema: Schema, given: string | undefined): string {
  if (given) return given;
  const t = schema.project?.databaseType;
  return t && t !== 'oracle' ? t : 'generic';
}

/**
 * Builds the view model of `schema` for a target: selected tables (all, or
 * `options.tables` by key or name, views left out), their relationships among
 * themselves, and names for the target's language.
 */
export function buildViewModel(schema: Schema, manifest: TargetManifest, options: BuildOptions = {}): ViewModel {
  const language = manifest.language;
  const opts: Record<string, unknown> = {};
  for (const [k, o] of Object.entries(manifest.options ?? {})) opts[k] = o.default;
  Object.assign(opts, options.options ?? {});
  const fieldCase = typeof opts.fieldCase === 'string' ? opts.fieldCase : 'preserve';
  const navCase = typeof opts.navCase === 'string' ? opts.navCase : fieldCase === 'preserve' ? defaultNavCase(language) : fieldCase;
  const classCase = typeof opts.classCase === 'string' ? opts.classCase : 'pascal';
  const reserved = new Set(manifest.reserved ?? []);
  const reservedFields = new Set(manifest.reservedFields ?? []);
  const dialect = dialectOf(schema, options.dialect);

  const wanted = options.tables?.length ? new Set(options.tables) : undefined;
  const tables = schema.tables.filter((t) => !t.isView && (!wanted || wanted.has(t.key) || wanted.has(t.name)));

  const classScope = new NameScope(language === 'sql');
  const varScope = new NameScope();
  const snakeScope = new NameScope();
  const fileScope = new NameScope(true);
  const sqlScope = new NameScope(true);
  const enumSqlScope = new NameScope(true);
  const className = (name: string): string => {
    const base = classCase === 'pascal' ? pascalCase(singular(name)) : applyCase(name, classCase);
    return classScope.claim(escapeIdentifier(base, language, reserved));
  };

  // enums used by the selected tables (all enums when every table is selected)
  const usedEnums = new Set<string>();
  for (const t of tables) for (const c of t.columns) if (c.type.enumKey) usedEnums.add(c.type.enumKey);
  const enums: EnumView[] = [];
  const enumByKey = new Map<string, EnumView>();
  const enumNames = new Map<string, number>();
  for (const e of schema.enums) enumNames.set(e.name.toLowerCase(), (enumNames.get(e.name.toLowerCase()) ?? 0) + 1);
  for (const e of schema.enums) {
    if (wanted && !usedEnums.has(e.key)) continue;
    const view = enumView(e, language, schema.defaultSchema, (enumNames.get(e.name.toLowerCase()) ?? 0) > 1, classScope, enumSqlScope, reserved, classCase);
    enums.push(view);
    enumByKey.set(e.key, view);
  }

  const nameCounts = new Map<string, number>();
  for (const t of tables) nameCounts.set(t.name.toLowerCase(), (nameCounts.get(t.name.toLowerCase()) ?? 0) + 1);

  const views: TableView[] = [];
  // index names share one namespace with tables in PostgreSQL and must be unique per database in some dialects
  const ixScope = new NameScope(true, tables.map((t) => t.name));
  const byKey = new Map<string, TableView>();
  const fieldScopes = new Map<TableView, NameScope>();
  for (const t of tables) {
    const flat = (nameCounts.get(t.name.toLowerCase()) ?? 0) > 1 && t.schema !== schema.defaultSchema ? `${t.schema}_${t.name}` : t.name;
    const view = tableView(t, language, fieldCase, reservedFields, enumByKey, ixScope);
    view.sqlName = sqlScope.claim(flat);
    view.inDefaultSchema = t.schema === schema.defaultSchema;
    view.className = className(flat);
    view.varName = varScope.claim(escapeIdentifier(camelCase(flat), language, reserved));
    view.singularVar = escapeIdentifier(camelCase(singular(flat)), language, reserved);
    view.snakeName = snakeCase(flat);
    view.snakeVar = snakeScope.claim(escapeIdentifier(view.snakeName, language, reserved));
    view.fileName = fileScope.claim(escapeIdentifier(view.snakeName, 'generic'));
    view.kebabName = kebabCase(flat);
    view.pluralSnake = snakeCase(plural(flat));
    views.push(view);
    byKey.set(t.key, view);
    fieldScopes.set(view, new NameScope(language === 'sql', view.columns.map((c) => c.prop)));
  }

  const relationships = relationViews(schema.relationships, byKey);
  navigation(views, relationships, navCase, language, reservedFields, fieldScopes);

  const extraSchemas = [...new Set(views.filter((v) => !v.inDefaultSchema).map((v) => v.schema))];
  return {
    target: { id: manifest.id, name: manifest.name, language },
    dialect,
    defaultSchema: schema.defaultSchema,
    extraSchemas,
    projectName: schema.project?.name,
    note: schema.project?.note,
    tables: views,
    enums,
    relationships,
    options: opts,
  };
}

function enumView(e: Enum, language: string, defaultSchema: string, clash: boolean, classScope: NameScope, sqlScope: NameScope, reserved: ReadonlySet<string>, classCase: string): EnumView {
  const base = clash && e.schema !== defaultSchema ? `${e.schema}_${e.name}` : e.name;
  const valueScope = new NameScope();
  const values = e.values.map((v) => {
    const raw = language === 'python' || language === 'django' ? snakeCase(v.name).toUpperCase() : v.name;
    return { name: v.name, ident: valueScope.claim(escapeIdentifier(raw, language)), note: v.note };
  });
  const cls = classCase === 'pascal' ? pascalCase(base) : applyCase(base, classCase);
  return {
    key: e.key,
    schema: e.schema,
    name: e.name,
    className: classScope.claim(escapeIdentifier(cls, language, reserved)),
    sqlName: sqlScope.claim(base),
    values,
    note: e.note,
    docLines: docLines(e.note),
  };
}

function tableView(t: Table, language: string, fieldCase: string, reservedFields: ReadonlySet<string>, enums: Map<string, EnumView>, ixScope: NameScope): TableView {
  const scope = new NameScope(language === 'sql');
  const pkNames = new Set<string>();
  for (const c of t.columns) if (c.primaryKey) pkNames.add(c.name);
  for (const ix of t.indexes) if (ix.primaryKey) for (const p of ix.parts) if (p.column) pkNames.add(p.column);
  const singleUnique = new Set<string>();
  const uniqueSets: string[][] = [];
  for (const ix of t.indexes) {
    if (!ix.unique || ix.primaryKey || ix.where) continue;
    const cols = ix.parts.map((p) => p.column);
    if (cols.some((c) => c === undefined)) continue;
    if (cols.length === 1) singleUnique.add(cols[0]!);
    else uniqueSets.push(cols as string[]);
  }
  const columns: ColumnView[] = t.columns.map((c) => columnView(c, language, fieldCase, reservedFields, scope, pkNames.has(c.name), singleUnique.has(c.name), enums));
  const byName = new Map(columns.map((c) => [c.name, c] as const));
  const primaryKey = columns.filter((c) => c.primaryKey);
  const uniques = uniqueSets.map((s) => s.map((n) => byName.get(n)).filter((c): c is ColumnView => c !== undefined)).filter((s) => s.length > 1);
  const indexes: IndexView[] = [];
  for (const ix of t.indexes) {
    // unique indexes over plain columns became the columns' `unique` and `uniques`
    if (ix.primaryKey || (ix.unique && ix.parts.length > 0 && ix.parts.every((p) => p.column !== undefined) && !ix.where)) continue;
    const cols = ix.parts.map((p) => (p.column ? byName.get(p.column) : undefined)).filter((c): c is ColumnView => c !== undefined);
    const expressions = ix.parts.filter((p) => p.expression !== undefined).map((p) => p.expression!);
    if (!cols.length && !expressions.length) continue;
    const name = ix.name ?? `ix_${t.name}_${cols.map((c) => c.name).join('_') || 'expr'}`;
    indexes.push({ name: ixScope.claim(shortName(name)), columns: cols, expressions, unique: ix.unique, type: ix.type, where: ix.where });
  }
  const hasIdentity = primaryKey.length > 0 || columns.some((c) => c.unique && !c.nullable) || uniques.some((u) => u.every((c) => !c.nullable));
  return {
    key: t.key,
    schema: t.schema,
    name: t.name,
    sqlName: t.name,
    inDefaultSchema: true,
    className: '',
    varName: '',
    singularVar: '',
    snakeName: '',
    snakeVar: '',
    fileName: '',
    kebabName: '',
    pluralSnake: '',
    note: t.note,
    docLines: docLines(t.note),
    columns,
    primaryKey,
    pkColumn: primaryKey.length === 1 ? primaryKey[0] : undefined,
    compositePk: primaryKey.length > 1,
    uniques,
    indexes,
    checks: t.checks.map((c) => c.expression),
    hasIdentity,
    belongsTo: [],
    hasMany: [],
    hasOne: [],
    manyToMany: [],
    navs: [],
    isJunction: false,
    outgoing: [],
  };
}

/**
 * The column's type with its family resolved for generation: an array's
 * element family (the model says `array`), and the family and width of
 * multi-word names the model leaves as `other` (`smallint unsigned`).
 */
function resolvedType(t: ColumnType): ColumnType {
  if (t.enumKey || (t.family !== 'array' && t.family !== 'other')) return t;
  const first = t.name.replace(/\[\]$/, '').split(/[\s(]/)[0];
  const again = normaliseType(t.raw, first, t.args);
  if (again.family === 'other' && t.family === 'other') return t;
  const out: ColumnType = { ...t, family: again.family };
  if (again.bits !== undefined) out.bits = again.bits;
  if (again.length !== undefined && out.length === undefined) out.length = again.length;
  if (again.precision !== undefined && out.precision === undefined) out.precision = again.precision;
  if (again.scale !== undefined && out.scale === undefined) out.scale = again.scale;
  // an unsigned integer needs the next width
  if (out.bits !== undefined && /unsigned/i.test(t.raw) && out.bits < 64) out.bits = out.bits === 8 ? 16 : out.bits === 16 ? 32 : 64;
  return out;
}

function columnView(c: Column, language: string, fieldCase: string, reservedFields: ReadonlySet<string>, scope: NameScope, pk: boolean, unique: boolean, enums: Map<string, EnumView>): ColumnView {
  const type = resolvedType(c.type);
  const cased = applyCase(c.name, fieldCase);
  const prop = scope.claim(escapeIdentifier(cased, language, reservedFields));
  return {
    name: c.name,
    prop,
    renamed: prop !== c.name,
    key: propertyKey(c.name),
    type,
    family: type.enumKey && enums.has(type.enumKey) ? 'enum' : type.family === 'enum' || type.family === 'array' ? 'string' : type.family,
    nullable: c.nullable && !pk,
    hasDefault: c.default !== undefined || c.autoIncrement || c.generated !== undefined,
    primaryKey: pk,
    unique: (c.unique || unique) && !pk,
    autoIncrement: c.autoIncrement,
    default: c.default,
    generated: c.generated,
    checks: c.checks,
    note: c.note,
    docLines: docLines(c.note),
    enum: c.type.enumKey ? enums.get(c.type.enumKey) : undefined,
    isForeignKey: false,
  };
}

/** Names longer than identifiers may be in MySQL (64) and PostgreSQL (63) are cut, with a hash of the whole. */
function shortName(name: string, max = 60): string {
  if (name.length <= max) return name;
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (Math.imul(h, 31) + name.charCodeAt(i)) >>> 0;
  return `${name.slice(0, max - 9)}_${h.toString(36).padStart(7, '0').slice(0, 8)}`;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function relationViews(rels: Relationship[], byKey: Map<string, TableView>): RelationView[] {
  const out: RelationView[] = [];
  const names = new NameScope(true);
  const relNames = new NameScope(true);
  for (const r of rels) {
    const from = byKey.get(r.from.tableKey);
    const to = byKey.get(r.to.tableKey);
    if (!from || !to || r.cardinality === 'n-n') continue;
    const fromColumns = r.from.columns.map((n) => from.columns.find((c) => c.name === n));
    const toColumns = r.to.columns.map((n) => to.columns.find((c) => c.name === n));
    if (!fromColumns.length || fromColumns.length !== toColumns.length || fromColumns.some((c) => !c) || toColumns.some((c) => !c)) continue;
    const fc = fromColumns as ColumnView[];
    const tc = toColumns as ColumnView[];
    const toNames = tc.map((c) => c.name);
    const toUnique = (to.primaryKey.length > 0 && sameSet(to.primaryKey.map((c) => c.name), toNames)) || (tc.length === 1 && tc[0].unique) || to.uniques.some((u) => sameSet(u.map((c) => c.name), toNames));
    const fromUnique = (fc.length === 1 && (fc[0].unique || (fc[0].primaryKey && from.primaryKey.length === 1))) || from.uniques.some((u) => sameSet(u.map((c) => c.name), fc.map((c) => c.name)));
    const name = names.claim(shortName(r.name ?? `fk_${from.sqlName}_${fc.map((c) => c.name).join('_')}`));
    const view: RelationView = {
      name,
      from,
      to,
      fromColumns: fc,
      toColumns: tc,
      cardinality: r.cardinality === '1-1' && fromUnique ? '1-1' : 'n-1',
      onDelete: r.onDelete,
      onUpdate: r.onUpdate,
      toUnique,
      optional: fc.every((c) => c.nullable),
      relationName: relNames.claim(`${from.className}_${fc.map((c) => c.prop).join('_')}`),
    };
    for (const c of fc) c.isForeignKey = true;
    if (fc.length === 1 && !fc[0].references) fc[0].references = { table: to, column: tc[0].name };
    from.outgoing.push(view);
    out.push(view);
  }
  return out;
}

/** Strips a trailing `_id` / `Id` / `ID` from a foreign-key column name: `customer_id` -> `customer`. */
function stem(name: string): string | undefined {
  const m = /^(.+?)_?(?:id|Id|ID)$/.exec(name);
  return m && m[1].length > 0 && !m[1].endsWith('_') ? m[1] : undefined;
}

function navigation(tables: TableView[], rels: RelationView[], navCase: string, language: string, reservedFields: ReadonlySet<string>, scopes: Map<TableView, NameScope>): void {
  const pairCount = new Map<string, number>();
  for (const r of rels) pairCount.set(`${r.from.key}>${r.to.key}`, (pairCount.get(`${r.from.key}>${r.to.key}`) ?? 0) + 1);
  const navName = (t: TableView, base: string): string => scopes.get(t)!.claim(escapeIdentifier(applyCase(base, navCase), language, reservedFields));
  for (const r of rels) {
    const many = pairCount.get(`${r.from.key}>${r.to.key}`)! > 1 || r.from === r.to;
    // `customer_id` -> `customer`; `placed_by` (no id suffix) -> `placedByCustomer` when the pair has several keys
    const col0 = r.fromColumns.length === 1 ? r.fromColumns[0].name : undefined;
    const s = col0 ? stem(col0) : undefined;
    const belongsName = navName(r.from, s ?? (many && col0 ? `${col0} ${singular(r.to.name)}` : singular(r.to.name)));
    const inverseBase = r.cardinality === '1-1' ? singular(r.from.name) : plural(r.from.name);
    const inverseName = navName(r.to, many ? `${inverseBase} by ${r.fromColumns.map((c) => c.name).join(' ')}` : inverseBase);
    const fromNav: NavView = { kind: 'belongsTo', name: belongsName, target: r.to, relation: r, columns: r.fromColumns, targetColumns: r.toColumns, nullable: r.optional };
    const toNav: NavView = { kind: r.cardinality === '1-1' ? 'hasOne' : 'hasMany', name: inverseName, target: r.from, relation: r, columns: r.fromColumns, targetColumns: r.toColumns, nullable: true };
    fromNav.inverse = toNav;
    toNav.inverse = fromNav;
    r.fromNav = fromNav;
    r.toNav = toNav;
    r.from.belongsTo.push(fromNav);
    if (toNav.kind === 'hasOne') r.to.hasOne.push(toNav);
    else r.to.hasMany.push(toNav);
  }
  // junction tables: exactly two outgoing relationships to two other tables, every other column optional or generated
  for (const t of tables) {
    if (t.outgoing.length !== 2) continue;
    const [a, b] = t.outgoing;
    if (a.to === t || b.to === t || a.to === b.to) continue;
    const fkCols = new Set([...a.fromColumns, ...b.fromColumns]);
    if (!t.columns.every((c) => fkCols.has(c) || c.nullable || c.hasDefault)) continue;
    t.isJunction = true;
    for (const [x, y] of [[a, b], [b, a]] as const) {
      const nav: NavView = { kind: 'manyToMany', name: navName(x.to, plural(y.to.name)), target: y.to, relation: x, columns: x.fromColumns, targetColumns: x.toColumns, nullable: true, through: t, throughRelation: y };
      x.to.manyToMany.push(nav);
    }
  }
  for (const t of tables) t.navs = [...t.belongsTo, ...t.hasMany, ...t.hasOne, ...t.manyToMany];
}
