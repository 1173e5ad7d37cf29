/**
 * `schemasage drift <schema files…> --url URL [--schema s]… [--json]`:
 * introspects the database and compares it with the schema files, as the
 * editor does for a connection with linked `schemaFiles`. Prints each
 * difference as a `file:line:col warning DRIFTnnn message` line (or JSON) and
 * exits 1 when there is any: a CI gate against drift.
 */
import { describeConnection, introspectWithWarnings } from '../../db/index.js';
import { computeDrift } from '../../engine/drift.js';
import type { Schema } from '../../engine/model/schema.js';
import { Workspace } from '../../engine/workspace.js';
import { collectFiles, type Dialect } from '../files.js';
import { formatDiagnosticLine, formatGithubAnnotation, placeDiagnostic, type CliDiagnostic } from '../output.js';
import { kindOf } from './check.js';
import { connectOrReport, connectionFromUrl, type Io } from './introspect.js';

export interface DriftCliOptions {
  paths: string[];
  url: string | undefined;
  schemas: string[];
  json: boolean;
  dialect?: Dialect;
  cwd: string;
  github?: boolean;
}

export async function runDrift(options: DriftCliOptions, io: Io): Promise<number> {
  if (!options.url) {
    io.stderr('schemasage: drift needs --url\n');
    return 2;
  }
  const files = collectFiles(options.paths, options.cwd, options.dialect);
  const ws = new Workspace();
  for (const f of files) ws.setFile(f.uri, f.text, 0, kindOf(f.dialect));
  const binding = ws.binding();
  const uris = new Set(files.map((f) => f.uri));
  const parts = binding.parts.filter((p) => p.tables.some((t) => t.source && uris.has(t.source.uri)));
  const fileSchema: Schema = parts.length === 1 ? parts[0]! : binding.schema;

  const conn = connectionFromUrl(options.url, options.cwd);
  const db = await connectOrReport(conn, io);
  if (!db) return 2;
  let database: Schema;
  try {
    database = (await introspectWithWarnings(db, options.schemas.length ? { schemas: options.schemas } : {})).schema;
  } finally {
    await db.close().catch(() => undefined);
  }
  const name = conn.dialect === 'sqlite' ? options.url.replace(/^sqlite:(\/\/)?/i, '') : describeConnection(conn);
  const drift = computeDrift(fileSchema, database, { database: name, dialect: conn.dialect });
  const byUri = new Map(files.map((f) => [f.uri, f]));
  const placed: CliDiagnostic[] = drift.diagnostics.map((d) => placeDiagnostic(d, byUri.get(d.uri)?.display ?? d.uri, ws.getFile(d.uri)!.lineIndex));
  if (options.json) io.stdout(`${JSON.stringify({ database: name, differences: drift.items, diagnostics: placed }, null, 2)}\n`);
  else {
    if (placed.length) io.stdout(placed.map(formatDiagnosticLine).join('\n') + '\n');
    if (options.github && placed.length) io.stdout(placed.map(formatGithubAnnotation).join('\n') + '\n');
    io.stderr(drift.items.length ? `${drift.items.length} difference${drift.items.length === 1 ? '' : 's'} between ${files.length} file${files.length === 1 ? '' : 's'} and ${name}\n` : `in sync: ${files.length} file${files.length === 1 ? '' : 's'} and ${name} (${database.tables.length} tables)\n`);
  }
  return drift.items.length ? 1 : 0;
}
