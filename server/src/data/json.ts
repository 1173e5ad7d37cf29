/**
 * JSON readers. `readJson` streams a document through `stream-json` tokens:
 * the elements of an array are rows (of the table named by the key holding
 * the array, or the file's table at the top), objects outside rows are
 * descended into (`{"data": {"users": [...]}}`), so an array, an object of
 * arrays and nested wrappers all work with one row in memory at a time. A
 * syntax error ends the document: rows before it are kept and the error is
 * positioned (line and column from a re-parse of the text when the file is
 * under 256 MB). `readNdjson` reads JSON Lines line by line; a broken line is
 * reported and skipped.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { parser as jsonParser } from 'stream-json';
import { decodeChunks, type Sniffed } from './encoding.js';
import type { DataParseError, OnRecord, ReadOptions } from './types.js';

interface Token {
  name: string;
  value?: string;
}

interface Frame {
  array: boolean;
  /** outside rows: an array whose elements are rows of `table` */
  table?: string;
  /** outside rows: the last key seen in this object */
  key?: string;
  /** outside rows: the scalars of a top-level object (emitted as one row when it holds no rows) */
  scalars?: Record<string, unknown>;
}

export interface JsonResult {
  rows: number;
  errors: DataParseError[];
  aborted: boolean;
}

/**
 * The offset of the first JSON syntax error in `text` (a small validating
 * scanner: V8's messages do not always give a position), or -1 when valid.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const n = text.length;
  const ws = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9 || c === 0xfeff) i++;
      else break;
    }
  };
  const lit = (word: string): boolean => {
    if (text.startsWith(word, i)) {
      i += word.length;
      return true;
    }
    for (let k = 0; k < word.length && text[i] === word[k]; k++) i++;
    return false;
  };
  const str = (): boolean => {
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return true;
      }
      if (c === 92) i += 2;
      else if (c < 32) return false;
      else i++;
    }
    return false;
  };
  const num = (): boolean => {
    const start = i;
    if (text[i] === '-') i++;
    while (i < n && /[0-9.eE+-]/.test(text[i])) i++;
    return i > start && Number.isFinite(Number(text.slice(start, i)));
  };
  const value = (depth: number): boolean => {
    if (depth > 10000) return false;
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return true;
      }
      for (;;) {
        ws();
        if (text[i] !== '"' || !str()) return false;
        ws();
        if (text[i] !== ':') return false;
        i++;
        if (!value(depth + 1)) return false;
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return true;
        }
        return false;
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return true;
      }
      for (;;) {
        if (!value(depth + 1)) return false;
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return true;
        }
        return false;
      }
    }
    if (c === '"') return str();
    if (c === 't') return lit('true');
    if (c === 'f') return lit('false');
    if (c === 'n') return lit('null');
    return num();
  };
  if (!value(0)) return Math.min(i, n);
  ws();
  return i < n ? i : -1;
}

/** `(line N column M)` or `at position N` of V8's JSON.parse message, as a 1-based line and column. */
export function jsonErrorPosition(text: string, message: string): { line: number; column: number } {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  const pos = /position (\d+)/.exec(message);
  if (!pos) return { line: 1, column: 1 };
  const p = Number(pos[1]);
  let line = 1;
  let start = 0;
  for (let i = 0; i < p && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: p - start + 1 };
}

