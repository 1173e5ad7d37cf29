/**
 * Test helpers for the AI tests: a Schema from DBML through the real engine,
 * and a TEST DOUBLE of the engine's query checker (`checkQueries` in
 * server/src/engine/query, being written in parallel): it flags tables not in
 * the schema (QRY001) and `alias.column` references to columns a table lacks
 * (QRY002), with did-you-mean suggestions. It stands in for an engine
 * function, not for a network edge; swap in the real one when it lands.
 */
import { Workspace } from '../../server/src/engine/workspace.ts';
import type { Schema, Table } from '../../server/src/engine/model/schema.ts';
import type { Diagnostic } from '../../server/src/engine/diagnostics.ts';
import type { SqlChecker } from '../../server/src/engine/ai/types.ts';

export function schemaOf(dbml: string): Schema {
  const ws = new Workspace();
  ws.setFile('file:///schema.dbml', dbml);
  return ws.binding().schema;
}

const NOT_ALIAS = new Set(['on', 'where', 'join', 'left', 'right', 'inner', 'outer', 'full', 'cross', 'set', 'values', 'group', 'order', 'limit', 'using', 'natural', 'having', 'union', 'returning', 'select']);

function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

/** Test double of `(sql) => checkQueries(schema, sql, dialect).diagnostics`. */
export function fakeQueryChecker(schema: Schema): SqlChecker {
  const byName = new Map<string, Table>();
  for (const t of schema.tables) byName.set(t.name.toLowerCase(), t);
  return (sql) => {
    const out: Diagnostic[] = [];
    const aliases = new Map<string, Table>();
    for (const m of sql.matchAll(/\b(from|join|update|into)\s+([A-Za-z_][\w.]*)(?:\s+(?:as\s+)?([A-Za-z_]\w*))?/gi)) {
      const name = m[2].split('.').at(-1)!.toLowerCase();
      const t = byName.get(name);
      const start = m.index + m[0].indexOf(m[2]);
      if (!t) {
        out.push({ uri: '', span: { start, end: start + m[2].length }, severity: 'error', code: 'QRY001', message: `Unknown table ${m[2]}` });
        continue;
      }
      aliases.set(name, t);
      if (m[3] && !NOT_ALIAS.has(m[3].toLowerCase())) aliases.set(m[3].toLowerCase(), t);
    }
    for (const m of sql.matchAll(/\b([A-Za-z_]\w*)\.([A-Za-z_]\w*)\b/g)) {
      const t = aliases.get(m[1].toLowerCase());
      if (!t || t.columns.some((c) => c.name.toLowerCase() === m[2].toLowerCase())) continue;
      const start = m.index + m[1].length + 1;
      const suggestions = t.columns.map((c) => c.name).filter((c) => distance(c, m[2]) <= 2);
      out.push({ uri: '', span: { start, end: start + m[2].length }, severity: 'error', code: 'QRY002', message: `Unknown column ${m[2]} in table ${t.name}`, data: { suggestions } });
    }
    return out.sort((a, b) => a.span.start - b.span.start);
  };
}
