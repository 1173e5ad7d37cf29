/**
 * Benchmark entry to the SchemaSage engine: bundled by bench/run.mjs into
 * bench/.build/engine.cjs so the benchmark measures the same code the server
 * and CLI ship, in the benchmark's own process. Only calls the public
 * Workspace API; never reads files.
 */
import { Workspace } from '../server/src/engine/workspace.js';

export interface CheckResult {
  tables: number;
  relationships: number;
  diagnostics: number;
  errors: number;
}

function summarize(ws: Workspace, uris: string[]): CheckResult {
  const schema = ws.binding().schema;
  let diagnostics = 0;
  let errors = 0;
  for (const uri of uris) {
    for (const d of ws.diagnostics(uri)) {
      diagnostics++;
      if (d.severity === 'error') errors++;
    }
  }
  return { tables: schema.tables.length, relationships: schema.relationships.length, diagnostics, errors };
}

/** Full parse + bind + diagnostics of the given files in a fresh workspace (no caches). */
export function checkFiles(files: { uri: string; text: string }[]): CheckResult {
  const ws = new Workspace();
  for (const f of files) ws.setFile(f.uri, f.text);
  return summarize(ws, files.map((f) => f.uri));
}

/**
 * A long-lived workspace for edit latency: `open` loads a file, `edit`
 * replaces its text (as a didChange would) and recomputes its diagnostics.
 */
export function editSession(uri: string, text: string) {
  const ws = new Workspace();
  ws.setFile(uri, text, 1);
  summarize(ws, [uri]);
  let version = 1;
  return {
    edit(newText: string): CheckResult {
      ws.setFile(uri, newText, ++version);
      return summarize(ws, [uri]);
    },
  };
}
