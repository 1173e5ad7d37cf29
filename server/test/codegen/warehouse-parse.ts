/**
 * Test support: checks warehouse DDL with node-sql-parser's grammar for the
 * warehouse (Snowflake, BigQuery, Redshift; Databricks with Hive's, the
 * closest: Databricks/Spark SQL DDL descends from HiveQL: backticks, STRING,
 * column COMMENT). Where the grammar rejects DDL the vendor documents, that
 * construct alone is taken out of the copy of the statement that is parsed
 * (or, when the construct is the whole statement, the statement is left out
 * of the check); every such gap names the vendor's page that makes the DDL
 * valid. The counts of what each gap touched are returned, so a test can
 * show how much of the DDL the parser saw unchanged.
 */
import pkg from 'node-sql-parser';
import type { Warehouse } from '../../src/engine/codegen/index.ts';

const { Parser } = pkg as unknown as { Parser: new () => { astify(sql: string, opt: { database: string }): unknown } };
const parser = new Parser();

/** node-sql-parser's `database` per warehouse. */
export const PARSER_DATABASE: Record<Warehouse, string> = { snowflake: 'Snowflake', bigquery: 'BigQuery', redshift: 'Redshift', databricks: 'Hive' };

/** A construct the vendor documents and node-sql-parser 5.4 rejects. */
interface Gap {
  id: string;
  /** the vendor page that documents the construct */
  doc: string;
  /** rewrite of the statement for the check (the construct taken out or replaced by a neutral one), or `skip` for the whole statement */
  pattern: RegExp;
  replace: string | 'skip';
}

/** A column line's start: indentation and a (quoted) column name. */
const COL = String.raw`^(\s+(?:"(?:[^"]|"")*"|\x60(?:[^\x60]|\x60\x60|\\\x60)*\x60|[A-Za-z_][A-Za-z0-9_$]*)\s)`;
const colType = (type: string, flags = 'gm') => new RegExp(`${COL}${type}`, flags);

/** node-sql-parser reads a column named `json` as the type keyword; no warehouse reserves JSON (see each one's reserved words). */
const jsonName = (doc: string): Gap => ({ id: 'name json', doc, pattern: /^(\s+)json(?= )/gm, replace: '$1"json"' });

