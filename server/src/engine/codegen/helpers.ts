/**
 * The Handlebars helpers every target may use: case conversion, plural and
 * singular, type mapping per target, SQL quoting and literals, string
 * literals per language, doc comments from notes, and a few logic helpers.
 * A helper never throws on odd input; it renders the most neutral text.
 */
import type { HelperDelegate } from 'handlebars';
import type { ColumnView, TableView, ViewModel } from './view-model.js';
import { camelCase, kebabCase, pascalCase, plural, singular, snakeCase, upperSnakeCase } from './names.js';
import { quoteIdent } from './quote.js';
import { prismaModelAttributes, prismaRelationField, prismaScalarField } from './prisma.js';
import { dbmlColumns, dbmlIndexSettings, dbmlName, dbmlQualified, dbmlSettings, dbmlString, dbmlType } from './dbml.js';
import { sqlAddForeignKey, sqlCreateIndex, sqlDefault, sqlForeignKeys, sqlIndexUsable, sqlTableItems, sqlTableName } from './sql.js';
import { djangoField, drizzleCore, drizzleType, graphqlType, jsonSchemaType, prismaProvider, prismaType, pyString, pyType, sqlalchemyType, sqlString, sqlType, tsType, typeormType, zodType } from './type-map.js';
import type { IndexView, NavView, RelationView } from './view-model.js';
import { isWarehouse, warehouseAddForeignKey, warehouseCreateTable, warehouseForeignKeys, warehouseLeftOut, warehouseSchemas, warehouseTableComments, type Warehouse, type WarehouseOptions } from './warehouse.js';

/** What Handlebars passes a helper last. */
interface Options {
  data?: { root?: ViewModel & { targetDialect?: string } };
  fn?: (ctx: unknown) => string;
  inverse?: (ctx: unknown) => string;
  hash?: Record<string, unknown>;
}

function isOptions(v: unknown): v is Options {
  return typeof v === 'object' && v !== null && ('data' in v || 'hash' in v || 'fn' in v) && 'loc' in v;
}

/** Splits Handlebars' trailing options argument from the positional ones. */
function split(args: unknown[]): [unknown[], Options] {
  const last = args[args.length - 1];
  return isOptions(last) ? [args.slice(0, -1), last] : [args, {}];
}

function str(v: unknown): string {
  return v === undefined || v === null ? '' : String(v);
}

function rootOf(o: Options): (ViewModel & { targetDialect?: string }) | undefined {
  return o.data?.root;
}

function targetDialect(o: Options, given?: unknown): string {
  if (typeof given === 'string' && given) return given;
  const r = rootOf(o);
  return r?.targetDialect ?? r?.dialect ?? 'postgres';
}

/** The warehouse of a run (the target's dialect), or undefined for the other dialects. */
function warehouseOf(o: Options, given?: unknown): Warehouse | undefined {
  const d = targetDialect(o, given);
  return isWarehouse(d) ? d : undefined;
}

/** The warehouse options of a run, from the target's options (`dataset`, `preserveCase`). */
function warehouseOptions(o: Options): WarehouseOptions {
  const opts = rootOf(o)?.options ?? {};
  return { dataset: typeof opts.dataset === 'string' && opts.dataset ? opts.dataset : undefined, preserveCase: opts.preserveCase === true };
}

function isCol(v: unknown): v is ColumnView {
  return typeof v === 'object' && v !== null && 'type' in v && 'family' in v;
}

const EMPTY_COL: ColumnView = {
  name: '', prop: '', renamed: false, key: '', type: { raw: '', name: '', family: 'other', args: [] }, family: 'other', nullable: true,
  hasDefault: false, primaryKey: false, unique: false, autoIncrement: false, checks: [], docLines: [], isForeignKey: false,
};

function col(v: unknown): ColumnView {
  return isCol(v) ? v : EMPTY_COL;
}

