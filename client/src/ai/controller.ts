/**
 * The chat controller: one user question -> grounded prompt -> streamed
 * answer -> engine check of its SQL -> at most one retry with the errors ->
 * the final answer with the engine's diagnostics, the checked relationship
 * suggestions, the model and the token usage. Shared by the chat panel and
 * the `@schemasage` participant. It never runs SQL and never acts on a tool
 * call: suggestions are returned for a user to accept, and a
 * `propose_schema_change` becomes an edited copy of the schema and a
 * migration plan for review (a proposal that names unknown tables or columns
 * goes back to the model once, as a tool result with the errors).
 *
 * No vscode import: tests drive it in node against a local OpenAI-compatible server.
 */
import type { Diagnostic } from '../../../server/src/engine/diagnostics.js';
import type { Relationship, Schema } from '../../../server/src/engine/model/schema.js';
import { groundSchema, type GroundingFinding, type SampleRows } from '../../../server/src/engine/ai/grounding.js';
import { buildMessages, TOOLS } from '../../../server/src/engine/ai/prompts.js';
import { checkAnswer, relationshipFromToolCall, retryMessage, type AiRelationship, type AnswerCheck } from '../../../server/src/engine/ai/answer.js';
import type { ChatMessage, SqlChecker, ToolCall } from '../../../server/src/engine/ai/types.js';
import type { ChatBlock, ChatChange, ChatEntry } from '../../../server/src/engine/ai/protocol.js';
import { planSchemaChange, PROPOSE_SCHEMA_CHANGE, schemaChangeFromToolCall, schemaChangeRetryText, type PlannedChange, type SchemaChangeProposal } from '../../../server/src/engine/ai/schema-change.js';
import type { MigrationDialect } from '../../../server/src/engine/migrate/index.js';
import { ProviderError, type ChatProvider, type TokenUsage } from './types.js';
import { redact, type AiLog } from './log.js';

export interface TurnContext {
  schema: Schema;
  /** SQL dialect the answers should use (`postgres`, `mysql`, ...) */
  dialect: string;
  /** the engine's query checker for this schema; without one, answers are not checked */
  checker?: SqlChecker;
  findings?: readonly GroundingFinding[];
  inferred?: readonly Relationship[];
  /** only when the user allowed sending sample data */
  samples?: ReadonlyMap<string, SampleRows>;
  /** token budget of the schema part of the prompt */
  budgetTokens?: number;
}

/** A schema change the model proposed that checked: the operations and the plan in the schema's dialect. */
export interface TurnChange {
  proposal: SchemaChangeProposal;
  planned: PlannedChange;
  dialect: MigrationDialect;
}

const PLAN_DIALECTS = new Set<string>(['postgres', 'mysql', 'sqlite', 'mssql']);

/** The migration dialect of a chat dialect name (PostgreSQL when it is none of the four). */
export function planDialect(dialect: string): MigrationDialect {
  return PLAN_DIALECTS.has(dialect) ? (dialect as MigrationDialect) : 'postgres';
}

export interface TurnSink {
  /** a piece of the answer being streamed; `attempt` 0 is the first answer, 1 the corrected one */
  text?(delta: string, attempt: number): void;
  /** the first answer had errors; the model is asked again with this message */
  retry?(message: string, check: AnswerCheck): void;
  model?(provider: string, model: string): void;
}

export interface TurnAttempt {
  text: string;
  check: AnswerCheck;
}

export interface TurnResult {
  /** the answer shown last */
  answer: string;
  attempts: TurnAttempt[];
  /** the final answer's check (diagnostics spans are offsets into `answer`) */
  check: AnswerCheck;
  suggestions: AiRelationship[];
  /** diagnostics about tool calls (unknown tools, bad suggestions, a schema change that did not check after its retry) */
  toolDiagnostics: Diagnostic[];
  /** the last schema change the model proposed that checked */
  change?: TurnChange;
  usage: TokenUsage;
  provider?: string;
  model?: string;
  /** true when the user stopped the answer */
  stopped: boolean;
  /** the provider failure that ended the turn, if any */
  error?: ProviderError;
  grounding: { tables: string[]; omitted: number; tokens: number };
}

