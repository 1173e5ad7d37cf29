/**
 * Column types offered by completion, per database type. Parameterised types
 * carry a snippet with their usual arguments. Lists, not validation: any
 * type name is accepted by the parser.
 */
import type { DatabaseType } from '../../model/schema.js';

export interface TypeEntry {
  name: string;
  /** snippet body for the arguments, e.g. `(${1:255})` */
  args?: string;
}

const t = (spec: string): TypeEntry[] =>
  spec
    .trim()
    .split(/\s+/)
    .map((s) => {
      const m = /^([^(]+)(\(.*\))?$/.exec(s)!;
      return m[2] ? { name: m[1], args: m[2].replace(/\\s/g, ' ') } : { name: m[1] };
    });

const LEN = '(${1:255})';
const PREC = '(${1:10},\\s${2:2})';

export const TYPE_CATALOG: Record<DatabaseType, TypeEntry[]> = {
  postgres: t(`
    integer bigint smallint serial bigserial smallserial int int2 int4 int8
    numeric${PREC} decimal${PREC} real float4 float8 money boolean bool
    varchar${LEN} char${LEN} text citext bytea
    date time timetz timestamp timestamptz interval
    uuid json jsonb xml inet cidr macaddr tsvector point polygon bit varbit`),
  mysql: t(`
    int integer tinyint smallint mediumint bigint decimal${PREC} numeric${PREC} float double bit boolean bool
    varchar${LEN} char${LEN} tinytext text mediumtext longtext binary${LEN} varbinary${LEN}
    tinyblob blob mediumblob longblob
    date datetime timestamp time year json enum set geometry point`),
  sqlite: t(`integer int real numeric${PREC} text blob boolean date datetime varchar${LEN}`),
  mssql: t(`
    int bigint smallint tinyint bit decimal${PREC} numeric${PREC} money smallmoney float real
    varchar${LEN} nvarchar${LEN} char${LEN} nchar${LEN} text ntext binary${LEN} varbinary${LEN} image
    date time datetime datetime2 smalldatetime datetimeoffset uniqueidentifier xml sql_variant rowversion geography geometry`),
  oracle: t(`
    number${PREC} integer float binary_float binary_double varchar2${LEN} nvarchar2${LEN} char${LEN} nchar${LEN}
    clob nclob blob raw${LEN} date timestamp interval`),
  generic: t(`
    int integer bigint smallint decimal${PREC} numeric${PREC} float double real boolean
    varchar${LEN} char${LEN} text date time timestamp datetime uuid json blob`),
};

/** The Project `database_type` values DBML documents, as written in a Project block. */
export const DATABASE_TYPE_NAMES = ['PostgreSQL', 'MySQL', 'SQLite', 'SQL Server', 'Oracle'];
