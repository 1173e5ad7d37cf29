/** Completion: keywords, settings, types, table/column names, enum values. STUB */
import type { Workspace } from '../workspace.js';
import type { CompletionItem } from './types.js';
export function completion(ws: Workspace, uri: string, offset: number): CompletionItem[] { void ws; void uri; void offset; return []; }
