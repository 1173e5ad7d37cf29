/**
 * Sample rows for grounding, the part without VS Code: whether they may be
 * read at all (only with `schemasage.ai.sendSampleData` on, and in an
 * untrusted workspace only after the user agreed: a workspace's own settings
 * could turn the setting on), which tables (the question's most relevant),
 * and the server request's answer as grounding's `SampleRows`. The server
 * never selects personal-data columns and grounding masks again.
 */
import type { Schema } from '../../../server/src/engine/model/schema.js';
import type { SampleRows } from '../../../server/src/engine/ai/grounding.js';
import { rankTables } from '../../../server/src/engine/ai/grounding.js';
import type { DbSamplesParams, DbSamplesResult } from '../../../server/src/engine/ai/db-requests.js';
import type { AiLog } from './log.js';

export interface SampleGate {
  /** `schemasage.ai.sendSampleData` */
  sendSampleData: boolean;
  /** `vscode.workspace.isTrusted` */
  trusted: boolean;
  /** asks the user (untrusted workspaces only); true when they agreed */
  consent(): Promise<boolean>;
}

/** Tables sampled per question and rows per table. */
export const SAMPLE_TABLES = 8;
export const SAMPLE_ROWS = 5;

/** True when sample rows may be read for this question (asks for consent only when it would matter). */
export async function mayUseSamples(gate: SampleGate): Promise<boolean> {
  if (!gate.sendSampleData) return false;
  if (gate.trusted) return true;
  return gate.consent();
}

/**
 * Sample rows of the tables the question is most about, through `request`
 * (the server's `schemasage/db/samples` with the chosen connection). Empty
 * when the setting is off, consent is refused, or the request fails; never
 * throws.
 */
export async function gatherSamples(
  gate: SampleGate,
  schema: Schema,
  question: string,
  request: (params: Omit<DbSamplesParams, 'connection'>) => Promise<DbSamplesResult | undefined>,
  log?: AiLog,
): Promise<ReadonlyMap<string, SampleRows> | undefined> {
  if (!(await mayUseSamples(gate))) return undefined;
  const keys = new Set(rankTables(schema, question).slice(0, SAMPLE_TABLES));
  const tables = schema.tables.filter((t) => keys.has(t.key) && !t.isView).map((t) => ({ key: t.key, schema: t.schema, name: t.name, columns: t.columns }));
  if (!tables.length) return undefined;
  try {
    const r = await request({ defaultSchema: schema.defaultSchema, tables, rows: SAMPLE_ROWS, timeoutMs: 2000 });
    if (!r) return undefined;
    if (!r.ok) {
      log?.info(`sample rows unavailable: ${r.error}`);
      return undefined;
    }
    const out = new Map<string, SampleRows>();
    for (const [key, s] of Object.entries(r.samples)) out.set(key, { columns: s.columns, rows: s.rows });
    log?.info(`sample rows: ${out.size} tables${Object.keys(r.skipped).length ? `, ${Object.keys(r.skipped).length} skipped` : ''}`);
    return out;
  } catch (err) {
    log?.info(`sample rows unavailable: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
}
