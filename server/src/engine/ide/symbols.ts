/** Document and workspace symbols. STUB */
import type { Workspace } from '../workspace.js';
import type { DocumentSymbol, WorkspaceSymbol } from './types.js';
export function documentSymbols(ws: Workspace, uri: string): DocumentSymbol[] { void ws; void uri; return []; }
export function workspaceSymbols(ws: Workspace, query: string): WorkspaceSymbol[] { void ws; void query; return []; }
