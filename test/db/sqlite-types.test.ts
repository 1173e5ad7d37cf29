/**
 * SQLite declared types, the parse against the engine: SQLite accepts any
 * sequence of names as a column type and gives it an affinity by substring
 * (sqlite.org/datatype3.html 3.1). Each declared type below is created in
 * sql.js, introspected, and must read the same in SchemaSage's parse, with
 * the family stated here (multi-word types no dialect knows get SQLite's
 * affinity: `BLOB SUB_TYPE TEXT` is text).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { introspect } from '../../server/src/db/introspect.ts';
import { Workspace } from '../../server/src/engine/workspace.ts';
import { getSqlite } from '../util/db.ts';
import { coreFacts } from './facts.ts';

const TYPES: [declared: string, fact: string][] = [
  ['BLOB SUB_TYPE TEXT', 'text'],
  ['UNSIGNED BIG INT', 'integer/32'],
  ['VARYING CHARACTER(255)', 'text(255)'],
  ['NATIVE CHARACTER(70)', 'text(70)'],
  ['NATIONAL CHARACTER(3)', 'text(3)'],
  ['DOUBLE PRECISION', 'float'],
  ['FOO BAR', 'decimal'],
  ['NVARCHAR(70)', 'string(70)'],
  ['INT', 'integer/32'],
  ['BLOB', 'binary'],
];

test('SQLite declared types: the parse reads each as the engine does', async () => {
  const ddl = `CREATE TABLE t (${TYPES.map(([d], i) => `c${i} ${d}`).join(', ')}, id INTEGER PRIMARY KEY);`;
  const conn = await getSqlite();
  try {
    await conn.exec(ddl);
    const db = coreFacts(await introspect(conn), { unqualified: true });
    const ws = new Workspace();
    ws.setFile('file:///t.sql', ddl, 0, { language: 'sql', dialect: 'sqlite' });
    assert.deepEqual(ws.diagnostics('file:///t.sql').map((d) => d.message), []);
    const parse = coreFacts(ws.binding().parts.at(-1)!, { unqualified: true });
    assert.deepEqual(parse, db);
    for (let i = 0; i < TYPES.length; i++) assert.ok(db.includes(`column t.c${i} ${TYPES[i][1]}`), `${TYPES[i][0]} -> ${TYPES[i][1]} in ${db.join('; ')}`);
  } finally {
    await conn.close();
  }
});
