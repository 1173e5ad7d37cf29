/**
 * The dialect-neutral schema model. Every front end (DBML, SQL dialects,
 * Prisma, introspection) produces it; every feature (binding, IDE, inference,
 * lint, diff, codegen, diagram) reads it. Plain data: no methods, no
 * references to syntax trees, so it can be serialised, diffed and cached.
 *
 * Every named thing carries a `source` (file uri + spans) when it came from
 * text; introspected objects have none.
 */
import type { Span } from '../text/span.js';

/** Where a named thing was written: the file, its name's span and its whole span. */
export interface SourceRef {
  uri: string;
  /** span of the name (the part rename edits) */
  nameSpan: Span;
  /** span of the whole declaration */
  span: Span;
}

export type DatabaseType = 'postgres' | 'mysql' | 'sqlite' | 'mssql' | 'oracle' | 'generic';

/**
 * Normalised type families, shared by all dialects so features can compare
 * `int4`, `integer`, `INT` and `Int` as one thing.
 */
export type TypeFamily =
  | 'integer'
  | 'decimal'
  | 'float'
  | 'boolean'
  | 'string'
  | 'text'
  | 'binary'
  | 'date'
  | 'time'
  | 'timestamp'
  | 'interval'
  | 'uuid'
  | 'json'
  | 'enum'
  | 'array'
  | 'geometry'
  | 'network'
  | 'other';

export interface ColumnType {
  /** the type as written, e.g. `varchar(255)` or `decimal(10, 2)` */
  raw: string;
  /** the bare name, e.g. `varchar`, lowercased unless quoted */
  name: string;
  family: TypeFamily;
  /** type arguments as written (`255`, `10`, `2`, `"MAX"`) */
  args: string[];
  length?: number;
  precision?: number;
  scale?: number;
  /** integer width in bits when known (16/32/64) */
  bits?: number;
  isArray?: boolean;
  /** resolved enum, when the type names one: its schema-qualified key */
  enumKey?: string;
}

export type DefaultKind = 'number' | 'string' | 'boolean' | 'null' | 'expression' | 'enum';

export interface ColumnDefault {
  kind: DefaultKind;
  /** value text without quotes/backticks, e.g. `now()` or `active` */
  value: string;
}

export interface Column {
  name: string;
  type: ColumnType;
  nullable: boolean;
  /** true when nullability was stated (`null` / `not null`) rather than assumed */
  nullabilityExplicit: boolean;
  default?: ColumnDefault;
  primaryKey: boolean;
  unique: boolean;
  autoIncrement: boolean;
  /** generated column expression, if any */
  generated?: string;
  checks: string[];
  note?: string;
  /** other settings kept as written (name -> value text) */
  settings: Record<string, string>;
  source?: SourceRef;
}

export interface IndexPart {
  /** column name when the part is a column */
  column?: string;
  /** expression text when the part is an expression */
  expression?: string;
  span?: Span;
}

export interface Index {
  name?: string;
  parts: IndexPart[];
  unique: boolean;
  primaryKey: boolean;
  /** access method: btree, hash, gin, ... */
  type?: string;
  where?: string;
  note?: string;
  source?: SourceRef;
}

export interface Check {
  name?: string;
  expression: string;
  source?: SourceRef;
}

export interface Table {
  /** stable key: `schema.name` (schema `public`/default omitted is NOT done here: always qualified) */
  key: string;
  schema: string;
  name: string;
  alias?: string;
  note?: string;
  headerColor?: string;
  columns: Column[];
  indexes: Index[];
  checks: Check[];
  /** settings as written (e.g. partial names injected, table options) */
  settings: Record<string, string>;
  /** true for views */
  isView?: boolean;
  source?: SourceRef;
}

/** Cardinality from the `from` (referencing, FK-holding) side to the `to` side. */
export type Cardinality = '1-1' | '1-n' | 'n-1' | 'n-n';

export type RefAction = 'cascade' | 'restrict' | 'set null' | 'set default' | 'no action';

export interface RelationshipEnd {
  schema: string;
  table: string;
  columns: string[];
  /** table key (`schema.name`) */
  tableKey: string;
}

export interface Relationship {
  name?: string;
  /** the referencing side (holds the foreign key; the `many` side of 1-n) */
  from: RelationshipEnd;
  /** the referenced side (the key) */
  to: RelationshipEnd;
  /** read as `from : to`, e.g. n-1 means many `from` rows per `to` row */
  cardinality: Cardinality;
  onDelete?: RefAction;
  onUpdate?: RefAction;
  color?: string;
  source: 'declared' | 'inferred';
  /** where the relationship was declared (inline ref or Ref block) */
  origin?: SourceRef;
}

export interface EnumValue {
  name: string;
  /** the name the source writes when the database's differs (Prisma `@map`) */
  alias?: string;
  note?: string;
  source?: SourceRef;
}

export interface Enum {
  key: string;
  schema: string;
  name: string;
  /** the name the source writes when the database's differs (Prisma `@@map`) */
  alias?: string;
  values: EnumValue[];
  note?: string;
  source?: SourceRef;
}

export interface TableGroup {
  name: string;
  /** table keys */
  tables: string[];
  note?: string;
  color?: string;
  source?: SourceRef;
}

export interface StickyNote {
  name: string;
  content: string;
  source?: SourceRef;
}

export interface ProjectSettings {
  name?: string;
  databaseType?: DatabaseType;
  /** database_type as written */
  databaseTypeRaw?: string;
  note?: string;
  settings: Record<string, string>;
  source?: SourceRef;
}

export interface Schema {
  /** namespaces in use, the default one included */
  schemas: string[];
  /** the default schema's name (`public` for DBML and PostgreSQL) */
  defaultSchema: string;
  tables: Table[];
  relationships: Relationship[];
  enums: Enum[];
  tableGroups: TableGroup[];
  notes: StickyNote[];
  project?: ProjectSettings;
}

export function emptySchema(defaultSchema = 'public'): Schema {
  return { schemas: [defaultSchema], defaultSchema, tables: [], relationships: [], enums: [], tableGroups: [], notes: [] };
}

/** `schema.name` key used for tables and enums. */
export function qualifiedKey(schema: string, name: string): string {
  return `${schema}.${name}`;
}
