/**
 * SQL front end measurements (not a test): parse throughput per dialect on
 * every corpus file and on generated DDL of 1,000 and 5,000 tables, against
 * libpg-query (PostgreSQL) and node-sql-parser (all four), per statement, plus
 * the p95 of a keystroke (one statement edited, cached re-parse + cached
 * interpret, as the workspace does per unit) in the generated files (wall
 * time), with how many keystrokes were patches rather than full replays. Parse figures are CPU time, the fastest
 * of several runs after a warm-up (the whole-file parse also with the median of those runs).
 *
 *   node --import tsx server/test/sql/measure.ts [--quick]
 *
 * For `npm run bench` to pick up; prints one line per input.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadModule, parseSync } from 'libpg-query';
import nodeSqlParser from 'node-sql-parser';
import { interpretSql, parseSql, splitStatements, SqlInterpretCache, SqlParseCache, type SqlDialect } from '../../src/engine/syntax/sql/index.js';

const CORPUS = join(fileURLToPath(new URL('../../../', import.meta.url)), '..', 'shared', 'corpus');
const quick = process.argv.includes('--quick');
const DIALECTS: SqlDialect[] = ['postgres', 'mysql', 'sqlite', 'mssql'];
const NSP_DB: Record<SqlDialect, string> = { postgres: 'PostgresQL', mysql: 'MySQL', sqlite: 'Sqlite', mssql: 'TransactSQL' };

/** Generated DDL: n tables with a PK, a unique pair, an FK to the previous table, an index each. */
export function generateDdl(dialect: SqlDialect, n: number): string {
  const q = (s: string): string => (dialect === 'mysql' ? '`' + s + '`' : dialect === 'mssql' ? '[' + s + ']' : '"' + s + '"');
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const ref = i > 0 ? `,\n  ${q('parent_id')} integer NOT NULL REFERENCES ${q('t' + (i - 1))} (${q('id')}) ON DELETE CASCADE` : '';
    out.push(
      `CREATE TABLE ${q('t' + i)} (\n  ${q('id')} integer NOT NULL PRIMARY KEY,\n  name varchar(255) NOT NULL DEFAULT 'x',\n  created_at timestamp NOT NULL,\n  amount decimal(10, 2),\n  note text${ref},\n  CONSTRAINT ${q('u' + i)} UNIQUE (name, created_at)\n);\nCREATE INDEX ${q('i' + i)} ON ${q('t' + i)} (created_at);\n`,
    );
  }
  return out.join(dialect === 'mssql' ? 'GO\n' : '');
}

/** CPU time of `f`: the fastest of `runs` runs after a warm-up (the least disturbed by other load). */
function cpuMs(f: () => void, runs: number): number {
  return cpuRuns(f, runs).best;
}

/** The fastest and the median CPU time of `runs` runs of `f` after a warm-up. */
function cpuRuns(f: () => void, runs: number): { best: number; median: number } {
  f();
  const ms: number[] = [];
  for (let k = 0; k < runs; k++) {
    const c0 = process.cpuUsage();
    f();
    const c = process.cpuUsage(c0);
    ms.push((c.user + c.system) / 1000);
  }
  ms.sort((a, b) => a - b);
  return { best: ms[0], median: ms[ms.length >> 1] };
}

const mbs = (bytes: number, ms: number): string => (bytes / 1e6 / (ms / 1000)).toFixed(1);

async function main(): Promise<void> {
  await loadModule();
  const nsp = new nodeSqlParser.Parser();
  const inputs: { label: string; dialect: SqlDialect; text: string; generated: boolean }[] = [];
  for (const d of DIALECTS) {
    const dir = join(CORPUS, d);
    if (existsSync(dir)) for (const f of readdirSync(dir)) inputs.push({ label: `${d}/${f}`, dialect: d, text: readFileSync(join(dir, f), 'utf8'), generated: false });
    for (const n of quick ? [1000] : [1000, 5000]) inputs.push({ label: `generated ${d} ${n} tables`, dialect: d, text: generateDdl(d, n), generated: true });
  }
  for (const inp of inputs) {
    const runs = inp.text.length > 1e6 ? 8 : 15;
    const oursRuns = cpuRuns(() => parseSql(inp.text, inp.dialect), runs);
    const ours = oursRuns.best;
    const withModel = cpuMs(() => interpretSql([{ uri: 'x', file: parseSql(inp.text, inp.dialect) }], inp.dialect), runs);
    // the oracles, per statement, on the DDL statements only (they reject or choke on psql data blocks)
    const stmts = splitStatements(inp.text, inp.dialect)
      .map((s) => inp.text.slice(s.start, s.end))
      .filter((s) => /^\s*(create|alter)\b/i.test(s));
    const ddlBytes = stmts.reduce((a, s) => a + s.length, 0);
    let line = `${inp.label}\t${(inp.text.length / 1024).toFixed(0)} KB\tours ${ours.toFixed(1)} ms ${mbs(inp.text.length, ours)} MB/s (median ${oursRuns.median.toFixed(1)} ms ${mbs(inp.text.length, oursRuns.median)} MB/s)\t+model ${withModel.toFixed(1)} ms`;
    const oursDdl = cpuMs(() => {
      for (const s of stmts) parseSql(s, inp.dialect);
    }, runs);
    line += `\tDDL only: ours ${mbs(ddlBytes, oursDdl)} MB/s`;
    if (inp.dialect === 'postgres') {
      const pg = cpuMs(() => {
        for (const s of stmts) {
          try {
            parseSync(s);
          } catch {
            /* rejected */
          }
        }
      }, runs);
      line += `, libpg-query ${mbs(ddlBytes, pg)} MB/s (x${(pg / oursDdl).toFixed(2)})`;
    }
    if (!quick || inp.text.length < 400_000) {
      const ns = cpuMs(() => {
        for (const s of stmts) {
          try {
            nsp.astify(s, { database: NSP_DB[inp.dialect] });
          } catch {
            /* rejected */
          }
        }
      }, inp.text.length > 1e6 ? 1 : 3);
      line += `, node-sql-parser ${mbs(ddlBytes, ns)} MB/s (x${(ns / oursDdl).toFixed(2)})`;
    }
    if (inp.generated) {
      const cache = new SqlParseCache();
      const unit = new SqlInterpretCache();
      interpretSql([{ uri: 'x', file: parseSql(inp.text, inp.dialect, cache) }], inp.dialect, unit);
      const mid = inp.text.indexOf('note text', Math.floor(inp.text.length / 2));
      const ks: number[] = [];
      const cs: number[] = [];
      let patches = 0;
      for (let k = 0; k < 40; k++) {
        const edited = inp.text.slice(0, mid) + 'note' + 'x'.repeat(k % 7 + 1) + inp.text.slice(mid + 4);
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        const f = parseSql(edited, inp.dialect, cache);
        interpretSql([{ uri: 'x', file: f }], inp.dialect, unit);
        ks.push(performance.now() - t0);
        const c = process.cpuUsage(c0);
        cs.push((c.user + c.system) / 1000);
        if (unit.last === 'patch') patches++;
      }
      ks.sort((a, b) => a - b);
      cs.sort((a, b) => a - b);
      // wall time as the user waits; CPU time (all threads) as the work done, steadier on a loaded machine
      line += `\tkeystroke p95 ${ks[Math.floor(ks.length * 0.95)].toFixed(1)} ms (CPU p95 ${cs[Math.floor(cs.length * 0.95)].toFixed(1)} ms; ${patches}/40 patched)`;
    }
    console.log(line);
  }
}

if (process.argv[1]?.endsWith("measure.ts")) void main();
