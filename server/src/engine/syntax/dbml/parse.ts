/**
 * DBML front end entry: text -> generic tree -> typed declarations, with
 * diagnostics. STUB: replaced by the real parser.
 */
import type { Diagnostic } from '../../diagnostics.js';
import type { DbmlFile } from './ast.js';

export class DbmlParseCache {}

export function parseDbml(text: string, uri: string, _cache?: DbmlParseCache): { file: DbmlFile; diagnostics: Diagnostic[] } {
  void text;
  void uri;
  return { file: { syntax: { elements: [], strays: [], comments: [] }, decls: [] }, diagnostics: [] };
}
