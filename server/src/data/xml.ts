/**
 * XML reader over `saxes`, streaming. Repeated elements become rows: the
 * children of the root element are rows of a table named after them, unless
 * the first such child is a plain container of repeated elements
 * (`<data><customers><customer/>…</customers>…</data>`), whose children are
 * then the rows. Inside a row, attributes and leaf elements become columns,
 * repeated leaves arrays, elements with structure nested objects (the
 * profiler normalises them into child tables), text beside attributes a
 * `value` column. Only one row is in memory at a time. Well-formedness errors
 * are reported with their line and column; saxes reads on after them.
 */
import { createReadStream } from 'node:fs';
import { SaxesParser } from 'saxes';
import { decodeChunks, type Sniffed } from './encoding.js';
import type { DataParseError, OnRecord, ReadOptions } from './types.js';

interface Node {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: Node[];
  line: number;
}

export interface XmlResult {
  rows: number;
  errors: DataParseError[];
  aborted: boolean;
}

/** An element as a row value: a string for a bare leaf, else an object. */
function valueOf(n: Node): unknown {
  const attrs = Object.keys(n.attrs);
  if (n.children.length === 0 && attrs.length === 0) return n.text.trim();
  return rowOf(n);
}

function rowOf(n: Node): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(n.attrs)) row[k] = v;
  const groups = new Map<string, Node[]>();
  for (const c of n.children) {
    const g = groups.get(c.name);
    if (g) g.push(c);
    else groups.set(c.name, [c]);
  }
  for (const [name, g] of groups) row[name] = g.length === 1 ? valueOf(g[0]) : g.map(valueOf);
  const text = n.text.trim();
  if (text && (Object.keys(n.attrs).length || n.children.length)) row.value = text;
  return row;
}

export async function readXml(path: string, sniffed: Sniffed, options: ReadOptions, onRecord: OnRecord, signal?: AbortSignal): Promise<XmlResult> {
  const maxErrors = options.maxErrors ?? 1000;
  const errors: DataParseError[] = [];
  let rows = 0;
  const parser = new SaxesParser({ position: true });
  const stack: Node[] = [];
  /** per depth-1 element: whether it turned out to be a container of repeated rows */
  let container = false;
  /** names of the root's children seen so far (a repeated name means they are rows) */
  const rootChildren = new Map<string, number>();
  let pendingFirst: Node | undefined;

  const emit = (n: Node): void => {
    rows++;
    onRecord({ table: n.name, row: rowOf(n), line: n.line });
  };

  let root: Node | undefined;
  parser.on('error', (e: Error) => {
    const message = e.message.replace(/^\d+:\d+: /, '');
    const prev = errors[errors.length - 1];
    if (prev && prev.message === message && prev.line === parser.line) return;
    if (errors.length < maxErrors) errors.push({ message, line: parser.line, column: parser.column + 1 });
  });
  parser.on('opentag', (tag) => {
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(tag.attributes)) attrs[k] = typeof v === 'string' ? v : String(v);
    const node: Node = { name: tag.name, attrs, text: '', children: [], line: parser.line };
    // after a bad close tag saxes closes every open element: reopen the root so rows stay rows
    if (stack.length === 0) {
      if (root) stack.push(root);
      else root = node;
    }
    if (stack.length === 1) {
      rootChildren.set(tag.name, (rootChildren.get(tag.name) ?? 0) + 1);
      container = false;
      pendingFirst = undefined;
    }
    stack.push(node);
  });
  const onText = (t: string): void => {
    const top = stack[stack.length - 1];
    if (top && stack.length > 1) top.text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    const node = stack.pop();
    if (!node) return;
    const depth = stack.length; // depth of the closed node: 0 root, 1 its children, 2 grandchildren
    if (depth === 0) return;
    const parent = stack[stack.length - 1];
    if (depth === 1) {
      if (container) {
        if (pendingFirst) emit(pendingFirst);
        pendingFirst = undefined;
        return;
      }
      emit(node);
      return;
    }
    if (depth === 2 && (rootChildren.get(parent.name) ?? 0) === 1 && Object.keys(parent.attrs).length === 0) {
      // the parent may be a container: the second child of the same name decides it
      if (container) {
        emit(node);
        return;
      }
      if (pendingFirst === undefined && parent.children.length === 0) {
        pendingFirst = node;
        parent.children.push(node);
        return;
      }
      if (pendingFirst && pendingFirst.name === node.name && parent.children.length === 1 && !parent.text.trim()) {
        container = true;
        parent.children.length = 0;
        emit(pendingFirst);
        pendingFirst = undefined;
        emit(node);
        return;
      }
    }
    parent.children.push(node);
  });

  const src = createReadStream(path, { highWaterMark: 1 << 20 });
  let aborted = false;
  const onAbort = (): void => {
    aborted = true;
    src.destroy();
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for await (const chunk of decodeChunks(src, sniffed.encoding)) parser.write(chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk);
    parser.close();
  } catch (e) {
    if (!aborted && errors.length < maxErrors) errors.push({ message: e instanceof Error ? e.message : String(e), line: parser.line, column: parser.column + 1 });
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  return { rows, errors, aborted };
}
