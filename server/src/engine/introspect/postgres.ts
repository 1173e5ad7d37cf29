/**
 * PostgreSQL introspection, pure: the pg_catalog queries (as constants, one
 * parameter `$1 text[]` = the schemas to read, NULL for every user schema)
 * and the mapping of their rows into the Schema model. Six queries, each
 * returning every object of its kind at once, so a database of thousands of
 * tables costs six round trips. Works on PostgreSQL 12+ and PGlite.
 *
 * A partition holds only what is declared on it: the keys and indexes
 * PostgreSQL clones onto it from its partitioned parent (`conparentid`,
 * attached partition indexes) are the parent's, as in the SQL front end.
 * A domain column is typed as the domain's base type.
 */
import type { Enum, Schema } from '../model/schema.js';
import { emptySchema, qualifiedKey } from '../model/schema.js';
import { normaliseType } from '../model/types.js';
import type { CatalogRow, IntrospectResult, IntrospectWarning } from './rows.js';
import { IntrospectCodes, bool, num, str, strArray } from './rows.js';
import { TableIndex, applyKey, classifyDefault, fkRelationship, finishRelationships, newColumn, refAction, splitTypeText } from './build.js';
import { setRowEstimate } from './estimate.js';

const SCHEMA_FILTER = `n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%' AND ($1::text[] IS NULL OR n.nspname = ANY($1::text[]))`;
const RELKINDS = `('r','p','v','m','f')`;

/** The catalog queries; each takes `$1` (text[] of schema names or NULL). */
export const PG_QUERIES = {
  info: `SELECT current_schema()::text AS current_schema,
    (SELECT array_agg(n.nspname::text ORDER BY n.nspname) FROM pg_namespace n WHERE ${SCHEMA_FILTER}) AS schemas`,
  tables: `SELECT n.nspname::text AS schema, c.relname::text AS name, c.relkind::text AS kind,
    obj_description(c.oid, 'pg_class') AS comment, c.reltuples::float8 AS estimate, c.relispartition AS is_partition
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ${RELKINDS} AND ${SCHEMA_FILTER}
  ORDER BY 1, 2`,
  columns: `SELECT n.nspname::text AS schema, c.relname::text AS table, a.attnum::int4 AS num, a.attname::text AS name,
    format_type(a.atttypid, a.atttypmod) AS type, t.typtype::text AS typtype, tn.nspname::text AS type_schema, t.typname::text AS type_name,
    et.typtype::text AS elem_typtype, etn.nspname::text AS elem_schema, et.typname::text AS elem_name,
    CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END AS domain_base,
    a.attnotnull AS notnull, pg_get_expr(d.adbin, d.adrelid) AS default, a.attidentity::text AS identity,
    a.attgenerated::text AS generated, col_description(c.oid, a.attnum) AS comment,
    CASE WHEN d.adbin IS NOT NULL THEN (SELECT quote_ident(sn.nspname) || '.' || quote_ident(s.relname)
      FROM pg_depend dep JOIN pg_class s ON s.oid = dep.objid AND s.relkind = 'S' JOIN pg_namespace sn ON sn.oid = s.relnamespace
      WHERE dep.classid = 'pg_class'::regclass AND dep.refclassid = 'pg_class'::regclass AND dep.refobjid = c.oid
        AND dep.refobjsubid = a.attnum AND dep.deptype = 'a' LIMIT 1) END AS sequence
  FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_type t ON t.oid = a.atttypid JOIN pg_namespace tn ON tn.oid = t.typnamespace
    LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A' LEFT JOIN pg_namespace etn ON etn.oid = et.typnamespace
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
  WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ${RELKINDS} AND ${SCHEMA_FILTER}
  ORDER BY 1, 2, 3`,
  constraints: `SELECT n.nspname::text AS schema, c.relname::text AS table, k.conname::text AS name, k.contype::text AS type,
    (SELECT array_agg(a.attname::text ORDER BY x.i) FROM unnest(k.conkey) WITH ORDINALITY x(n, i)
       JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = x.n) AS columns,
    fn.nspname::text AS ref_schema, fc.relname::text AS ref_table,
    (SELECT array_agg(a.attname::text ORDER BY x.i) FROM unnest(k.confkey) WITH ORDINALITY x(n, i)
       JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = x.n) AS ref_columns,
    k.confupdtype::text AS on_update, k.confdeltype::text AS on_delete,
    CASE WHEN k.contype = 'c' THEN pg_get_expr(k.conbin, k.conrelid) END AS check_expr,
    obj_description(k.oid, 'pg_constraint') AS comment
  FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_class fc ON fc.oid = k.confrelid LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
  WHERE k.contype IN ('p', 'u', 'f', 'c') AND k.conparentid = 0 AND ${SCHEMA_FILTER}
  ORDER BY 1, 2, 3`,
  indexes: `SELECT n.nspname::text AS schema, c.relname::text AS table, ic.relname::text AS name,
    i.indisunique AS unique, i.indisprimary AS primary, am.amname::text AS method,
    pg_get_expr(i.indpred, i.indrelid) AS predicate, i.indnkeyatts::int4 AS nkeys,
    (SELECT array_agg(CASE WHEN x.n = 0 THEN pg_get_indexdef(i.indexrelid, x.i::int4, true) ELSE a.attname::text END ORDER BY x.i)
       FROM unnest(i.indkey::int2[]) WITH ORDINALITY x(n, i) LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = x.n) AS parts,
    (SELECT array_agg((x.n = 0)::text ORDER BY x.i) FROM unnest(i.indkey::int2[]) WITH ORDINALITY x(n, i)) AS is_expr,
    EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x')) AS is_constraint,
    obj_description(ic.oid, 'pg_class') AS comment
  FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am am ON am.oid = ic.relam
  WHERE NOT EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = i.indexrelid) AND ${SCHEMA_FILTER}
  ORDER BY 1, 2, 3`,
  enums: `SELECT n.nspname::text AS schema, t.typname::text AS name,
    array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS values, obj_description(t.oid, 'pg_type') AS comment
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid
  WHERE ${SCHEMA_FILTER}
  GROUP BY n.nspname, t.typname, t.oid
  ORDER BY 1, 2`,
} as const;

