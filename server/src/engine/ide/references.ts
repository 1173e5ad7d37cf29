/** Find references. STUB */
import type { Workspace } from '../workspace.js';
import type { Location } from './types.js';
export function references(ws: Workspace, uri: string, offset: number, includeDeclaration: boolean): Location[] { void ws; void uri; void offset; void includeDeclaration; return []; }
