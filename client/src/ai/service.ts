/**
 * The assistant's VS Code side, shared by the chat panel and the
 * `@schemasage` participant: reads the settings and the stored key, builds
 * the provider chain, asks for consent before anything leaves an untrusted
 * workspace, gathers the schema (and, only when `sendSampleData` is on and,
 * in an untrusted workspace, the user agreed, sample rows without personal
 * data) and runs the controller. Logs go through `AiLog` (no keys; prompts only
 * with `schemasage.ai.debugLog`).
 */
import * as vscode from 'vscode';
import type { Relationship, Schema } from '../../../server/src/engine/model/schema.js';
import type { GroundingFinding, SampleRows } from '../../../server/src/engine/ai/grounding.js';
import type { DbQueryParams, DbQueryResult, DbSamplesParams, DbSamplesResult } from '../../../server/src/engine/ai/db-requests.js';
import { gatherSamples } from './samples.js';
import type { RunTarget } from './run-sql.js';
import type { AiRelationship } from '../../../server/src/engine/ai/answer.js';
import type { ChatMessage, SqlChecker } from '../../../server/src/engine/ai/types.js';
import { runTurn, type TurnResult, type TurnSink } from './controller.js';
import { FallbackProvider } from './fallback.js';
import { AiLog } from './log.js';
import { OpenAiProvider } from './openai-provider.js';
import { getApiKey, readSettings, type AiSettings, type ProviderKind } from './settings.js';
import { ProviderError, type ChatProvider } from './types.js';
import { VsCodeLmProvider } from './vscode-lm-provider.js';

/** What the chat grounds on; the lead supplies it (the server's `schemasage/schemaModel`). */
export interface SchemaSnapshot {
  schema: Schema;
  /** relationships the engine inferred */
  inferred?: Relationship[];
  findings?: GroundingFinding[];
  /** SQL dialect answers should use (default postgres) */
  dialect?: string;
}

/** Everything the assistant needs from the rest of the extension. */
export interface AiDeps {
  output: vscode.LogOutputChannel;
  /** the schema of the workspace (or of the active file's unit); undefined when there is none */
  getSchema(): Promise<SchemaSnapshot | undefined>;
  /** the engine's query checker: `(sql) => checkQueries(schema, sql, dialect).diagnostics` */
  checker?(schema: Schema, dialect: string): SqlChecker | undefined;
  /**
   * Sample rows through the server's `schemasage/db/samples` on the connection
   * linked to the schema (undefined when there is none). Called only when
   * `schemasage.ai.sendSampleData` is on and, in an untrusted workspace, the
   * user agreed; personal-data columns are never read (and grounding masks again).
   */
  sampleRows?(params: Omit<DbSamplesParams, 'connection'>): Promise<DbSamplesResult | undefined>;
  /** the Connections view's profiles, for "Run in…" */
  connections?(): RunTarget[];
  /** runs one confirmed statement through the server's `schemasage/db/query` on a connection by name */
  runQuery?(connection: string, params: Omit<DbQueryParams, 'connection'>): Promise<DbQueryResult>;
  /** "Open as migration plan" on a code block */
  openMigrationPlan?(sql: string): void | Thenable<void>;
  /** "Declare this relationship" on a suggestion */
  declareRelationship?(relationship: AiRelationship): void | Thenable<void>;
}

const CONSENT_KEY = 'schemasage.ai.untrustedConsent';
const SAMPLE_CONSENT_KEY = 'schemasage.ai.untrustedSampleConsent';

export class ChatService {
  readonly log: AiLog;
  private keys: string[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    readonly deps: AiDeps,
  ) {
    this.log = new AiLog({ info: (l) => deps.output.info(l) }, () => readSettings().debugLog, () => this.keys);
  }

  /** Builds the provider chain of the current settings. */
  async provider(settings = readSettings()): Promise<ChatProvider> {
    const order: ProviderKind[] = [settings.provider];
    for (const f of settings.fallback) if (!order.includes(f)) order.push(f);
    const providers: ChatProvider[] = [];
    for (const kind of order) {
      if (kind === 'vscode-lm') {
        providers.push(new VsCodeLmProvider(settings.vscodeModelFamily));
        continue;
      }
      const apiKey = await getApiKey(this.context.secrets, settings.baseUrl);
      if (apiKey && !this.keys.includes(apiKey)) this.keys.push(apiKey);
      if (!apiKey && !settings.baseUrl) {
        // OpenAI itself needs a key; a local endpoint often does not
        providers.push(missingKey());
        continue;
      }
      providers.push(
        new OpenAiProvider({
          id: settings.baseUrl ? 'openai-compatible' : 'openai',
          baseURL: settings.baseUrl || undefined,
          apiKey,
          model: settings.model,
          timeoutMs: settings.timeoutSeconds * 1000,
          retry: { maxRetries: settings.maxRetries },
          onRetry: (attempt, delay, e) => this.log.info(`retry ${attempt} in ${delay} ms after ${e.kind}${e.status ? ` ${e.status}` : ''}`),
        }),
      );
    }
    return new FallbackProvider(providers, (failed, e, next) => this.log.info(`${failed} failed (${e.kind}); trying ${next}`));
  }

