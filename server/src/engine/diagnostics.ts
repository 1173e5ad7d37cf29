/**
 * Engine diagnostics: plain data with a span into one file, a severity, and a
 * stable code (documented in docs/rules.md). Converted to LSP or CLI output at
 * the edges. Every phase returns values plus diagnostics; none throws.
 */
import type { Span } from './text/span.js';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface RelatedInfo {
  uri: string;
  span: Span;
  message: string;
}

/** What a quick fix needs to act on a diagnostic; survives the round trip through the editor. */
export interface DiagnosticData {
  suggestions?: string[];
  /** INFER001: the relationship to declare (from = the column holding the key) */
  inferred?: { from: { schema: string; table: string; columns: string[]; tableKey: string }; to: { schema: string; table: string; columns: string[]; tableKey: string }; cardinality: string };
  /** a lint rule's mechanical fix, as the rule describes it */
  fix?: { kind: string; tableKey: string; columns?: string[]; unique?: boolean; column?: string; to?: string; note?: string };
}

export interface Diagnostic {
  /** file the span belongs to */
  uri: string;
  span: Span;
  severity: Severity;
  /** stable code, e.g. DBML001 (syntax) or BIND002 (unknown table) */
  code: string;
  message: string;
  related?: RelatedInfo[];
  /** code-action payload: did-you-mean candidates, an inferred relationship to declare, a lint fix */
  data?: DiagnosticData;
  /** unnecessary / deprecated tags for the editor */
  tags?: ('unnecessary' | 'deprecated')[];
}