const MAX_RETRIES = 1;

function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return { promptTokens: a.promptTokens + b.promptTokens, completionTokens: a.completionTokens + b.completionTokens, totalTokens: a.totalTokens + b.totalTokens };
}

/** Runs one question through the provider and the engine's checks. Never throws: failures are in the result. */
export async function runTurn(provider: ChatProvider, ctx: TurnContext, history: readonly ChatMessage[], question: string, sink: TurnSink, signal: AbortSignal, log?: AiLog): Promise<TurnResult> {
  const grounding = groundSchema(ctx.schema, { question, budgetTokens: ctx.budgetTokens, findings: ctx.findings, inferred: ctx.inferred, samples: ctx.samples });
  const tools = provider.supportsTools !== false;
  const messages = buildMessages({ grounding: grounding.text, history, question, dialect: ctx.dialect, tools });
  log?.info(`turn: ${grounding.tables.length} tables in the prompt (${grounding.omitted} omitted, ~${grounding.tokens} tokens), provider ${provider.id}`);
  log?.debug('prompt', () => messages.map((m) => `--- ${m.role}\n${m.content}`).join('\n'));
  const result: TurnResult = {
    answer: '',
    attempts: [],
    check: { blocks: [], errors: 0 },
    suggestions: [],
    toolDiagnostics: [],
    usage: { promptTokens: 0, completionTokens: 0, totalTokens: 0 },
    stopped: false,
    grounding: { tables: grounding.tables, omitted: grounding.omitted, tokens: grounding.tokens },
  };
  const calls: ToolCall[] = [];
  let changeErrors: Diagnostic[] = [];
  for (let attempt = 0; attempt <= MAX_RETRIES; attempt++) {
    let text = '';
    const attemptCalls: ToolCall[] = [];
    const started = Date.now();
    try {
      for await (const chunk of provider.stream(messages, { tools: tools ? TOOLS : [], temperature: 0 }, signal)) {
        if (chunk.type === 'text') {
          text += chunk.text;
          sink.text?.(chunk.text, attempt);
        } else if (chunk.type === 'toolCall') attemptCalls.push(chunk.call);
        else if (chunk.type === 'usage') result.usage = addUsage(result.usage, chunk.usage);
        else {
          result.provider = chunk.provider;
          result.model = chunk.model;
          sink.model?.(chunk.provider, chunk.model);
        }
      }
    } catch (err) {
      const raw = err instanceof ProviderError ? err : new ProviderError('network', err instanceof Error ? err.message : String(err));
      // a provider may echo the key in its error: the message is shown in the panel and kept in history
      const clean = log ? log.scrub(raw.message) : redact(raw.message);
      const e = clean === raw.message ? raw : new ProviderError(raw.kind, clean, raw.status, raw.retryAfterMs);
      if (e.kind === 'cancelled') result.stopped = true;
      else result.error = e;
      log?.info(`answer ${e.kind === 'cancelled' ? 'stopped' : `failed (${e.kind}${e.status ? ` ${e.status}` : ''})`} after ${Date.now() - started} ms`);
    }
    const check = ctx.checker ? checkAnswer(text, ctx.checker) : checkAnswer(text, () => []);
    result.attempts.push({ text, check });
    result.answer = text;
    result.check = check;
    // schema changes: the last one that checks wins; the errors of the others may go back once
    const failed = new Map<string, Diagnostic[]>();
    for (const call of attemptCalls) {
      if (call.name !== PROPOSE_SCHEMA_CHANGE) {
        calls.push(call);
        continue;
      }
      if (result.stopped || result.error) continue;
      const r = schemaChangeFromToolCall(ctx.schema, call);
      if (r.proposal) {
        const dialect = planDialect(ctx.dialect);
        result.change = { proposal: r.proposal, planned: planSchemaChange(ctx.schema, r.proposal, dialect), dialect };
        log?.info(`schema change: ${r.proposal.operations.length} operations, ${result.change.planned.plan.statements.length} statements, hazards ${result.change.planned.plan.hazards.map((h) => h.code).join(' ') || 'none'}`);
      } else failed.set(call.id, r.diagnostics);
    }
    changeErrors = result.change ? [] : [...failed.values()].flat();
    log?.info(`answer ${attempt + 1}: ${text.length} chars, ${check.blocks.length} SQL blocks, ${check.errors} errors${failed.size ? `, ${failed.size} schema changes with errors` : ''}, ${Date.now() - started} ms`);
    log?.debug('answer', () => text);
    if (result.stopped || result.error || attempt === MAX_RETRIES) break;
    const retry = retryMessage(text, check);
    const changeRetry = failed.size > 0 && !result.change;
    if (!retry && !changeRetry) break;
    if (retry) sink.retry?.(retry.content, check);
    else sink.retry?.(schemaChangeRetryText(changeErrors), check);
    if (changeRetry) {
      // the provider needs a tool result for every call of the assistant message
      messages.push({ role: 'assistant', content: text, toolCalls: attemptCalls });
      for (const call of attemptCalls) {
        const errs = failed.get(call.id);
        messages.push({ role: 'tool', toolCallId: call.id, content: errs ? schemaChangeRetryText(errs) : 'Received; shown to the user.' });
      }
      if (retry) messages.push(retry);
    } else if (retry) messages.push({ role: 'assistant', content: text }, retry);
  }
  result.toolDiagnostics.push(...changeErrors);
  const inferred = ctx.inferred;
  for (const call of calls) {
    const s = relationshipFromToolCall(ctx.schema, call, inferred);
    if (s.relationship) result.suggestions.push(s.relationship);
    result.toolDiagnostics.push(...s.diagnostics);
  }
  return result;
}

