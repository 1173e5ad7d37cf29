/**
 * The client's command table: one file per command, listed here once. Command
 * ids must match `contributes.commands` in package.json.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { SchemaStatusBar } from '../status.js';
import { restartServer } from './restart-server.js';
import { showOutput } from './show-output.js';
import { changeDialect } from './change-dialect.js';
import { newSchemaFile } from './new-schema-file.js';
import { showDiagram } from './show-diagram.js';
import { showPlanCommand } from './show-plan.js';
import { generateCodeCommand } from './generate-code.js';
import { inferDataCommand } from './infer-data.js';
import { convertSchemaCommand } from './convert-schema.js';

/** What a command may use; commands never reach into module state. */
export interface CommandContext {
  client: LanguageClient;
  output: vscode.LogOutputChannel;
  status: SchemaStatusBar;
  extensionContext: vscode.ExtensionContext;
}

export interface Command {
  id: string;
  run(ctx: CommandContext, ...args: unknown[]): unknown;
}

export const commands: readonly Command[] = [restartServer, showOutput, changeDialect, newSchemaFile, showDiagram];

export function registerCommands(context: vscode.ExtensionContext, ctx: CommandContext): void {
  for (const c of [...commands, showPlanCommand(ctx.client), generateCodeCommand(ctx.client), convertSchemaCommand(ctx.client), inferDataCommand(ctx.client)]) {
    context.subscriptions.push(vscode.commands.registerCommand(c.id, (...args: unknown[]) => c.run(ctx, ...args)));
  }
}
