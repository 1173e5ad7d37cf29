/**
 * YAML reader (multi-document) over the `yaml` package. Each document is read
 * like a JSON value: a sequence gives rows of the file's table, a mapping of
 * sequences rows per key, any other mapping one row. The text is parsed whole
 * (YAML data files are small next to CSV and JSON exports); a document with
 * errors is reported (line and column) and skipped, the others are read.
 */
import { readFile } from 'node:fs/promises';
import { parseAllDocuments } from 'yaml';
import type { Sniffed } from './encoding.js';
import type { DataParseError, OnRecord } from './types.js';

export interface YamlResult {
  rows: number;
  errors: DataParseError[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/** Rows of one JSON-like value, as the JSON reader would find them. */
export function rowsOf(v: unknown, table: string, out: { table: string; row: Record<string, unknown> }[]): void {
  if (Array.isArray(v)) {
    for (const el of v) out.push({ table, row: isObject(el) ? el : { value: el } });
  } else if (isObject(v)) {
    const arrays = Object.entries(v).filter(([, x]) => Array.isArray(x) || (isObject(x) && Object.values(x).some(Array.isArray)));
    if (arrays.length === 0) out.push({ table, row: v });
    else for (const [k, x] of arrays) rowsOf(x, k, out);
  } else if (v !== null && v !== undefined) out.push({ table, row: { value: v } });
}

export async function readYaml(path: string, sniffed: Sniffed, table: string, onRecord: OnRecord): Promise<YamlResult> {
  const bytes = await readFile(path);
  let text = new TextDecoder(sniffed.encoding).decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const errors: DataParseError[] = [];
  let rows = 0;
  for (const doc of parseAllDocuments(text, { prettyErrors: true })) {
    if (!('errors' in doc)) continue;
    if (doc.errors.length) {
      for (const e of doc.errors) {
        const lp = e.linePos?.[0];
        errors.push({ message: e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''), line: lp?.line ?? 0, column: lp?.col ?? 0, table });
      }
      continue;
    }
    const startLine = doc.range ? lineAt(text, doc.range[0]) : undefined;
    const out: { table: string; row: Record<string, unknown> }[] = [];
    rowsOf(doc.toJS({ maxAliasCount: 1000 }), table, out);
    for (const r of out) {
      rows++;
      onRecord(startLine === undefined ? r : { ...r, line: startLine });
    }
  }
  return { rows, errors };
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
