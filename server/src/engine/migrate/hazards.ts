/**
 * The migration hazard catalogue: stable codes (MIG001...) for the dangerous
 * things a planned statement does, each with the names other tools use for
 * the same thing (Atlas analyzer codes, squawk rule names, pg-schema-diff
 * hazard types) so users can search by the name they know. Documented in
 * docs/hazards.md; a test checks every code here is documented there.
 */

export type HazardSeverity = 'error' | 'warning' | 'info';

/** One hazard on one planned statement. */
export interface Hazard {
  code: string;
  /** Atlas / squawk / pg-schema-diff names for the same hazard */
  aliases: string[];
  severity: HazardSeverity;
  message: string;
  /** true when running the statement can lose data that rollback cannot restore */
  dataLoss: boolean;
}

/** The catalogue entry of a hazard code. */
export interface HazardInfo {
  code: string;
  title: string;
  aliases: string[];
  severity: HazardSeverity;
  dataLoss: boolean;
  /** dialects the hazard can appear in */
  dialects: ('postgres' | 'mysql' | 'sqlite' | 'mssql')[];
}

const ALL: HazardInfo['dialects'] = ['postgres', 'mysql', 'sqlite', 'mssql'];

function h(code: string, title: string, severity: HazardSeverity, dataLoss: boolean, aliases: string[], dialects = ALL): HazardInfo {
  return { code, title, aliases, severity, dataLoss, dialects };
}

/** Every hazard code, by code. */
export const HAZARDS: Record<string, HazardInfo> = {
  MIG001: h('MIG001', 'Drops a table and its rows', 'error', true, ['DS102', 'ban-drop-table', 'DELETES_DATA']),
  MIG002: h('MIG002', 'Drops a column and its values', 'error', true, ['DS103', 'ban-drop-column', 'DELETES_DATA']),
  MIG003: h('MIG003', 'Narrows or converts a column type: values may not fit or may change', 'error', true, ['changing-column-type', 'CORRECTNESS']),
  MIG004: h('MIG004', 'Adds a NOT NULL column without a default to a table that may have rows', 'error', false, ['MF103', 'adding-required-field']),
  MIG005: h('MIG005', 'Makes an existing column NOT NULL: fails if a row holds NULL, scans the table', 'warning', false, ['MF104', 'adding-not-nullable-field']),
  MIG006: h('MIG006', 'Rewrites the whole table', 'warning', false, ['changing-column-type', 'IMPACTS_DATABASE_PERFORMANCE']),
  MIG007: h('MIG007', 'Takes an ACCESS EXCLUSIVE lock (blocks reads and writes) for longer than a catalog update', 'warning', false, ['ACQUIRES_ACCESS_EXCLUSIVE_LOCK'], ['postgres']),
  MIG008: h('MIG008', 'Builds an index while blocking writes', 'warning', false, ['PG101', 'require-concurrent-index-creation', 'INDEX_BUILD', 'ACQUIRES_SHARE_LOCK'], ['postgres', 'mssql']),
  MIG009: h('MIG009', 'Drops an index: queries that used it slow down', 'info', false, ['PG103', 'require-concurrent-index-deletion', 'INDEX_DROPPED']),
  MIG010: h('MIG010', 'Renames a table: clients using the old name break', 'warning', false, ['BC101', 'renaming-table']),
  MIG011: h('MIG011', 'Renames a column: clients using the old name break', 'warning', false, ['BC102', 'renaming-column']),
  MIG012: h('MIG012', 'Rollback step cannot restore the data the forward step removed', 'error', true, ['DELETES_DATA']),
  MIG013: h('MIG013', 'MySQL/MariaDB copies the table (ALGORITHM=COPY): writes blocked for the duration', 'warning', false, ['IMPACTS_DATABASE_PERFORMANCE'], ['mysql']),
  MIG014: h('MIG014', 'SQLite rebuilds the table (create, copy, drop, rename) because ALTER TABLE cannot do the change', 'warning', false, [], ['sqlite']),
  MIG015: h('MIG015', 'SQL Server takes a schema-modification (Sch-M) lock that blocks every query on the table', 'warning', false, [], ['mssql']),
  MIG016: h('MIG016', 'Removes an enum value: rows holding it fail the change or lose the value', 'error', true, ['DELETES_DATA', 'CORRECTNESS']),
  MIG017: h('MIG017', 'Adds a foreign key: scans the table to validate and locks both tables', 'warning', false, ['adding-foreign-key-constraint', 'constraint-missing-not-valid', 'ACQUIRES_SHARE_ROW_EXCLUSIVE_LOCK']),
  MIG018: h('MIG018', 'Adds a unique key on existing data: fails on duplicates and builds an index', 'warning', false, ['MF101', 'disallowed-unique-constraint', 'INDEX_BUILD']),
  MIG019: h('MIG019', 'Adds a check constraint: scans the table and fails on rows that violate it', 'warning', false, ['constraint-missing-not-valid']),
  MIG020: h('MIG020', 'Runs outside a transaction: a failure leaves the migration half applied', 'info', false, ['PG102']),
  MIG021: h('MIG021', 'Changes the primary key: rebuilds the key index and affects every reference', 'warning', false, ['adding-serial-primary-key-field']),
  MIG022: h('MIG022', 'Drops a view or enum type: clients and objects using it break', 'warning', false, ['HAS_UNTRACKED_DEPENDENCIES']),
  MIG023: h('MIG023', 'Cannot be planned automatically: a manual step is needed', 'error', false, ['IS_USER_GENERATED']),
  MIG024: h('MIG024', 'Recomputes a generated column (dropped and added again)', 'warning', false, ['IMPACTS_DATABASE_PERFORMANCE']),
  MIG025: h('MIG025', 'Adds a column with a volatile default: every row is written', 'warning', false, ['adding-field-with-default', 'IMPACTS_DATABASE_PERFORMANCE'], ['postgres']),
};

/** A hazard instance of `code` with a specific message. */
export function hazard(code: keyof typeof HAZARDS, message: string): Hazard {
  const info = HAZARDS[code];
  return { code, aliases: info.aliases, severity: info.severity, message, dataLoss: info.dataLoss };
}
