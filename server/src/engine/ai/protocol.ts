/**
 * Every message between the chat panel (client/src/panels/ChatPanel.ts) and
 * its webview (webviews/chat), and the saved history entry. Kept here so the
 * client's TypeScript project, which cannot include files under webviews/,
 * compiles against the same types. Plain data only.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { AiRelationship } from './answer.js';
import type { MigrationPlan } from '../migrate/types.js';
import type { SchemaOp } from './schema-change.js';
import type { Cell } from './db-requests.js';

export interface ChatUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

/** A checked SQL block of an answer, as the panel shows it. */
export interface ChatBlock {
  sql: string;
  destructive: boolean;
  /** spans are offsets into `sql` */
  diagnostics: Pick<Diagnostic, 'code' | 'severity' | 'message' | 'span'>[];
}

/** A schema change the model proposed, applied to a copy of the schema and planned (never run). */
export interface ChatChange {
  summary: string;
  /** the checked operations (kept to re-plan against the schema as it is later) */
  operations: SchemaOp[];
  /** one line per operation */
  descriptions: string[];
  /** the migration dialect of the plan */
  dialect: string;
  /** the forward SQL as the plan renders it */
  sql: string;
  /** statements to run (manual notes not counted) */
  statements: number;
  hazards: { code: string; severity: 'error' | 'warning' | 'info'; message: string; dataLoss: boolean }[];
  plan: MigrationPlan;
}

/** Rows a "Run in…" returned, or why nothing ran. */
export interface ChatRows {
  /** the run this answers (the webview's id) */
  runId: string;
  /** the connection's name */
  connection?: string;
  kind?: 'read' | 'write' | 'destructive';
  columns: string[];
  rows: Cell[][];
  truncated: boolean;
  ms?: number;
  /** why nothing (more) ran: cancelled, refused, failed */
  error?: string;
  cancelled?: boolean;
}

/** One question and its final answer (what history keeps). */
export interface ChatEntry {
  id: string;
  question: string;
  answer: string;
  /** 2 when the first answer was sent back with errors */
  attempts: number;
  blocks: ChatBlock[];
  suggestions: AiRelationship[];
  /** problems with tool calls (unknown tools, unsound suggestions) */
  notices: string[];
  /** a proposed schema change and its plan */
  change?: ChatChange;
  usage?: ChatUsage;
  provider?: string;
  model?: string;
  stopped?: boolean;
  error?: string;
  /** epoch ms */
  at: number;
}

/** Host -> webview. */
export type ChatHostMessage =
  | { type: 'init'; history: ChatEntry[]; busy: boolean; model?: string }
  | { type: 'start'; id: string; question: string }
  | { type: 'model'; id: string; provider: string; model: string }
  | { type: 'delta'; id: string; text: string; attempt: number }
  /** the first answer's SQL did not check; a corrected answer follows */
  | { type: 'retry'; id: string; message: string }
  | { type: 'done'; entry: ChatEntry }
  | { type: 'notice'; message: string }
  /** the outcome of a "Run in…" */
  | { type: 'rows'; result: ChatRows }
  | { type: 'cleared' };

/** Webview -> host. */
export type ChatWebviewMessage =
  | { type: 'ready' }
  | { type: 'ask'; question: string }
  | { type: 'stop' }
  | { type: 'clear' }
  | { type: 'copy'; code: string }
  | { type: 'insert'; code: string }
  /** the lead wires this to the migration plan panel */
  | { type: 'openMigrationPlan'; code: string }
  /** the lead wires this to "Declare this relationship" */
  | { type: 'declareRelationship'; entryId: string; index: number }
  /** open an entry's proposed schema change in the migration plan view */
  | { type: 'openChangePlan'; entryId: string }
  /** edit an entry's proposed schema change into the schema files (the host shows VS Code's refactor preview) */
  | { type: 'applyChangeToFile'; entryId: string }
  /** "Run in…" on a SQL block: the host asks which connection and confirms; nothing runs otherwise */
  | { type: 'runSql'; code: string; runId: string };