/** A doc comment block from lines, in a style: `jsdoc`, `hash`, `slash3`, `sql`, `pydoc`, `graphql`. */
export function docComment(lines: readonly string[], style: string, indent: string): string {
  if (!lines.length || lines.every((l) => !l.trim())) return '';
  switch (style) {
    case 'jsdoc':
      return lines.length === 1 ? `${indent}/** ${lines[0]} */\n` : `${indent}/**\n${lines.map((l) => `${indent} *${l ? ' ' + l : ''}`).join('\n')}\n${indent} */\n`;
    case 'hash': return lines.map((l) => `${indent}#${l ? ' ' + l : ''}`).join('\n') + '\n';
    case 'slash3': return lines.map((l) => `${indent}///${l ? ' ' + l : ''}`).join('\n') + '\n';
    case 'slash2': return lines.map((l) => `${indent}//${l ? ' ' + l : ''}`).join('\n') + '\n';
    case 'sql': return lines.map((l) => `${indent}--${l ? ' ' + l : ''}`).join('\n') + '\n';
    case 'pydoc': {
      const body = lines.map((l) => l.replace(/\\/g, '\\\\').replace(/"""/g, '\\"\\"\\"')).join(`\n${indent}`);
      return `${indent}"""${body}${body.endsWith('"') ? ' ' : ''}"""\n`;
    }
    case 'graphql': {
      const body = lines.map((l) => l.replace(/"""/g, '\\"""')).join(`\n${indent}`);
      return `${indent}"""\n${indent}${body}\n${indent}"""\n`;
    }
    default: return '';
  }
}

/** A YAML double-quoted scalar. */
export function yamlString(s: string): string {
  return JSON.stringify(s);
}

