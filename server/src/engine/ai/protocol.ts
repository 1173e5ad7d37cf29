/**
 * Every message between the chat panel (client/src/panels/ChatPanel.ts) and
 * its webview (webviews/chat), and the saved history entry. Kept here so the
 * client's TypeScript project, which cannot include files under webviews/,
 * compiles against the same types. Plain data only.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { AiRelationship } from './answer.js';

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
  | { type: 'declareRelationship'; entryId: string; index: number };
