/**
 * Entry points of the data-file readers: format detection, `readDataFile`
 * (every record to a callback) and `profileDataFiles` (files straight into a
 * `DataProfiler`, CSV through its no-row-object fast path, then the
 * inference with the per-file figures in the quality report).
 *
 * Reading never throws on bad content: parse errors are collected with
 * positions; only an unreadable path (missing, a directory) rejects.
 */
import { basename } from 'node:path';
import { DataProfiler, type DataInference, type DataProfilerOptions, type DataResultOptions } from '../engine/detect/data/profiler.js';
import type { FileQuality } from '../engine/detect/data/quality.js';
import { readCsv, type CsvSink } from './csv.js';
import { sniff, type Sniffed } from './encoding.js';
import { readJson, readNdjson } from './json.js';
import type { DataFormat, DataRecord, OnRecord, ReadOptions, ReadSummary } from './types.js';
import { readXml } from './xml.js';
import { readYaml } from './yaml.js';

export type { DataFormat, DataRecord, OnRecord, ReadOptions, ReadSummary } from './types.js';

const EXT: Record<string, DataFormat> = {
  csv: 'csv',
  tsv: 'tsv',
  tab: 'tsv',
  txt: 'csv',
  json: 'json',
  geojson: 'json',
  ndjson: 'ndjson',
  jsonl: 'ndjson',
  ldjson: 'ndjson',
  yaml: 'yaml',
  yml: 'yaml',
  xml: 'xml',
};

/** Whether a path looks like a data file the readers handle (by extension). */
export function isDataPath(path: string): boolean {
  const m = /\.([A-Za-z0-9]+)$/.exec(path);
  return !!m && m[1].toLowerCase() in EXT && m[1].toLowerCase() !== 'txt';
}

