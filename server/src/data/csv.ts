/**
 * CSV/TSV reader over `csv-parse`: delimiter, quote and header detection on
 * the file's head, byte order marks and UTF-16 (decoded before parsing),
 * broken records reported with their line and skipped (the rest is read).
 * Records go to a sink as the header plus an array of values: no row object
 * unless the caller builds one.
 */
import { createReadStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { parse, type CsvError } from 'csv-parse';
import { classify, Kind } from '../engine/detect/data/values.js';
import { decodeChunks, type Sniffed } from './encoding.js';
import type { DataParseError, ReadOptions } from './types.js';

export interface CsvSink {
  /** called once, before any values: the column names (detected, or `column1..N` without a header) */
  header(columns: string[]): void;
  /** one record; `line` is the 1-based line where the record ends */
  values(values: string[], line: number): void;
}

export interface CsvResult {
  rows: number;
  delimiter: string;
  header: boolean;
  errors: DataParseError[];
  droppedErrors: number;
  aborted: boolean;
}

const CANDIDATES = [',', ';', '\t', '|'];

/** Splits the head into at most `max` logical lines, ignoring line breaks inside quotes. */
function headLines(head: string, quote: string, max: number): string[] {
  const out: string[] = [];
  let start = 0;
  let inQuote = false;
  for (let i = 0; i < head.length && out.length < max; i++) {
    const c = head[i];
    if (c === quote) inQuote = !inQuote;
    else if (c === '\n' && !inQuote) {
      out.push(head.slice(start, i).replace(/\r$/, ''));
      start = i + 1;
    }
  }
  return out;
}

function countOutsideQuotes(line: string, ch: string, quote: string): number {
  let n = 0;
  let inQuote = false;
  for (const c of line) {
    if (c === quote) inQuote = !inQuote;
    else if (c === ch && !inQuote) n++;
  }
  return n;
}

/** The delimiter whose per-line count is most consistent over the first lines (comma when nothing splits). */
export function detectDelimiter(head: string, quote = '"'): string {
  const lines = headLines(head, quote, 20).filter((l) => l.length > 0);
  let best = ',';
  let bestScore = 0;
  for (const d of CANDIDATES) {
    const counts = lines.map((l) => countOutsideQuotes(l, d, quote));
    if (counts.length === 0 || counts[0] === 0) continue;
    const same = counts.filter((c) => c === counts[0]).length;
    const score = (same / counts.length) * 1000 + counts[0];
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

function splitLine(line: string, d: string, quote: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inQuote = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === quote) {
      if (inQuote && line[i + 1] === quote) {
        cur += c;
        i++;
      } else inQuote = !inQuote;
    } else if (c === d && !inQuote) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/**
 * Whether the first row is a header: its cells are non-empty, distinct and
 * all text, and some later row has a non-text value in one of those columns
 * (or every first-row cell is a short name).
 */
export function detectHeader(head: string, delimiter: string, quote = '"'): boolean {
  const lines = headLines(head, quote, 20).filter((l) => l.length > 0);
  if (lines.length === 0) return false;
  const first = splitLine(lines[0], delimiter, quote).map((s) => s.trim());
  if (first.some((s) => s.length === 0) || new Set(first).size !== first.length) return false;
  if (first.some((s) => classify(s).kind !== Kind.Text)) return false;
  for (const l of lines.slice(1)) {
    const cells = splitLine(l, delimiter, quote);
    if (cells.some((s) => s.length > 0 && classify(s.trim()).kind !== Kind.Text)) return true;
  }
  return first.every((s) => s.length <= 40 && /^[\p{L}_][\p{L}\p{N}_ .()#/-]*$/u.test(s));
}

/** Makes header names usable: trimmed, non-empty, unique (`name_2`). */
export function normaliseHeader(cells: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((c, i) => {
    let name = c.trim() || `column${i + 1}`;
    const n = seen.get(name) ?? 0;
    seen.set(name, n + 1);
    if (n > 0) name = `${name}_${n + 1}`;
    return name;
  });
}

export async function readCsv(path: string, sniffed: Sniffed, options: ReadOptions, sink: CsvSink, signal?: AbortSignal, tsv = false): Promise<CsvResult> {
  const quote = options.quote ?? '"';
  const delimiter = options.delimiter ?? (tsv ? '\t' : detectDelimiter(sniffed.head, quote));
  const hasHeader = options.header ?? detectHeader(sniffed.head, delimiter, quote);
  const maxErrors = options.maxErrors ?? 1000;
  const errors: DataParseError[] = [];
  let dropped = 0;
  let rows = 0;
  let columns: string[] | undefined;
  const parser = parse({
    delimiter,
    quote,
    bom: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (err: CsvError | undefined) => {
      if (!err) return undefined;
      const e = err as CsvError & { lines?: number; column?: number | string; index?: number };
      if (errors.length < maxErrors) errors.push({ message: e.message.replace(/\s+/g, ' '), line: e.lines ?? 0, column: typeof e.index === 'number' ? e.index + 1 : 1 });
      else dropped++;
      return undefined;
    },
    on_record: (record: string[], ctx: { lines: number }) => {
      if (columns === undefined) {
        columns = hasHeader ? normaliseHeader(record) : record.map((_, i) => `column${i + 1}`);
        sink.header(columns);
        if (hasHeader) return null;
      }
      rows++;
      sink.values(record, ctx.lines);
      return null;
    },
  });
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  let aborted = false;
  const onAbort = (): void => {
    aborted = true;
    file.destroy();
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  parser.resume();
  const done = finished(parser).catch((e: unknown) => {
    if (errors.length < maxErrors) errors.push({ message: e instanceof Error ? e.message : String(e), line: 0, column: 0 });
  });
  try {
    const source: AsyncIterable<Buffer | string> = sniffed.encoding === 'utf-8' ? file : decodeChunks(file, sniffed.encoding);
    for await (const chunk of source) {
      if (!parser.write(chunk)) await new Promise<void>((r) => parser.once('drain', () => r()));
    }
  } catch (e) {
    if (!aborted && errors.length < maxErrors) errors.push({ message: e instanceof Error ? e.message : String(e), line: 0, column: 0 });
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  parser.end();
  await done;
  return { rows, delimiter, header: hasHeader, errors, droppedErrors: dropped, aborted };
}
