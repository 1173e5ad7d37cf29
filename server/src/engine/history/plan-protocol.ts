/**
 * Every message between the migration plan panel (extension host,
 * client/src/panels/MigrationPlanPanel.ts) and its webview
 * (webviews/migration-plan). Types only; they live in the engine because the
 * client's TypeScript project cannot include files under webviews/
 * (webviews/migration-plan/protocol.ts re-exports them).
 */
import type { MigrationPlan } from '../migrate/types.js';

export type { MigrationPlan };

/** Host -> webview: show this plan (replaces the one shown; after a rename decision too). */
export interface PlanMessage {
  type: 'plan';
  plan: MigrationPlan;
  title: string;
  /** what the plan goes from and to (file names, "database", a revision) */
  from: string;
  to: string;
}

/** Host -> webview: an apply is running; `statement` is the one about to run. */
export interface ProgressMessage {
  type: 'progress';
  done: number;
  total: number;
  statement: string;
}

/** Host -> webview: the apply finished (or was refused or cancelled: `ok` false). */
export interface ResultMessage {
  type: 'result';
  ok: boolean;
  error?: string;
}

/** Host -> webview: the plan was saved as a migration file. */
export interface SavedMessage {
  type: 'saved';
  path: string;
}

export type PlanHostMessage = PlanMessage | ProgressMessage | ResultMessage | SavedMessage;

/** Webview -> host: the front end is loaded and waits for a `plan`. */
export interface PlanReadyMessage {
  type: 'ready';
}

/** Webview -> host: accept or reject a detected rename; the host re-plans and sends a new `plan`. */
export interface RenameMessage {
  type: 'rename';
  kind: 'table' | 'column';
  from: string;
  to: string;
  table?: string;
  accept: boolean;
}

/** Webview -> host: copy the forward (`up`) or rollback (`down`) SQL to the clipboard. */
export interface CopyMessage {
  type: 'copy';
  which: 'up' | 'down';
}

/** Webview -> host: save the plan as a migration file. */
export interface SaveMessage {
  type: 'save';
}

/** Webview -> host: apply the plan (the host confirms, naming every hazard, then streams progress). */
export interface ApplyMessage {
  type: 'apply';
}

export type PlanWebviewMessage = PlanReadyMessage | RenameMessage | CopyMessage | SaveMessage | ApplyMessage;
