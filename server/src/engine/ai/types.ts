/**
 * Plain-data types shared by the AI assistant's pure parts (grounding,
 * prompts, answer checking) and its shells (providers, panel, participant).
 * Nothing here knows a provider's wire format or any IO.
 */
import type { Diagnostic } from '../diagnostics.js';

export type ChatRole = 'system' | 'user' | 'assistant' | 'tool';

/** A tool call the model made: a name and its JSON arguments as text. */
export interface ToolCall {
  id: string;
  name: string;
  /** the arguments exactly as the model wrote them (JSON text, maybe invalid) */
  arguments: string;
}

export interface ChatMessage {
  role: ChatRole;
  content: string;
  /** assistant messages: the tool calls it made */
  toolCalls?: ToolCall[];
  /** tool messages: the call this answers */
  toolCallId?: string;
}

/** A tool the model may call, described by a JSON Schema of its arguments. */
export interface ToolDefinition {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

/**
 * Checks SQL the model wrote against the schema and returns the engine's
 * diagnostics (spans are offsets into `sql`). The engine's query checker
 * (`checkQueries(schema, text, dialect)`) is plugged in here by the shell.
 */
export type SqlChecker = (sql: string) => Diagnostic[];