export const GAPS: Record<Warehouse, Gap[]> = {
  snowflake: [
    { id: 'AUTOINCREMENT', doc: 'https://docs.snowflake.com/en/sql-reference/sql/create-table (AUTOINCREMENT | IDENTITY)', pattern: / AUTOINCREMENT(?=,?\n| COMMENT )/g, replace: '' },
    { id: 'VARIANT', doc: 'https://docs.snowflake.com/en/sql-reference/data-types-semistructured (VARIANT)', pattern: colType('VARIANT\\b'), replace: '$1JSON' },
    { id: 'ARRAY', doc: 'https://docs.snowflake.com/en/sql-reference/data-types-semistructured (ARRAY)', pattern: colType('ARRAY\\b'), replace: '$1JSON' },
    jsonName('https://docs.snowflake.com/en/sql-reference/reserved-keywords'),
  ],
  bigquery: [
    { id: 'CREATE SCHEMA', doc: 'https://developers.google.com/bigquery/docs/data-definition-language (CREATE SCHEMA)', pattern: /^CREATE SCHEMA /, replace: 'skip' },
    { id: 'ADD FOREIGN KEY', doc: 'https://cloud.google.com/bigquery/docs/primary-foreign-keys (ALTER TABLE ADD FOREIGN KEY … NOT ENFORCED)', pattern: /^ALTER TABLE .* FOREIGN KEY /, replace: 'skip' },
    { id: 'PRIMARY KEY NOT ENFORCED', doc: 'https://cloud.google.com/bigquery/docs/primary-foreign-keys (CREATE TABLE … PRIMARY KEY (…) NOT ENFORCED)', pattern: /,\n\s+PRIMARY KEY \([^)]*\) NOT ENFORCED/g, replace: '' },
    { id: 'column OPTIONS', doc: 'https://developers.google.com/bigquery/docs/data-definition-language (column OPTIONS(description = …))', pattern: / OPTIONS\(description = '(?:[^'\\]|\\.)*'\)(?=,?\n)/g, replace: '' },
    { id: 'parameterised types', doc: 'https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#parameterized_data_types (STRING(L), BYTES(L), NUMERIC(P, S), BIGNUMERIC(P, S))', pattern: colType('(STRING|NUMERIC|BIGNUMERIC)\\(\\d+(, \\d+)?\\)'), replace: '$1$2' },
    { id: 'BIGNUMERIC', doc: 'https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#decimal_types (BIGNUMERIC)', pattern: colType('BIGNUMERIC\\b'), replace: '$1NUMERIC' },
    { ...jsonName('https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical#reserved_keywords'), replace: '$1`json`' },
    { id: 'JSON, INTERVAL, BYTES', doc: 'https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types (JSON, INTERVAL, BYTES types)', pattern: colType('(JSON|INTERVAL|BYTES)\\b'), replace: '$1STRING' },
  ],
  redshift: [
    { id: 'COMMENT ON', doc: 'https://docs.aws.amazon.com/redshift/latest/dg/r_COMMENT.html', pattern: /^COMMENT ON /, replace: 'skip' },
    { id: 'IDENTITY', doc: 'https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_TABLE_NEW.html (IDENTITY(seed, step))', pattern: / IDENTITY\(1, 1\)/g, replace: '' },
    { id: 'TIMESTAMPTZ, TIMETZ', doc: 'https://docs.aws.amazon.com/redshift/latest/dg/r_Datetime_types.html (TIMESTAMPTZ, TIMETZ)', pattern: colType('(TIMESTAMP|TIME)TZ\\b'), replace: '$1$2' },
    { id: 'SUPER, VARBYTE', doc: 'https://docs.aws.amazon.com/redshift/latest/dg/c_Supported_data_types.html (SUPER, VARBYTE)', pattern: colType('(SUPER|VARBYTE)\\b'), replace: '$1VARCHAR(1)' },
    { id: 'GEOGRAPHY', doc: 'https://docs.aws.amazon.com/redshift/latest/dg/c_Supported_data_types.html (GEOGRAPHY)', pattern: colType('GEOGRAPHY\\b'), replace: '$1GEOMETRY' },
    jsonName('https://docs.aws.amazon.com/redshift/latest/dg/r_pg_keywords.html'),
    // SESSION is no reserved word in Redshift; the grammar treats it as one
    { id: 'name session', doc: 'https://docs.aws.amazon.com/redshift/latest/dg/r_pg_keywords.html', pattern: /\b(TABLE|REFERENCES) (session)\b/gi, replace: '$1 "$2"' },
  ],
  databricks: [
    { id: 'CREATE SCHEMA', doc: 'https://docs.databricks.com/en/sql/language-manual/sql-ref-syntax-ddl-create-schema.html', pattern: /^CREATE SCHEMA /, replace: 'skip' },
    { id: 'ADD CONSTRAINT', doc: 'https://docs.databricks.com/sql/language-manual/sql-ref-syntax-ddl-alter-table-add-constraint.html (informational FOREIGN KEY on an existing Delta table)', pattern: /^ALTER TABLE .* FOREIGN KEY /, replace: 'skip' },
    { id: 'USING DELTA, TBLPROPERTIES', doc: 'https://docs.databricks.com/en/sql/language-manual/sql-ref-syntax-ddl-create-table-using.html (USING data_source, TBLPROPERTIES)', pattern: /\nUSING DELTA|\nTBLPROPERTIES \([^\n]*\)$/g, replace: '' },
    { id: 'IDENTITY', doc: 'https://docs.databricks.com/en/sql/language-manual/sql-ref-syntax-ddl-create-table-using.html (GENERATED { ALWAYS | BY DEFAULT } AS IDENTITY)', pattern: / GENERATED BY DEFAULT AS IDENTITY/g, replace: '' },
    { id: 'TIMESTAMP_NTZ', doc: 'https://docs.databricks.com/en/sql/language-manual/sql-ref-datatypes.html (TIMESTAMP_NTZ)', pattern: colType('TIMESTAMP_NTZ\\b'), replace: '$1TIMESTAMP' },
    // BOOLEAN and BINARY are Hive types too; node-sql-parser's Hive grammar lacks them
    { id: 'BOOLEAN, BINARY', doc: 'https://docs.databricks.com/en/sql/language-manual/sql-ref-datatypes.html (BOOLEAN, BINARY)', pattern: colType('(BOOLEAN|BINARY)\\b'), replace: '$1INT' },
    { ...jsonName('https://docs.databricks.com/en/sql/language-manual/sql-ref-reserved-words.html'), replace: '$1`json`' },
    // SESSION is no reserved word in Databricks SQL; the Hive grammar treats it as one
    { id: 'name session', doc: 'https://docs.databricks.com/en/sql/language-manual/sql-ref-reserved-words.html', pattern: /\b(TABLE|REFERENCES) (session)\b/gi, replace: '$1 `$2`' },
    { id: 'ARRAY<T>', doc: 'https://docs.databricks.com/en/sql/language-manual/sql-ref-datatypes.html (ARRAY < elementType >)', pattern: colType('ARRAY<[^>]*>'), replace: '$1STRING' },
  ],
};

