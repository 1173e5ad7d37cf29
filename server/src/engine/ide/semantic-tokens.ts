/** Semantic tokens, sorted by offset. STUB */
import type { Workspace } from '../workspace.js';
import type { SemanticToken } from './types.js';
export function semanticTokens(ws: Workspace, uri: string): SemanticToken[] { void ws; void uri; return []; }
