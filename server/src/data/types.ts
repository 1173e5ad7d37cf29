/**
 * Shared types of the data-file readers (the I/O edge of issue 10): the
 * formats, the record a reader yields, the options and the summary.
 */
import type { DataParseError } from '../engine/detect/data/quality.js';

export type { DataParseError };

export type DataFormat = 'csv' | 'tsv' | 'json' | 'ndjson' | 'yaml' | 'xml';

/** One row read from a file: the table it belongs to, its fields, and the 1-based line where it starts (or ends, for CSV). */
export interface DataRecord {
  table: string;
  row: Record<string, unknown>;
  line?: number;
}

export interface ReadOptions {
  /** the format; detected from the extension, then the content, when absent */
  format?: DataFormat;
  /** the table name of rows that have no other name (default: the file name without extension) */
  table?: string;
  /** CSV: the delimiter (detected among `,` `;` tab `|` when absent) */
  delimiter?: string;
  /** CSV: the quote character (default `"`) */
  quote?: string;
  /** CSV: whether the first row is a header (detected when absent) */
  header?: boolean;
  /** stop after this many parse errors per file (default 1000; later ones are counted, not kept) */
  maxErrors?: number;
}

export interface ReadSummary {
  path: string;
  format: DataFormat;
  /** the text encoding used */
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
  rows: number;
  bytes: number;
  errors: DataParseError[];
  /** errors past `maxErrors` (not kept) */
  droppedErrors: number;
  /** CSV: the delimiter and header decision */
  delimiter?: string;
  header?: boolean;
  /** true when the signal aborted the read */
  aborted: boolean;
}

/** Receives each record; a CSV fast path may receive the header and values instead (see `readDataFile`). */
export type OnRecord = (record: DataRecord) => void;