export type PgQueryName = keyof typeof PG_QUERIES;

/** The rows of every query in PG_QUERIES. */
export type PgCatalogRows = Record<PgQueryName, readonly CatalogRow[]>;

/** The parameters of every PG_QUERIES query: the schema list, or null for all user schemas. */
export function pgQueryParams(schemas?: readonly string[]): unknown[] {
  return [schemas && schemas.length ? [...schemas] : null];
}

const NUMERIC_TYPES = new Set(['smallint', 'integer', 'bigint', 'numeric', 'real', 'double precision']);

/** Maps the rows of PG_QUERIES into a Schema. Never throws on odd rows. */
export function mapPostgres(rows: PgCatalogRows): IntrospectResult {
  const warnings: IntrospectWarning[] = [];
  const info = rows.info[0] ?? {};
  const defaultSchema = str(info['current_schema']) ?? 'public';
  const schema: Schema = emptySchema(defaultSchema);
  const listed = strArray(info['schemas']);
  schema.schemas = listed.length ? listed : [defaultSchema];
  const tables = new TableIndex(schema, warnings);

  const enumsByKey = new Map<string, Enum>();
  for (const r of rows.enums) {
    const s = str(r['schema']) ?? defaultSchema;
    const name = str(r['name']) ?? '';
    const e: Enum = { key: qualifiedKey(s, name), schema: s, name, values: strArray(r['values']).map((v) => ({ name: v })) };
    const note = str(r['comment']);
    if (note) e.note = note;
    enumsByKey.set(e.key, e);
    schema.enums.push(e);
  }

  for (const r of rows.tables) {
    const kind = str(r['kind']) ?? 'r';
    const t = tables.add(str(r['schema']) ?? defaultSchema, str(r['name']) ?? '', kind === 'v' || kind === 'm');
    const note = str(r['comment']);
    if (note) t.note = note;
    if (kind === 'm') t.settings['materialized'] = 'true';
    else if (kind === 'p') t.settings['partitioned'] = 'true';
    else if (kind === 'f') t.settings['foreign'] = 'true';
    if (bool(r['is_partition'])) t.settings['partition'] = 'true';
    // reltuples: -1 = never vacuumed or analysed (PostgreSQL 14+) -> unknown; a plain view has no rows of its own
    if (kind !== 'v') setRowEstimate(t.settings, num(r['estimate']));
  }

  for (const r of rows.columns) {
    const t = tables.get(str(r['schema']) ?? defaultSchema, str(r['table']) ?? '');
    if (!t) continue;
    const typeText = str(r['type']) ?? '';
    const split = splitTypeText(typeText);
    const typtype = str(r['typtype']);
    const elemTyptype = str(r['elem_typtype']);
    let enumKey: string | undefined;
    let typeName = split.name;
    if (typtype === 'e') {
      enumKey = qualifiedKey(str(r['type_schema']) ?? defaultSchema, str(r['type_name']) ?? '');
      typeName = str(r['type_name']) ?? typeName;
    } else if (elemTyptype === 'e') {
      enumKey = qualifiedKey(str(r['elem_schema']) ?? defaultSchema, str(r['elem_name']) ?? '');
      typeName = str(r['elem_name']) ?? typeName;
    } else if (typtype && typtype !== 'b' && typtype !== 'p') {
      // domains, composites, ranges: the catalog name without schema or quotes
      typeName = str(r['type_name']) ?? typeName;
    }
    if (enumKey && !enumsByKey.has(enumKey)) enumKey = undefined; // an enum outside the selected schemas stays a named type
    const domainBase = typtype === 'd' ? str(r['domain_base']) : undefined;
    // a domain is typed as its base type (`year` over integer is a 32-bit integer), as the SQL front end reads it;
    // the domain's name stays in `raw`
    const base = domainBase ? splitTypeText(domainBase) : undefined;
    const type = base ? normaliseType(typeText, base.name, base.args, base.isArray || split.isArray) : normaliseType(typeText, typeName, split.args, split.isArray, enumKey);
    if (enumKey && split.isArray) type.enumKey = enumKey;
    if (typeName !== split.name && !base) type.name = typeName; // a user type keeps its case (normaliseType lowercases)
    const col = newColumn(str(r['name']) ?? '', type, !bool(r['notnull']));
    const identity = str(r['identity']);
    const generated = str(r['generated']);
    const def = str(r['default']);
    const sequence = str(r['sequence']);
    if (identity === 'a' || identity === 'd') {
      col.autoIncrement = true;
      col.settings['identity'] = identity === 'a' ? 'always' : 'by default';
    } else if (generated === 's' || generated === 'v') {
      col.generated = def ?? '';
      col.settings['generated'] = generated === 's' ? 'stored' : 'virtual';
    } else if (def !== undefined) {
      if (sequence && /^nextval\(/i.test(def)) {
        col.autoIncrement = true;
        col.settings['sequence'] = sequence;
      } else {
        const d = classifyDefault(def, NUMERIC_TYPES.has(split.name));
        col.default = enumKey && !split.isArray && d.kind === 'string' ? { kind: 'enum', value: d.value } : d;
      }
    }
    const note = str(r['comment']);
    if (note) col.note = note;
    tables.addColumn(t, col);
  }

  for (const r of rows.constraints) {
    const s = str(r['schema']) ?? defaultSchema;
    const t = tables.get(s, str(r['table']) ?? '');
    if (!t) continue;
    const type = str(r['type']);
    const name = str(r['name']);
    const columns = strArray(r['columns']);
    if (type === 'p' || type === 'u') applyKey(tables, t, type === 'p' ? 'pk' : 'unique', columns, name);
    else if (type === 'c') {
      const expr = str(r['check_expr']) ?? '';
      t.checks.push(name ? { name, expression: expr } : { expression: expr });
      if (columns.length === 1) tables.column(t, columns[0])?.checks.push(expr);
    } else if (type === 'f') {
      const refCols = strArray(r['ref_columns']);
      const rel = fkRelationship(name, s, t.name, columns, str(r['ref_schema']) ?? s, str(r['ref_table']) ?? '', refCols, refAction(str(r['on_delete'])), refAction(str(r['on_update'])));
      schema.relationships.push(rel);
      if (columns.length !== refCols.length) warnings.push({ code: IntrospectCodes.unknownColumn, message: `foreign key ${name ?? ''} of ${t.key} has ${columns.length} columns but references ${refCols.length}`, table: t.key });
    }
  }

  for (const r of rows.indexes) {
    if (bool(r['is_constraint']) || bool(r['primary'])) continue; // already recorded as a key
    const t = tables.get(str(r['schema']) ?? defaultSchema, str(r['table']) ?? '');
    if (!t) continue;
    const parts = strArray(r['parts']);
    const isExpr = strArray(r['is_expr']);
    const nkeys = num(r['nkeys']) ?? parts.length;
    const ix: TableIndexEntry = { name: str(r['name']), parts: [], unique: bool(r['unique']), primaryKey: false };
    for (let i = 0; i < parts.length && i < nkeys; i++) ix.parts.push(isExpr[i] === 'true' ? { expression: parts[i] } : { column: parts[i] });
    if (parts.length > nkeys) ix.include = parts.slice(nkeys);
    const method = str(r['method']);
    if (method) ix.type = method;
    const where = str(r['predicate']);
    if (where) ix.where = where;
    const note = str(r['comment']);
    if (note) ix.note = note;
    const { include, ...index } = ix;
    if (include) t.settings[`index.${index.name ?? ''}.include`] = include.join(', ');
    t.indexes.push(index);
  }

  finishRelationships(schema, tables);
  return { schema, warnings };
}

interface TableIndexEntry {
  name?: string;
  parts: { column?: string; expression?: string }[];
  unique: boolean;
  primaryKey: boolean;
  type?: string;
  where?: string;
  note?: string;
  include?: string[];
}
