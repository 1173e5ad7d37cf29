/** Rename across files, with prepareRename. STUB */
import type { Workspace } from '../workspace.js';
import type { PrepareRename, RenameResult } from './types.js';
export function prepareRename(ws: Workspace, uri: string, offset: number): PrepareRename | { error: string } | null { void ws; void uri; void offset; return null; }
export function rename(ws: Workspace, uri: string, offset: number, newName: string): RenameResult { void ws; void uri; void offset; void newName; return { error: 'not implemented' }; }