/** The format from the extension, else from the first characters. */
export function detectFormat(path: string, head: string): DataFormat {
  const m = /\.([A-Za-z0-9]+)$/.exec(path);
  const byExt = m ? EXT[m[1].toLowerCase()] : undefined;
  const t = head.replace(/^\uFEFF/, '').trimStart();
  if (byExt === 'json' && t.startsWith('{')) {
    // `{...}\n{...}`: JSON Lines under a .json name
    const lines = t.split('\n', 3).filter((l) => l.trim());
    if (lines.length >= 2 && lines.every((l) => l.trim().startsWith('{') && l.trim().endsWith('}'))) return 'ndjson';
  }
  if (byExt && byExt !== 'csv') return byExt;
  if (byExt === 'csv' && m?.[1].toLowerCase() === 'csv') return 'csv';
  if (t.startsWith('<')) return 'xml';
  if (t.startsWith('[')) return 'json';
  if (t.startsWith('{')) {
    const nl = t.indexOf('\n');
    const first = (nl < 0 ? t : t.slice(0, nl)).trim();
    return first.endsWith('}') && nl > 0 ? 'ndjson' : 'json';
  }
  if (t.startsWith('---') || /^[\w"' -]+:\s/m.test(t.slice(0, 200)) || t.startsWith('- ')) {
    if (!/[,;\t|]/.test(t.split('\n', 1)[0])) return 'yaml';
  }
  return 'csv';
}

/** The table name of a file: its name without extensions, non-word characters as `_`. */
export function tableNameOf(path: string): string {
  const base = basename(path).replace(/(\.[A-Za-z0-9]+)+$/, '');
  return base.replace(/[^\p{L}\p{N}_]+/gu, '_').replace(/^_+|_+$/g, '') || 'data';
}

interface Fast {
  csv?: CsvSink;
}

async function readWith(path: string, options: ReadOptions, onRecord: OnRecord, signal: AbortSignal | undefined, fast: Fast): Promise<ReadSummary> {
  const sniffed: Sniffed = await sniff(path);
  const format = options.format ?? detectFormat(path, sniffed.head);
  const table = options.table ?? tableNameOf(path);
  const summary: ReadSummary = { path, format, encoding: sniffed.encoding, rows: 0, bytes: sniffed.size, errors: [], droppedErrors: 0, aborted: false };
  switch (format) {
    case 'csv':
    case 'tsv': {
      let header: string[] = [];
      const sink: CsvSink = fast.csv ?? {
        header: (h) => {
          header = h;
        },
        values: (values, line) => {
          const row: Record<string, unknown> = {};
          for (let i = 0; i < values.length && i < header.length; i++) row[header[i]] = values[i];
          onRecord({ table, row, line });
        },
      };
      const r = await readCsv(path, sniffed, options, sink, signal, format === 'tsv');
      Object.assign(summary, { rows: r.rows, errors: r.errors, droppedErrors: r.droppedErrors, delimiter: r.delimiter, header: r.header, aborted: r.aborted });
      break;
    }
    case 'json': {
      const r = await readJson(path, sniffed, table, onRecord, signal);
      Object.assign(summary, { rows: r.rows, errors: r.errors, aborted: r.aborted });
      break;
    }
    case 'ndjson': {
      const r = await readNdjson(path, sniffed, options, table, onRecord, signal);
      Object.assign(summary, { rows: r.rows, errors: r.errors, aborted: r.aborted });
      break;
    }
    case 'yaml': {
      const r = await readYaml(path, sniffed, table, onRecord);
      Object.assign(summary, { rows: r.rows, errors: r.errors });
      break;
    }
    case 'xml': {
      const r = await readXml(path, sniffed, options, onRecord, signal);
      Object.assign(summary, { rows: r.rows, errors: r.errors, aborted: r.aborted });
      break;
    }
  }
  return summary;
}

/**
 * Reads one data file, streaming, and calls `onRecord` for every row (in
 * file order). Resolves with the row count, the file's size in bytes, and
 * the parse errors (1-based line and column; for CSV the column is the
 * 1-based field index). An aborted `signal` stops the read early
 * (`aborted: true`, the rows so far delivered).
 */
export function readDataFile(path: string, options: ReadOptions, onRecord: OnRecord, signal?: AbortSignal): Promise<ReadSummary> {
  return readWith(path, options, onRecord, signal, {});
}

export interface ProfileFilesOptions {
  /** per-file read options (format, delimiter, header, table) */
  read?: (path: string) => ReadOptions;
  profiler?: DataProfilerOptions;
  result?: Omit<DataResultOptions, 'files'>;
  /** called after each file */
  onFile?: (summary: ReadSummary, index: number) => void;
}

export interface ProfileFilesResult {
  inference: DataInference;
  files: ReadSummary[];
  aborted: boolean;
}

/** Reads every file into one profiler (each file a table, or several for JSON/YAML/XML) and infers the schema. */
export async function profileDataFiles(paths: readonly string[], options: ProfileFilesOptions = {}, signal?: AbortSignal): Promise<ProfileFilesResult> {
  const profiler = new DataProfiler(options.profiler);
  const files: ReadSummary[] = [];
  let aborted = false;
  for (let i = 0; i < paths.length && !aborted; i++) {
    const path = paths[i];
    const ro = options.read?.(path) ?? {};
    const table = ro.table ?? tableNameOf(path);
    let header: string[] = [];
    const csv: CsvSink = {
      header: (h) => {
        header = h;
      },
      values: (values, line) => profiler.addValues(table, header, values, line),
    };
    const s = await readWith(path, { ...ro, table }, (r: DataRecord) => profiler.add(r.table, r.row, r.line), signal, { csv });
    files.push(s);
    options.onFile?.(s, i);
    aborted = s.aborted || !!signal?.aborted;
  }
  const fq: FileQuality[] = files.map((f) => ({ path: f.path, format: f.format, rows: f.rows, bytes: f.bytes, errors: f.errors }));
  return { inference: profiler.result({ ...options.result, files: fq }), files, aborted };
}
