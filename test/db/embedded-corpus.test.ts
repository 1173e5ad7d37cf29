/**
 * The embedded PostgreSQL's check of real schema files (../shared/corpus):
 * each PostgreSQL file is loaded the way an Embedded PostgreSQL connection
 * loads its schema file, and what PGlite reports is compared with what the
 * real PostgreSQL 15 engine reported when the corpus was made (manifest
 * `statements`, `load_errors`). The only rejections allowed are those of
 * extensions PGlite does not carry, listed per file.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { closeEmbedded, openEmbeddedPostgres } from '../../server/src/db/pglite.ts';

const CORPUS = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'corpus');

interface Record_ {
  file: string;
  dialect: string;
  statements: number | null;
  load_errors: number | null;
  loaded_without_edit: boolean | null;
}

/** Per file: what PGlite lacks, the statements it rejects for that, and statements the manifest's load left out. */
const KNOWN: Record<string, { lacking: RegExp; rejected: number; notInManifest?: number }> = {
  // pgstattuple is not one of PGlite's extensions: its CREATE EXTENSION and COMMENT ON EXTENSION
  'postgres/danbooru-structure.sql': { lacking: /pgstattuple/, rejected: 2 },
  // pgvector: CREATE EXTENSION, COMMENT, the vector column's table, and the statements on that table;
  // the manifest's load commented out the extension's two statements (and had one error of its own: the hnsw index)
  'postgres/pagila-schema.sql': { lacking: /vector|film_embedding/, rejected: 8, notInManifest: 2 },
};

const manifest: Record_[] = existsSync(join(CORPUS, 'manifest.json')) ? (JSON.parse(readFileSync(join(CORPUS, 'manifest.json'), 'utf8')) as Record_[]) : [];
const files = manifest.filter((r) => r.dialect === 'postgres');

test('the corpus has PostgreSQL files', { skip: files.length ? false : `no corpus at ${CORPUS}` }, () => {
  assert.ok(files.length >= 4);
});

for (const rec of files) {
  test(`embedded check of ${rec.file}: the real engine's statements, rejections only for extensions PGlite lacks`, { timeout: 300_000 }, async () => {
    const text = readFileSync(join(CORPUS, rec.file), 'utf8');
    const known = KNOWN[rec.file];
    const options = { dialect: 'pglite' as const, key: rec.file, schema: { uri: `file:///corpus/${rec.file}`, text } };
    try {
      const conn = await openEmbeddedPostgres(options);
      const load = conn.schemaLoad!;
      await conn.close();
      if (rec.statements !== null) assert.equal(load.statements, rec.statements + (known?.notInManifest ?? 0), 'statements sent');
      const rejected = load.diagnostics.map((d) => `${d.message.split('\n')[0]} @ ${text.slice(d.span.start, Math.min(d.span.end, d.span.start + 60))}`);
      if (!known) {
        assert.equal(rec.load_errors, 0);
        assert.deepEqual(rejected, []);
        return;
      }
      assert.equal(load.failed, known.rejected, rejected.join('\n'));
      for (const r of rejected) assert.match(r, known.lacking);
    } finally {
      await closeEmbedded(options);
    }
  });
}
