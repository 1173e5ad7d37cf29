/**
 * "Infer schema from data" for the editor: reads the data files (streamed,
 * cancellable through the request's token), infers the schema, and answers
 * with it as DBML (through the codegen printer) plus the data-quality report
 * and the PII findings. Progress goes out per file read.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { RequestType, type Connection } from './lsp.js';
import { isDataPath, profileDataFiles } from '../data/index.js';
import { renderSchema } from '../render.js';
import { DataInferRequest, DataProgressNotification, type DataInferParams, type DataInferResult } from './protocol.js';
import type { ServerState } from './state.js';

function expand(paths: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && isDataPath(p)) out.push(p);
    }
  };
  for (const p of paths) {
    if (statSync(p).isDirectory()) walk(p);
    else out.push(p);
  }
  return [...new Set(out)].sort();
}

export function registerDataInference(connection: Connection, state: ServerState): void {
  connection.onRequest(new RequestType<DataInferParams, DataInferResult, void>(DataInferRequest), async (params, token): Promise<DataInferResult> => {
    try {
      const paths = expand(params.paths);
      if (!paths.length) return { ok: false, error: 'no data files (.json, .jsonl, .ndjson, .csv, .tsv, .yaml, .yml, .xml) there' };
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      const { inference, files, aborted } = await profileDataFiles(
        paths,
        { onFile: (s, i) => void connection.sendNotification(DataProgressNotification, { done: i + 1, total: paths.length, path: s.path, rows: s.rows }) },
        controller.signal,
      );
      const r = renderSchema(inference.schema, 'dbml');
      if ('error' in r) return { ok: false, error: r.error };
      return {
        ok: true,
        dbml: r.text,
        report: inference.quality,
        pii: inference.pii,
        files: files.length,
        rows: files.reduce((n, f) => n + f.rows, 0),
        errors: files.flatMap((f) => f.errors.map((e) => ({ path: f.path, line: e.line, column: e.column, message: e.message }))),
        aborted,
      };
    } catch (err) {
      state.logError('data inference failed', err);
      return { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
  });
}