/** Splits generated SQL into statements (quotes and `--` comments respected). */
export function statements(sql: string): string[] {
  const out: string[] = [];
  let start = 0;
  let quote = '';
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i];
    if (quote) {
      if (ch === '\\' && (quote === "'" || quote === '`')) i++;
      else if (ch === quote) quote = sql[i + 1] === quote ? (i++, quote) : '';
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if (ch === '-' && sql[i + 1] === '-') {
      const nl = sql.indexOf('\n', i);
      if (start === i || !sql.slice(start, i).trim()) start = nl < 0 ? sql.length : nl + 1;
      i = nl < 0 ? sql.length : nl;
    } else if (ch === ';') {
      const s = sql.slice(start, i).trim();
      if (s) out.push(s);
      start = i + 1;
    }
  }
  const rest = sql.slice(start).trim();
  if (rest && !rest.split('\n').every((l) => l.trim().startsWith('--'))) out.push(rest);
  return out;
}

interface CreateAst {
  type: string;
  keyword?: string;
  table?: { db: string | null; table: string }[];
  create_definitions?: { resource?: string }[];
}

export interface ParseCheck {
  /** per CREATE TABLE parsed: the table name and its column count */
  tables: { name: string; columns: number }[];
  /** statements parsed as written, parsed after a gap's rewrite, left out */
  asIs: number;
  rewritten: number;
  skipped: number;
  /** how many statements each gap touched */
  gaps: Map<string, number>;
  /** statements that fail even with the gaps applied: statement head and error */
  errors: string[];
  /** ALTER TABLE … FOREIGN KEY statements seen */
  foreignKeys: number;
}

function tryParse(sql: string, database: string): { ast?: CreateAst[]; error?: string } {
  try {
    const ast = parser.astify(sql, { database }) as CreateAst | CreateAst[];
    return { ast: Array.isArray(ast) ? ast : [ast] };
  } catch (e) {
    const at = (e as { location?: { start?: { offset?: number } } }).location?.start?.offset;
    const where = at === undefined ? '' : ` at «${sql.slice(Math.max(0, at - 30), at)}⟨here⟩${sql.slice(at, at + 30)}»`;
    return { error: `${(e as Error).message.slice(0, 120)}${where}` };
  }
}

/** Parses every statement of `sql` with the warehouse's grammar, rewriting documented gaps only where the statement fails as written. */
export function parseWarehouseDdl(sql: string, wh: Warehouse, into?: ParseCheck): ParseCheck {
  const r: ParseCheck = into ?? { tables: [], asIs: 0, rewritten: 0, skipped: 0, gaps: new Map(), errors: [], foreignKeys: 0 };
  const database = PARSER_DATABASE[wh];
  for (const stmt of statements(sql)) {
    if (/^ALTER TABLE .* FOREIGN KEY /s.test(stmt)) r.foreignKeys++;
    let parsed = tryParse(stmt, database);
    if (parsed.ast) r.asIs++;
    else {
      let text = stmt;
      let skip = false;
      for (const g of GAPS[wh]) {
        g.pattern.lastIndex = 0;
        if (!g.pattern.test(text)) continue;
        r.gaps.set(g.id, (r.gaps.get(g.id) ?? 0) + 1);
        if (g.replace === 'skip') {
          skip = true;
          break;
        }
        g.pattern.lastIndex = 0;
        text = text.replace(g.pattern, g.replace);
      }
      if (skip) {
        r.skipped++;
        continue;
      }
      parsed = tryParse(text, database);
      if (!parsed.ast) {
        r.errors.push(`${parsed.error} in: ${text.slice(0, 80)}`);
        continue;
      }
      r.rewritten++;
    }
    for (const a of parsed.ast) {
      if (a.type === 'create' && a.keyword === 'table') r.tables.push({ name: a.table?.[0]?.table ?? '', columns: (a.create_definitions ?? []).filter((d) => d.resource === 'column').length });
    }
  }
  return r;
}
