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

export interface Diagnostic {
  /** file the span belongs to */
  uri: string;
  span: Span;
  severity: Severity;
  /** stable code, e.g. DBML001 (syntax) or BIND002 (unknown table) */
  code: string;
  message: string;
  related?: RelatedInfo[];
  /** code-action payload, e.g. did-you-mean candidates */
  data?: { suggestions?: string[] };
  /** unnecessary / deprecated tags for the editor */
  tags?: ('unnecessary' | 'deprecated')[];
}
