/**
 * Incremental interpretation (SqlInterpretCache): after every edit, the
 * patched interpretation equals a full replay of the same parse, and the
 * usual keystroke (inside one CREATE TABLE) is a patch, not a replay.
 * (Belongs in server/test/sql/; kept here because that folder is not this
 * helper's to edit.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { interpretSql, parseSql, SqlInterpretCache, SqlParseCache, type SqlDialect, type SqlInterpretation } from '../../src/engine/syntax/sql/index.js';
import { generateDdl } from './measure.js';

/** Plain data of an interpretation (spans as numbers), for deepEqual. */
function plain(r: SqlInterpretation): unknown {
  return JSON.parse(JSON.stringify(r));
}

/** Applies each edit in turn; after each, patched result == full replay. Returns how many were patches. */
function check(dialect: SqlDialect, text: string, edits: [string, string][]): { patches: number; total: number } {
  const pc = new SqlParseCache();
  const ic = new SqlInterpretCache();
  let cur = text;
  interpretSql([{ uri: 'u', file: parseSql(cur, dialect, pc) }], dialect, ic);
  let patches = 0;
  for (const [from, to] of edits) {
    const at = cur.indexOf(from);
    assert.ok(at >= 0, `fixture has ${from}`);
    cur = cur.slice(0, at) + to + cur.slice(at + from.length);
    const f = parseSql(cur, dialect, pc);
    const got = interpretSql([{ uri: 'u', file: f }], dialect, ic);
    if (ic.last === 'patch') patches++;
    const want = interpretSql([{ uri: 'u', file: parseSql(cur, dialect) }], dialect);
    assert.deepEqual(plain(got), plain(want), `after '${from}' -> '${to}'`);
  }
  return { patches, total: edits.length };
}

const BASE = `CREATE TABLE a (id int PRIMARY KEY, name text);
CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a (id), note text);
CREATE INDEX b_note ON b (note);
ALTER TABLE b ADD COLUMN extra int;
ALTER TABLE b ADD CONSTRAINT b_u UNIQUE (extra);
CREATE TABLE c (id int PRIMARY KEY, b_id int, FOREIGN KEY (b_id) REFERENCES b (id));
COMMENT ON TABLE b IS 'bee';
COMMENT ON COLUMN b.note IS 'the note';
CREATE INDEX c_b ON c (b_id);
`;

const CASES: { name: string; dialect: SqlDialect; text: string; edits: [string, string][]; minPatches: number }[] = [
  {
    name: 'column edits inside one table, with indexes, ALTERs, comments and FKs to and from it',
    dialect: 'postgres',
    text: BASE,
    edits: [
      ['note text)', 'notex text)'], // index and comment now name a missing column
      ['notex text)', 'note text)'],
      ['b (id int PRIMARY KEY', 'b (idd int PRIMARY KEY'], // FK from c now targets a missing column
      ['b (idd int PRIMARY KEY', 'b (id int PRIMARY KEY'],
      ['a_id int REFERENCES a (id)', 'a_id int REFERENCES a (nope)'],
      ['a_id int REFERENCES a (nope)', 'a_id int REFERENCES zz (id)'],
      ['a_id int REFERENCES zz (id)', 'a_id int'],
      ['name text)', 'name text, name text)'], // duplicate column
      ['id int PRIMARY KEY, name text, name text', 'id int PRIMARY KEY, nm varchar(3)'],
    ],
    minPatches: 9,
  },
  {
    name: 'edits that are not patches still give the full result',
    dialect: 'postgres',
    text: BASE,
    edits: [
      ['CREATE TABLE c (', 'CREATE TABLE cc ('], // renamed table: replayed
      ['CREATE INDEX c_b ON c', 'CREATE INDEX c_b ON cc'],
      ['note text)', 'note2 text)'],
      ["'bee'", "'b'"],
      ['ALTER TABLE b ADD COLUMN extra int;', 'ALTER TABLE b RENAME COLUMN note2 TO n3;'], // complex from now on
      ['n3;', 'n4;'],
    ],
    minPatches: 1,
  },
  {
    name: 'search_path, enums and tables declared after the edited one keep their visibility',
    dialect: 'postgres',
    text: `SET search_path = app, public;
CREATE TABLE t1 (id int PRIMARY KEY, s mood, r int REFERENCES later (id));
CREATE TYPE mood AS ENUM ('a', 'b');
CREATE TABLE later (id int PRIMARY KEY, m mood);
CREATE TABLE t2 (id int PRIMARY KEY, t1_id int REFERENCES t1);
`,
    edits: [
      ['s mood,', 's mood, x int,'],
      ['x int,', 'x int, y mood,'],
      ['m mood)', 'm mood, z int)'],
    ],
    minPatches: 3,
  },
  {
    name: 'MySQL with USE, case-insensitive names and a multi-statement migration',
    dialect: 'mysql',
    text: 'CREATE TABLE `X` (id int PRIMARY KEY);\nUSE shop;\nCREATE TABLE t (id int PRIMARY KEY, x_id int, KEY k (x_id), FOREIGN KEY (x_id) REFERENCES X (ID));\nCREATE INDEX i ON T (x_id);\n',
    edits: [
      ['KEY k (x_id)', 'KEY k (x_idd)'],
      ['(id int PRIMARY KEY);', '(id int PRIMARY KEY, v int);'],
      ['REFERENCES X (ID)', 'REFERENCES X (v)'],
    ],
    minPatches: 3,
  },
];

