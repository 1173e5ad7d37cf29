/**
 * Conformance with the reference DBML parser: the 265 inputs of holistics/dbml's
 * own test suite (../shared/conformance/dbml, read-only), each with @dbml/core
 * 10.2.0's verdict (`accepted_v2`), first error and counts in manifest.json.
 *
 * One test per input. For every input: the same verdict (rejected = at least one
 * error-severity diagnostic). Rejected: an error on the manifest's `error.line`
 * (more errors elsewhere are fine). Accepted: the same numbers of tables, refs,
 * enums and table groups, and the same table names ("schema.table" unless public).
 *
 * Where we are convinced the reference is wrong, the input stays in the suite and
 * EXCEPTIONS states our verdict and why; it is asserted, not skipped.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Workspace } from '../src/engine/workspace.js';

const ROOT = join(fileURLToPath(new URL('../../', import.meta.url)), '..', 'shared', 'conformance', 'dbml');

interface ManifestRecord {
  file: string;
  accepted_v2: boolean;
  error: { line: number; column: number; message: string } | null;
  tables: number | null;
  refs: number | null;
  enums: number | null;
  tableGroups: number | null;
  table_names: string[] | null;
}

/** Inputs where we deliberately differ from the reference: our verdict and the reason. */
const EXCEPTIONS: Record<string, { accepted: boolean; reason: string }> = {
  // none: every input agrees with @dbml/core 10.2.0
};

const manifest: ManifestRecord[] = existsSync(join(ROOT, 'manifest.json')) ? JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')) : [];

test('the conformance manifest is present and complete', { skip: manifest.length ? false : `no conformance inputs at ${ROOT}` }, () => {
  assert.equal(manifest.length, 265);
  for (const file of Object.keys(EXCEPTIONS)) assert.ok(manifest.some((r) => r.file === file), `exception for an unknown input: ${file}`);
});

for (const r of manifest) {
  test(r.file, () => {
    const uri = 'file:///conformance/main.dbml';
    const ws = new Workspace();
    const file = ws.setFile(uri, readFileSync(join(ROOT, r.file), 'utf8'));
    const errors = ws.diagnostics(uri).filter((d) => d.severity === 'error');
    const lineOf = (offset: number): number => file.lineIndex.position(offset).line + 1;
    const describe = (): string =>
      errors
        .slice(0, 5)
        .map((d) => `${lineOf(d.span.start)}: ${d.code} ${d.message}`)
        .join('\n  ');

    const exception = EXCEPTIONS[r.file];
    const expectAccepted = exception ? exception.accepted : r.accepted_v2;
    if (exception) assert.notEqual(exception.accepted, r.accepted_v2, `exception for ${r.file} agrees with the reference: remove it`);

    if (!expectAccepted) {
      assert.ok(errors.length > 0, `the reference rejects this input (line ${r.error?.line}: ${r.error?.message}); we report no error`);
      if (!exception && r.error) {
        const lines = errors.map((d) => lineOf(d.span.start));
        assert.ok(lines.includes(r.error.line), `the reference reports line ${r.error.line} (${r.error.message}); our errors:\n  ${describe()}`);
      }
      return;
    }

    assert.equal(errors.length, 0, `the reference accepts this input; our errors:\n  ${describe()}`);
    if (exception) return;
    const schema = ws.binding().schema;
    assert.deepEqual(
      { tables: schema.tables.length, refs: schema.relationships.length, enums: schema.enums.length, tableGroups: schema.tableGroups.length },
      { tables: r.tables, refs: r.refs, enums: r.enums, tableGroups: r.tableGroups },
    );
    const names = schema.tables.map((t) => (t.schema === 'public' ? t.name : `${t.schema}.${t.name}`));
    assert.deepEqual([...names].sort(), [...(r.table_names ?? [])].sort());
  });
}
