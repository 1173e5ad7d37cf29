/** Types for bench/generate.mjs (used by tests). */
export interface GeneratedSchema {
  /** the DBML text */
  text: string;
  tables: number;
  /** declared references (inline and Ref blocks) */
  refs: number;
  enums: number;
  /** table names as the database knows them (`schema.table` unless public) */
  tableNames: string[];
}

/** Generates a deterministic, realistic DBML schema of `tables` tables. */
export function generateDbml(tables: number, options?: { seed?: number }): GeneratedSchema;
