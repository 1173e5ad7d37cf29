/** Formatting: canonical, idempotent, comment-preserving DBML. STUB */
import type { Workspace } from '../workspace.js';
import type { FormatOptions, TextEdit } from './types.js';
export function formatDbml(text: string, options: FormatOptions): string { void options; return text; }
export function format(ws: Workspace, uri: string, options: FormatOptions): TextEdit[] { void ws; void uri; void options; return []; }