/** Registers every helper on a Handlebars environment. */
export function helpers(): Record<string, HelperDelegate> {
  const h: Record<string, (...args: unknown[]) => unknown> = {
    snake: (s) => snakeCase(str(s)),
    camel: (s) => camelCase(str(s)),
    pascal: (s) => pascalCase(str(s)),
    kebab: (s) => kebabCase(str(s)),
    upperSnake: (s) => upperSnakeCase(str(s)),
    plural: (s) => plural(str(s)),
    singular: (s) => singular(str(s)),
    upper: (s) => str(s).toUpperCase(),
    lower: (s) => str(s).toLowerCase(),

    tsType: (c) => tsType(col(c)),
    zodType: (c) => zodType(col(c)),
    pyType: (c) => pyType(col(c)),
    sqlalchemyType: (c) => sqlalchemyType(col(c)),
    jsonSchemaType: (c) => JSON.stringify(jsonSchemaType(col(c))),
    graphqlType: (c) => graphqlType(col(c)),
    typeormType: (c) => typeormType(col(c)),
    djangoField: (c, ...rest) => {
      const [, o] = split(rest);
      const cv = col(c);
      const [cls, args] = djangoField(cv);
      const all = [...args];
      if (cv.primaryKey && cls !== 'AutoField' && cls !== 'BigAutoField') all.push('primary_key=True');
      else if (cv.primaryKey) all.push('primary_key=True');
      if (cv.unique) all.push('unique=True');
      if (cv.nullable) all.push('null=True', 'blank=True');
      if (cv.renamed || o.hash?.dbColumn) all.push(`db_column=${pyString(cv.name)}`);
      if (cv.docLines.length) all.push(`help_text=${pyString(cv.docLines.join(' '))}`);
      return `models.${cls}(${all.join(', ')})`;
    },
    prismaType: (c, ...rest) => prismaType(col(c), targetDialect(split(rest)[1])),
    prismaProvider: (...rest) => prismaProvider(targetDialect(split(rest)[1])),
    drizzleType: (c, ...rest) => drizzleType(col(c), targetDialect(split(rest)[1]), col(c).name),
    sqlType: (c, ...rest) => {
      const [args, o] = split(rest);
      const d = targetDialect(o, args[0]);
      return sqlType(col(c), d, rootOf(o)?.dialect ?? 'generic', (n) => quoteIdent(n, d));
    },
    sqlDefault: (c, ...rest) => {
      const [args, o] = split(rest);
      return sqlDefault(col(c), targetDialect(o, args[0]), rootOf(o)?.dialect ?? 'generic');
    },
    quote: (name, ...rest) => {
      const [args, o] = split(rest);
      return quoteIdent(str(name), targetDialect(o, args[0]));
    },
    sqlTable: (t, ...rest) => {
      const [args, o] = split(rest);
      return typeof t === 'object' && t !== null ? sqlTableName(t as TableView, targetDialect(o, args[0])) : '';
    },
    sqlColumns: (cols, ...rest) => {
      const [args, o] = split(rest);
      const d = targetDialect(o, args[0]);
      return Array.isArray(cols) ? cols.map((c) => quoteIdent(isCol(c) ? c.name : str(c), d)).join(', ') : '';
    },
    sqlAction: (a) => str(a).toUpperCase(),
    sqlItems: (t, ...rest) => {
      const [args, o] = split(rest);
      return typeof t === 'object' && t !== null ? sqlTableItems(t as TableView, targetDialect(o, args[0]), rootOf(o)?.dialect ?? 'generic') : [];
    },
    sqlForeignKeys: (t, ...rest) => {
      const [args, o] = split(rest);
      return typeof t === 'object' && t !== null ? sqlForeignKeys(t as TableView, targetDialect(o, args[0])) : [];
    },
    sqlAddForeignKey: (r, ...rest) => {
      const [args, o] = split(rest);
      return typeof r === 'object' && r !== null ? sqlAddForeignKey(r as RelationView, targetDialect(o, args[0])) : '';
    },
    sqlIndexUsable: (ix, ...rest) => {
      const [args, o] = split(rest);
      return typeof ix === 'object' && ix !== null && sqlIndexUsable(ix as IndexView, targetDialect(o, args[0]), rootOf(o)?.dialect ?? 'generic');
    },
    sqlCreateIndex: (t, ix, ...rest) => {
      const [args, o] = split(rest);
      return typeof t === 'object' && t !== null && typeof ix === 'object' && ix !== null ? sqlCreateIndex(t as TableView, ix as IndexView, targetDialect(o, args[0]), rootOf(o)?.dialect ?? 'generic') : '';
    },
    /** warehouse DDL (the target's dialect: snowflake, bigquery, redshift, databricks): `CREATE SCHEMA` statements */
    whSchemas: (...rest) => {
      const o = split(rest)[1];
      const wh = warehouseOf(o);
      const root = rootOf(o);
      return wh && root ? warehouseSchemas(root, wh, warehouseOptions(o)) : [];
    },
    whCreateTable: (t, ...rest) => {
      const o = split(rest)[1];
      const wh = warehouseOf(o);
      return wh && typeof t === 'object' && t !== null ? warehouseCreateTable(t as TableView, wh, warehouseOptions(o)) : '';
    },
    whTableComments: (t, ...rest) => {
      const o = split(rest)[1];
      const wh = warehouseOf(o);
      return wh && typeof t === 'object' && t !== null ? warehouseTableComments(t as TableView, wh, warehouseOptions(o)) : [];
    },
    whForeignKeys: (t, ...rest) => {
      const o = split(rest)[1];
      const wh = warehouseOf(o);
      return wh && typeof t === 'object' && t !== null ? warehouseForeignKeys(t as TableView, wh, warehouseOptions(o)) : [];
    },
    whAddForeignKey: (r, ...rest) => {
      const o = split(rest)[1];
      const wh = warehouseOf(o);
      return wh && typeof r === 'object' && r !== null ? warehouseAddForeignKey(r as RelationView, wh, warehouseOptions(o)) : '';
    },
    /** SQL comment lines saying what of the table the warehouse DDL leaves out */
    whLeftOut: (t, ...rest) => {
      const o = split(rest)[1];
      const wh = warehouseOf(o);
      return wh && typeof t === 'object' && t !== null ? warehouseLeftOut(t as TableView, wh, warehouseOptions(o)) : [];
    },
    sqlString: (s) => sqlString(str(s)),
    pyString: (s) => pyString(str(s)),
    jsString: (s) => JSON.stringify(str(s)),
    yamlString: (s) => yamlString(str(s)),
    json: (v, ...rest) => {
      const [args] = split(rest);
      return JSON.stringify(v ?? null, null, typeof args[0] === 'number' ? args[0] : undefined);
    },
    doc: (lines, style, ...rest) => {
      const [args] = split(rest);
      return docComment(Array.isArray(lines) ? lines.map(str) : [], str(style), str(args[0]));
    },
    eq: (a, b) => a === b,
    ne: (a, b) => a !== b,
    not: (a) => !a || (Array.isArray(a) && a.length === 0),
    and: (...args) => split(args)[0].every((x) => !!x && !(Array.isArray(x) && x.length === 0)),
    or: (...args) => split(args)[0].some((x) => !!x && !(Array.isArray(x) && x.length === 0)),
    gt: (a, b) => Number(a) > Number(b),
    len: (a) => (Array.isArray(a) ? a.length : typeof a === 'string' ? a.length : 0),
    concat: (...args) => split(args)[0].map(str).join(''),
    /** `join list sep [field]`: joins a list, of a field of each item when given */
    join: (list, sep, ...rest) => {
      const [args] = split(rest);
      if (!Array.isArray(list)) return '';
      const f = typeof args[0] === 'string' ? args[0] : undefined;
      return list.map((x) => (f && typeof x === 'object' && x !== null ? str((x as Record<string, unknown>)[f]) : str(x))).join(typeof sep === 'string' ? sep : ', ');
    },
    /** `mapJoin list "prefix" "suffix" sep field`: each item's field wrapped, joined */
    wrapJoin: (list, before, after, sep, ...rest) => {
      const [args] = split(rest);
      if (!Array.isArray(list)) return '';
      const f = typeof args[0] === 'string' ? args[0] : undefined;
      return list.map((x) => str(before) + (f && typeof x === 'object' && x !== null ? str((x as Record<string, unknown>)[f]) : str(x)) + str(after)).join(str(sep));
    },
    jsStrings: (list, ...rest) => {
      const [args] = split(rest);
      const f = typeof args[0] === 'string' ? args[0] : undefined;
      return Array.isArray(list) ? list.map((x) => JSON.stringify(f && typeof x === 'object' && x !== null ? str((x as Record<string, unknown>)[f]) : str(x))).join(', ') : '';
    },
    includes: (list, v) => Array.isArray(list) && list.includes(v),
    /** true when any table's column has a family in the list: `anyFamily tables "date" "timestamp"` */
    anyFamily: (tables, ...rest) => {
      const [fams] = split(rest);
      if (!Array.isArray(tables)) return false;
      return tables.some((t: TableView) => t.columns.some((c) => fams.includes(c.family)));
    },
    /** the first line of a note (for one-line descriptions) */
    firstLine: (lines) => (Array.isArray(lines) && lines.length ? str(lines[0]) : ''),
    /** JSON list of the columns a row must carry: not null and without a default */
    jsonRequired: (cols) => JSON.stringify(Array.isArray(cols) ? cols.filter((c: ColumnView) => !c.nullable && !c.hasDefault).map((c: ColumnView) => c.name) : []),
    dbmlName: (s) => dbmlName(str(s)),
    dbmlString: (s) => dbmlString(str(s)),
    dbmlQualified: (schema, name) => dbmlQualified(str(schema), str(name)),
    dbmlType: (c) => dbmlType(col(c)),
    /** `dbmlSettings column compositePk`: the column's settings list (a composite key is written in the indexes block) */
    dbmlSettings: (c, composite) => dbmlSettings(col(c), composite === true),
    dbmlIndexSettings: (ix) => (typeof ix === 'object' && ix !== null ? dbmlIndexSettings(ix as IndexView) : ''),
    dbmlNames: (cols) => (Array.isArray(cols) ? cols.map((c) => dbmlName(isCol(c) ? c.name : str(c))) : []),
    dbmlColumns: (cols) => (Array.isArray(cols) ? dbmlColumns(cols.filter(isCol)) : ''),
    mermaidName: (s) => str(s).replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^([^A-Za-z_])/, '_$1') || '_',
    mermaidType: (c) => {
      const cv = col(c);
      const t = (cv.type.name || cv.family).replace(/[^A-Za-z0-9_]+/g, '_').replace(/^([^A-Za-z])/, 't$1');
      return cv.type.isArray ? `${t}[]` : t;
    },
    mermaidKeys: (c) => {
      const cv = col(c);
      return [cv.primaryKey ? 'PK' : '', cv.isForeignKey ? 'FK' : '', cv.unique ? 'UK' : ''].filter(Boolean).join(', ');
    },
    mermaidString: (s) => `"${str(s).replace(/"/g, "'")}"`,
    /** the relationship's crow's-foot markers, referenced side first */
    mermaidCardinality: (r) => {
      const rel = r as RelationView;
      return `${rel.optional ? '|o' : '||'}--${rel.cardinality === '1-1' ? 'o|' : 'o{'}`;
    },
    mdCell: (s) => str(s).replace(/\|/g, '\\|').replace(/\r?\n/g, ' '),
    mdCode: (s) => str(s).replace(/`/g, "'").replace(/\|/g, '\\|').replace(/\r?\n/g, ' '),
    mdAnchor: (s) => str(s).toLowerCase().replace(/[^a-z0-9_\s-]/g, '').replace(/\s/g, '-'),
    /** a TypeScript enum member name for a value (quoted when no identifier; never numeric) */
    tsEnumMember: (s) => {
      const v = str(s);
      if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(v)) return v;
      return JSON.stringify(/^[0-9.+-]|^$|^\s/.test(v) ? `_${v}` : v);
    },
    drizzleCore: (...rest) => `${drizzleCore(targetDialect(split(rest)[1]))}-core`,
    drizzleTableFn: (...rest) => `${drizzleCore(targetDialect(split(rest)[1]))}Table`,
    drizzleEnumVar: (s) => {
      const v = str(s);
      return `${v.slice(0, 1).toLowerCase()}${v.slice(1)}Enum`;
    },
    /** `.references(() => other.col, {...})` when the column alone is a foreign key the target can declare */
    drizzleReference: (c, t, ...rest) => {
      const o = split(rest)[1];
      const table = t as TableView;
      const r = table?.outgoing?.find((x) => x.fromColumns.length === 1 && x.fromColumns[0] === c && x.toUnique);
      if (!r) return '';
      const core = drizzleCore(targetDialect(o));
      const any = core === 'pg' ? 'AnyPgColumn' : core === 'mysql' ? 'AnyMySqlColumn' : 'AnySQLiteColumn';
      const actions = [r.onDelete ? `onDelete: '${r.onDelete}'` : '', r.onUpdate ? `onUpdate: '${r.onUpdate}'` : ''].filter(Boolean).join(', ');
      return `.references((): t.${any} => ${r.to.varName}.${r.toColumns[0].prop}${actions ? `, { ${actions} }` : ''})`;
    },
    drizzleHasExtras: (t) => {
      const table = t as TableView;
      return table.compositePk || table.uniques.length > 0 || table.indexes.some((ix) => ix.columns.length > 0 && !ix.expressions.length) || table.outgoing.some((r) => r.fromColumns.length > 1 && r.toUnique);
    },
    drizzleHasRelations: (t) => (t as TableView).navs.some((n) => n.kind !== 'manyToMany' && n.relation.toUnique),
    /** the TypeScript type of a route key (a number for integer keys, else a string) */
    expressKeyType: (c) => (col(c).family === 'integer' && (col(c).type.bits ?? 32) <= 53 ? 'number' : 'string'),
    expressKeyParser: (c) => (col(c).family === 'integer' && (col(c).type.bits ?? 32) <= 53 ? 'z.coerce.number().int()' : col(c).family === 'uuid' ? 'z.string().uuid()' : 'z.string()'),
    /** Python string literals of a list (of a field of each item when given) */
    pyStrings: (list, ...rest) => {
      const [args] = split(rest);
      const f = typeof args[0] === 'string' ? args[0] : undefined;
      return Array.isArray(list) ? list.map((x) => pyString(f && typeof x === 'object' && x !== null ? str((x as Record<string, unknown>)[f]) : str(x))) : [];
    },
    saCompositeFks: (t) => ((t as TableView)?.outgoing ?? []).filter((r) => r.fromColumns.length > 1),
    saTargets: (r) => {
      const rel = r as RelationView;
      const prefix = rel.to.inDefaultSchema ? '' : `${rel.to.schema}.`;
      return rel.toColumns.map((c) => pyString(`${prefix}${rel.to.name}.${c.name}`));
    },
    /** `sa.ForeignKey("table.column", ...)` when the column alone is a foreign key */
    saForeignKey: (c, t) => {
      const r = ((t as TableView)?.outgoing ?? []).find((x) => x.fromColumns.length === 1 && x.fromColumns[0] === c);
      if (!r) return '';
      const prefix = r.to.inDefaultSchema ? '' : `${r.to.schema}.`;
      const extra = (r.onDelete ? `, ondelete=${pyString(r.onDelete.toUpperCase())}` : '') + (r.onUpdate ? `, onupdate=${pyString(r.onUpdate.toUpperCase())}` : '');
      return `sa.ForeignKey(${pyString(`${prefix}${r.to.name}.${r.toColumns[0].name}`)}${extra})`;
    },
    /** a table's name as SQLAlchemy's metadata knows it (`schema.name` outside the default schema) */
    saTableRef: (t) => ((t as TableView).inDefaultSchema ? (t as TableView).name : `${(t as TableView).schema}.${(t as TableView).name}`),
    saMapped: (t) => ((t as TableView)?.primaryKey?.length ?? 0) > 0,
    saQualifiedProps: (t, cols) => (Array.isArray(cols) ? cols.map((c: ColumnView) => `${(t as TableView).className}.${c.prop}`) : []),
    /** ` = Field(...)` / ` = None` for a Pydantic field: default, alias, max_length, description */
    pydanticField: (c) => {
      const cv = col(c);
      const args: string[] = [];
      if (cv.nullable) args.push('default=None');
      if (cv.renamed) args.push(`alias=${pyString(cv.name)}`);
      if (cv.family === 'string' && cv.type.length !== undefined && cv.type.length > 0 && !cv.type.isArray) args.push(`max_length=${cv.type.length}`);
      if (cv.note) args.push(`description=${pyString(cv.docLines.join(' '))}`);
      if (!args.length) return '';
      if (args.length === 1 && args[0] === 'default=None') return ' = None';
      return ` = Field(${args.join(', ')})`;
    },
    /** a Django ForeignKey / OneToOneField line replacing a single-column foreign key, or '' */
    djangoRelation: (c, t) => {
      const table = t as TableView;
      const r = (table?.outgoing ?? []).find((x) => x.fromColumns.length === 1 && x.fromColumns[0] === c && x.toUnique && x.fromNav);
      if (!r || !r.fromNav || !r.toNav) return '';
      const cv = col(c);
      const onDelete = r.onDelete === 'cascade' ? 'CASCADE' : r.onDelete === 'set null' && cv.nullable ? 'SET_NULL' : r.onDelete === 'restrict' ? 'RESTRICT' : r.onDelete === 'set default' ? 'SET_DEFAULT' : 'DO_NOTHING';
      const target = r.to === table ? "'self'" : pyString(r.to.className);
      const args = [target, `on_delete=models.${onDelete}`, `db_column=${pyString(cv.name)}`, `related_name=${pyString(r.toNav.name)}`];
      if (!r.toColumns[0].primaryKey) args.push(`to_field=${pyString(r.toColumns[0].prop)}`);
      if (cv.primaryKey) args.push('primary_key=True');
      if (cv.nullable) args.push('null=True', 'blank=True');
      const kind = r.cardinality === '1-1' || cv.primaryKey ? 'OneToOneField' : 'ForeignKey';
      return `${r.fromNav.name} = models.${kind}(${args.join(', ')})`;
    },
    prismaField: (c, t, ...rest) => prismaScalarField(col(c), t as TableView, targetDialect(split(rest)[1])),
    prismaRelation: (n, ...rest) => prismaRelationField(n as NavView, targetDialect(split(rest)[1])),
    prismaModelAttributes: (t, ...rest) => prismaModelAttributes(t as TableView, targetDialect(split(rest)[1])),
    prismaEnums: (...rest) => {
      const p = prismaProvider(targetDialect(split(rest)[1]));
      return p === 'postgresql' || p === 'mysql';
    },
    /** a Jinja expression for dbt: `{{ fn('a', 'b') }}` (Handlebars cannot write `{{` itself) */
    jinja: (fn, ...rest) => {
      const [args] = split(rest);
      return `{{ ${str(fn)}(${args.map((a) => `'${str(a).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`).join(', ')}) }}`;
    },
    /** a Terraform / HCL string */
    hclString: (s) => JSON.stringify(str(s)).replace(/\$\{/g, '$${').replace(/%\{/g, '%%{'),
    dbtSchemas: (tables) => (Array.isArray(tables) ? [...new Set(tables.map((t: TableView) => t.schema))] : []),
    dbtSourceName: (source, schema, defaultSchema) => (schema === defaultSchema ? str(source) || 'app' : `${str(source) || 'app'}_${snakeCase(str(schema))}`),
    dbtTablesIn: (tables, schema) => (Array.isArray(tables) ? tables.filter((t: TableView) => t.schema === schema) : []),
    dbtValues: (values) => (Array.isArray(values) ? values.map((v: { name: string }) => JSON.stringify(v.name)) : []),
    /** the `relationships` tests of a column (one per single-column foreign key): the referenced staging model and column */
    dbtRelationships: (c, t) => ((t as TableView)?.outgoing ?? []).filter((x) => x.fromColumns.length === 1 && x.fromColumns[0] === c).map((r) => ({ to: r.to, field: r.toColumns[0].prop })),
    dbtHasTests: (c, t) => {
      const cv = col(c);
      const table = t as TableView;
      return !cv.nullable || cv.unique || (cv.primaryKey && !table.compositePk) || (cv.enum?.values.length ?? 0) > 0 || table.outgoing.some((x) => x.fromColumns.length === 1 && x.fromColumns[0] === c);
    },
    /** the RDS engine of the target dialect, or '' (SQLite) */
    tfEngine: (...rest) => {
      const d = targetDialect(split(rest)[1]);
      return d === 'postgres' ? 'postgres' : d === 'mysql' ? 'mysql' : d === 'mssql' ? 'sqlserver-ex' : '';
    },
    tfEngineName: (...rest) => {
      const d = targetDialect(split(rest)[1]);
      return d === 'postgres' ? 'PostgreSQL' : d === 'mysql' ? 'MySQL' : d === 'mssql' ? 'SQL Server' : 'SQLite';
    },
    tfName: (...rest) => snakeCase(rootOf(split(rest)[1])?.projectName ?? 'schema').replace(/^([0-9])/, 'db_$1'),
    /** RDS's initial database name (letters and digits, starting with a letter); none for SQL Server, which takes none */
    tfDbName: (...rest) => {
      const o = split(rest)[1];
      if (targetDialect(o) === 'mssql') return '';
      const n = (rootOf(o)?.projectName ?? 'app').replace(/[^A-Za-z0-9]/g, '');
      return /^[A-Za-z]/.test(n) ? n.slice(0, 60) : `db${n}`.slice(0, 60);
    },
    inc: (n) => Number(n) + 1,
    /** `default` value: the first argument that is set */
    coalesce: (...args) => split(args)[0].find((x) => x !== undefined && x !== null && x !== '') ?? '',
  };
  return h as Record<string, HelperDelegate>;
}