/** A turn's result as the panel shows it and the history keeps it. */
export function toEntry(id: string, question: string, r: TurnResult, at = Date.now()): ChatEntry {
  const blocks: ChatBlock[] = r.check.blocks.map((b) => ({
    sql: b.sql,
    destructive: b.destructive,
    diagnostics: b.diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message, span: { start: d.span.start - b.span.start, end: d.span.end - b.span.start } })),
  }));
  const entry: ChatEntry = { id, question, answer: r.answer, attempts: r.attempts.length, blocks, suggestions: r.suggestions, notices: r.toolDiagnostics.map((d) => d.message), at };
  if (r.usage.totalTokens > 0) entry.usage = r.usage;
  if (r.provider) entry.provider = r.provider;
  if (r.model) entry.model = r.model;
  if (r.stopped) entry.stopped = true;
  if (r.error) entry.error = r.error.message;
  if (r.change) entry.change = toChatChange(r.change);
  return entry;
}

/** A planned schema change as the panel shows it and the history keeps it (operations kept to re-plan later). */
export function toChatChange(c: TurnChange): ChatChange {
  const plan = c.planned.plan;
  return {
    summary: c.proposal.summary,
    operations: c.proposal.operations,
    descriptions: c.proposal.descriptions,
    dialect: c.dialect,
    sql: c.planned.sql,
    statements: plan.statements.filter((s) => !s.manual).length,
    hazards: plan.hazards.map((h) => ({ code: h.code, severity: h.severity, message: h.message, dataLoss: h.dataLoss })),
    plan,
  };
}

/** The conversation so far as model messages: the last `turns` complete turns (failed ones left out). */
export function historyMessages(history: readonly ChatEntry[], turns = 4): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const e of history.slice(-turns)) {
    if (e.error || (!e.answer && !e.change)) continue;
    const change = e.change ? `${e.answer ? '\n\n' : ''}(Proposed schema change: ${e.change.summary || 'no summary'}; ${e.change.descriptions.join('; ')}. Shown to the user as a migration plan; not applied.)` : '';
    out.push({ role: 'user', content: e.question }, { role: 'assistant', content: e.answer + change });
  }
  return out;
}