export async function readJson(path: string, sniffed: Sniffed, table: string, onRecord: OnRecord, signal?: AbortSignal): Promise<JsonResult> {
  const errors: DataParseError[] = [];
  let rows = 0;
  const frames: Frame[] = [];
  // the row being built: a stack of containers and the key awaiting a value in each object
  const build: (Record<string, unknown> | unknown[])[] = [];
  const keys: (string | undefined)[] = [];
  let rowTable = table;
  let emittedFromTop = false;

  const emit = (row: Record<string, unknown>, t: string): void => {
    rows++;
    emittedFromTop = true;
    onRecord({ table: t, row });
  };
  const put = (v: unknown): void => {
    const top = build[build.length - 1];
    if (Array.isArray(top)) top.push(v);
    else top[keys[keys.length - 1] ?? ''] = v;
  };
  const scalarOutside = (v: unknown): void => {
    const f = frames[frames.length - 1];
    if (!f) {
      emit({ value: v }, table);
      return;
    }
    if (f.array) emit({ value: v }, f.table ?? table);
    else if (f.scalars && f.key !== undefined) f.scalars[f.key] = v;
  };
  const value = (v: unknown): void => {
    if (build.length) put(v);
    else scalarOutside(v);
  };

  const src = createReadStream(path, { highWaterMark: 1 << 20 });
  let aborted = false;
  const onAbort = (): void => {
    aborted = true;
    src.destroy();
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  const input = sniffed.encoding === 'utf-8' ? src : Readable.from(decodeChunks(src, sniffed.encoding));
  const tokens = input.pipe(jsonParser.asStream({ streamValues: false }));
  try {
    for await (const tok of tokens as AsyncIterable<Token>) {
      switch (tok.name) {
        case 'startObject':
          if (build.length) {
            const o: Record<string, unknown> = {};
            put(o);
            build.push(o);
            keys.push(undefined);
          } else {
            const f = frames[frames.length - 1];
            if (f?.array) {
              rowTable = f.table ?? table;
              build.push({});
              keys.push(undefined);
            } else frames.push({ array: false, scalars: frames.length === 0 ? {} : undefined });
          }
          break;
        case 'endObject':
          if (build.length) {
            const done = build.pop() as Record<string, unknown>;
            keys.pop();
            if (build.length === 0) emit(done, rowTable);
          } else {
            const f = frames.pop();
            if (f?.scalars && frames.length === 0 && !emittedFromTop && Object.keys(f.scalars).length) emit(f.scalars, table);
          }
          break;
        case 'startArray':
          if (build.length) {
            const a: unknown[] = [];
            put(a);
            build.push(a);
            keys.push(undefined);
          } else {
            const parent = frames[frames.length - 1];
            frames.push({ array: true, table: parent && !parent.array ? parent.key : parent?.table ?? table });
          }
          break;
        case 'endArray':
          if (build.length) {
            build.pop();
            keys.pop();
          } else frames.pop();
          break;
        case 'keyValue':
          if (build.length) keys[keys.length - 1] = tok.value;
          else {
            const f = frames[frames.length - 1];
            if (f) f.key = tok.value;
          }
          break;
        case 'stringValue':
          value(tok.value);
          break;
        case 'numberValue':
          value(Number(tok.value));
          break;
        case 'nullValue':
          value(null);
          break;
        case 'trueValue':
          value(true);
          break;
        case 'falseValue':
          value(false);
          break;
        default:
          break;
      }
    }
  } catch (e) {
    if (!aborted) {
      const message = e instanceof Error ? e.message : String(e);
      let pos = { line: 0, column: 0 };
      let detail = message;
      if (sniffed.size < 256 * 1024 * 1024) {
        const text = sniffed.encoding === 'utf-8' ? await readFile(path, 'utf8') : new TextDecoder(sniffed.encoding).decode(await readFile(path));
        const at = jsonErrorOffset(text);
        if (at >= 0) {
          pos = jsonErrorPosition(text, `position ${at}`);
          detail = at >= text.length ? 'unexpected end of input' : `unexpected ${JSON.stringify(text.slice(at, at + 12))}`;
        }
      }
      errors.push({ message: `invalid JSON: ${detail}`, line: pos.line, column: pos.column, table });
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  return { rows, errors, aborted };
}

export async function readNdjson(path: string, sniffed: Sniffed, options: ReadOptions, table: string, onRecord: OnRecord, signal?: AbortSignal): Promise<JsonResult> {
  const errors: DataParseError[] = [];
  const maxErrors = options.maxErrors ?? 1000;
  let rows = 0;
  const src = createReadStream(path, { highWaterMark: 1 << 20 });
  let aborted = false;
  const onAbort = (): void => {
    aborted = true;
    src.destroy();
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  const input = Readable.from(decodeChunks(src, sniffed.encoding));
  const lines = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const raw of lines) {
      n++;
      const line = n === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
      if (line.trim().length === 0) continue;
      let v: unknown;
      try {
        v = JSON.parse(line);
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        const at = jsonErrorOffset(line);
        if (errors.length < maxErrors) errors.push({ message: `invalid JSON line: ${message}`, line: n, column: at >= 0 ? at + 1 : 1, table });
        continue;
      }
      rows++;
      onRecord({ table, row: typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v }, line: n });
    }
  } catch (e) {
    if (!aborted) errors.push({ message: e instanceof Error ? e.message : String(e), line: n, column: 1, table });
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  return { rows, errors, aborted };
}
