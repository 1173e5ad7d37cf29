/**
 * Whether two column types can be compared in a join condition without an
 * error or a silent conversion that defeats indexes (QRY004). Works on the
 * model's normalised type families; families it knows too little about
 * (`other`, arrays, geometry, network) never warn.
 */
import type { ColumnType, TypeFamily } from '../model/schema.js';
import type { QueryDialect } from './types.js';

type Group = 'num' | 'str' | 'uuid' | 'datetime' | 'time' | 'interval' | 'bool' | 'json' | 'bin';

const GROUPS: Partial<Record<TypeFamily, Group>> = {
  integer: 'num',
  decimal: 'num',
  float: 'num',
  string: 'str',
  text: 'str',
  enum: 'str',
  uuid: 'uuid',
  date: 'datetime',
  timestamp: 'datetime',
  time: 'time',
  interval: 'interval',
  boolean: 'bool',
  json: 'json',
  binary: 'bin',
};

/** True when comparing values of types `a` and `b` is fine (or unknown) in `dialect`. */
export function comparable(a: ColumnType, b: ColumnType, dialect: QueryDialect): boolean {
  if (a.isArray || b.isArray) return true;
  const ga = GROUPS[a.family];
  const gb = GROUPS[b.family];
  if (!ga || !gb || ga === gb) return true;
  const pair = (x: Group, y: Group): boolean => (ga === x && gb === y) || (ga === y && gb === x);
  // MySQL, SQLite and SQL Server store uuids as strings; PostgreSQL has no uuid = text operator
  if (pair('str', 'uuid')) return dialect !== 'postgres';
  // booleans are integers in MySQL and SQLite (and bit in SQL Server)
  if (pair('num', 'bool')) return dialect !== 'postgres';
  // SQLite keeps dates as text or numbers
  if (dialect === 'sqlite' && (pair('str', 'datetime') || pair('num', 'datetime'))) return true;
  return false;
}