  /** True when the schema may be sent: a trusted workspace, or the user agreed. */
  async consent(settings: AiSettings): Promise<boolean> {
    if (vscode.workspace.isTrusted) return true;
    if (this.context.workspaceState.get<boolean>(CONSENT_KEY) === true) return true;
    const where = settings.provider === 'vscode-lm' ? vscode.l10n.t('VS Code\u2019s language model') : settings.baseUrl || 'OpenAI';
    const once = vscode.l10n.t('Send This Time');
    const always = vscode.l10n.t('Always for This Workspace');
    const pick = await vscode.window.showWarningMessage(vscode.l10n.t('This workspace is not trusted. Send its schema (tables, columns, notes) to {0} to answer the question?', where), { modal: true }, once, always);
    if (pick === always) await this.context.workspaceState.update(CONSENT_KEY, true);
    return pick === once || pick === always;
  }

  /** In an untrusted workspace: may sample rows of its database be sent? (asked once per workspace when agreed for good) */
  async sampleConsent(): Promise<boolean> {
    if (this.context.workspaceState.get<boolean>(SAMPLE_CONSENT_KEY) === true) return true;
    const once = vscode.l10n.t('Send Samples This Time');
    const always = vscode.l10n.t('Always for This Workspace');
    const pick = await vscode.window.showWarningMessage(
      vscode.l10n.t('This workspace is not trusted, and its settings ask to send sample rows of its database (personal-data columns masked) with the question. Send them?'),
      { modal: true },
      once,
      always,
    );
    if (pick === always) await this.context.workspaceState.update(SAMPLE_CONSENT_KEY, true);
    return pick === once || pick === always;
  }

  /**
   * Answers one question. Undefined when nothing was sent (no consent); a
   * result with `error` when there is no schema or the provider failed.
   */
  async ask(question: string, history: readonly ChatMessage[], sink: TurnSink, signal: AbortSignal, providerOverride?: ChatProvider): Promise<TurnResult | undefined> {
    const settings = readSettings();
    if (!(await this.consent(settings))) return undefined;
    const snapshot = await this.deps.getSchema();
    if (!snapshot) {
      const r = emptyResult();
      r.error = new ProviderError('unavailable', 'No schema yet: open a DBML, SQL or Prisma file of this workspace.');
      return r;
    }
    const dialect = snapshot.dialect ?? 'postgres';
    let samples: ReadonlyMap<string, SampleRows> | undefined;
    const sampleRows = this.deps.sampleRows;
    if (sampleRows) {
      samples = await gatherSamples({ sendSampleData: settings.sendSampleData, trusted: vscode.workspace.isTrusted, consent: () => this.sampleConsent() }, snapshot.schema, question, (p) => sampleRows(p), this.log);
    }
    const provider = providerOverride ?? (await this.provider(settings));
    return runTurn(
      provider,
      { schema: snapshot.schema, dialect, checker: this.deps.checker?.(snapshot.schema, dialect), findings: snapshot.findings, inferred: snapshot.inferred, samples, budgetTokens: settings.maxSchemaTokens },
      history,
      question,
      sink,
      signal,
      this.log,
    );
  }
}

function missingKey(): ChatProvider {
  return {
    id: 'openai',
    async *stream() {
      throw new ProviderError('auth', 'No OpenAI API key: run "SchemaSage: Set AI API Key" first (or choose another provider in schemasage.ai.provider).');
    },
  };
}

function emptyResult(): TurnResult {
  return {
    answer: '',
    attempts: [],
    check: { blocks: [], errors: 0 },
    suggestions: [],
    toolDiagnostics: [],
    usage: { promptTokens: 0, completionTokens: 0, totalTokens: 0 },
    stopped: false,
    grounding: { tables: [], omitted: 0, tokens: 0 },
  };
}