for (const c of CASES) {
  test(`patched interpretation equals a full replay: ${c.name}`, () => {
    const r = check(c.dialect, c.text, c.edits);
    assert.ok(r.patches >= c.minPatches, `${r.patches} of ${r.total} edits were patches`);
  });
}

test('a keystroke in generated DDL of every dialect is a patch equal to the full replay', () => {
  for (const d of ['postgres', 'mysql', 'sqlite', 'mssql'] as SqlDialect[]) {
    const text = generateDdl(d, 60);
    const r = check(d, text, [
      ['note text', 'notex text'],
      ['notex text', 'note text'],
      ['amount decimal(10, 2)', 'amount decimal(12, 2)'],
      ['t3', 't3x'], // the CREATE TABLE's name: not a patch; the FK from t4 now misses
    ]);
    assert.equal(r.patches, 3, d);
  }
});

test('OTHER statements (INSERT, SET, ...) around the edit do not prevent a patch', () => {
  const text = "INSERT INTO a VALUES (1);\nCREATE TABLE a (id int PRIMARY KEY);\nSET x = 1;\nCREATE TABLE b (id int, a_id int REFERENCES a);\nINSERT INTO b VALUES (1, 1);\n";
  const r = check('postgres', text, [['CREATE TABLE a (id int PRIMARY KEY)', 'CREATE TABLE a (id int PRIMARY KEY, n int)']]);
  assert.equal(r.patches, 1);
});

/** Deterministic pseudo-random edits: a cached re-parse equals a fresh parse (statements and diagnostics). */
test('a cached re-parse and re-interpretation equal fresh ones after random edits (insert, delete, paste, quotes, comments)', () => {
  let seed = 11;
  const rnd = (m: number): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % m);
  const snippets = ["'", '"', '(', ')', ';', '--', '/*', '*/', 'x', ' ', '\n', 'CREATE TABLE z (a int);\n', '$$', 'GO\n', 'DELIMITER //\n', 'END;', 'BEGIN '];
  for (const d of ['postgres', 'mysql', 'sqlite', 'mssql'] as SqlDialect[]) {
    const pc = new SqlParseCache();
    const ic = new SqlInterpretCache();
    let cur = generateDdl(d, 30);
    interpretSql([{ uri: 'u', file: parseSql(cur, d, pc) }], d, ic);
    for (let k = 0; k < 150; k++) {
      const at = rnd(cur.length + 1);
      const op = rnd(3);
      if (op === 0) cur = cur.slice(0, at) + snippets[rnd(snippets.length)] + cur.slice(at);
      else if (op === 1) cur = cur.slice(0, at) + cur.slice(at + 1 + rnd(40));
      else {
        const from = rnd(cur.length);
        cur = cur.slice(0, at) + cur.slice(from, from + rnd(200)) + cur.slice(at);
      }
      const got = parseSql(cur, d, pc);
      const want = parseSql(cur, d);
      assert.deepEqual(JSON.parse(JSON.stringify(got)), JSON.parse(JSON.stringify(want)), `${d} edit ${k}`);
      assert.deepEqual(plain(interpretSql([{ uri: 'u', file: got }], d, ic)), plain(interpretSql([{ uri: 'u', file: want }], d)), `${d} edit ${k} (model)`);
    }
    // a keystroke reuses every statement but the edited one
    const mid = cur.length >> 1;
    parseSql(cur.slice(0, mid) + ' ' + cur.slice(mid), d, pc);
    assert.ok(pc.reused >= parseSql(cur, d).statements.filter((s) => s.kind !== 'other').length - 2, `${d}: ${pc.reused} reused`);
  }
});

test('edits inside CREATE TABLEs of the real corpus: patched results equal full replays', async () => {
  const { readdirSync, readFileSync } = await import('node:fs');
  let seed = 5;
  const rnd = (m: number): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % m);
  let patches = 0;
  let edits = 0;
  for (const d of ['postgres', 'mysql', 'sqlite', 'mssql'] as SqlDialect[]) {
    const dir = `/work/shared/corpus/${d}`;
    for (const f of readdirSync(dir)) {
      let cur = readFileSync(`${dir}/${f}`, 'utf8');
      const pc = new SqlParseCache();
      const ic = new SqlInterpretCache();
      let file = parseSql(cur, d, pc);
      interpretSql([{ uri: 'u', file }], d, ic);
      for (let k = 0; k < 12; k++) {
        const tables = file.statements.filter((s) => s.kind === 'createTable');
        if (!tables.length) break;
        const st = tables[rnd(tables.length)];
        const at = st.span.start + 1 + rnd(Math.max(1, st.span.end - st.span.start - 1));
        cur = cur.slice(0, at) + [' ', 'x', ',', ' int'][rnd(4)] + cur.slice(at);
        file = parseSql(cur, d, pc);
        const got = interpretSql([{ uri: 'u', file }], d, ic);
        edits++;
        if (ic.last === 'patch') patches++;
        assert.deepEqual(plain(got), plain(interpretSql([{ uri: 'u', file: parseSql(cur, d) }], d)), `${d}/${f} edit ${k}`);
      }
    }
  }
  assert.ok(patches > 0, `${patches} of ${edits} edits patched`);
  console.log(`# corpus edits: ${patches} of ${edits} patched`);
});
