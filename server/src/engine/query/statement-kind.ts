/**
 * What kind of statement a slice of SQL is, by its first word (after any
 * opening parentheses): queries (SELECT, WITH, INSERT, UPDATE, DELETE,
 * REPLACE) are engine/query's; everything else (DDL, SET, GRANT, ...) is the
 * DDL front end's. No imports, so the editor features and the workspace can
 * ask without loading the query parser.
 */

/** First words of the statements the query checker owns. */
const QUERY_STARTS = new Set(['select', 'with', 'insert', 'update', 'delete', 'replace']);

/** The statement's first word, lower case ('' when it starts with something else). */
export function statementFirstWord(text: string, start: number, end: number): string {
  let i = start;
  while (i < end && text.charCodeAt(i) === 40 /* ( */) i++;
  let j = i;
  while (j < end) {
    const c = text.charCodeAt(j) | 0x20;
    if (c < 97 || c > 122) break;
    j++;
  }
  return text.slice(i, j).toLowerCase();
}

/** True when a statement's text is a query (DML) rather than DDL or a command. */
export function isQueryStatement(text: string, start: number, end: number): boolean {
  return QUERY_STARTS.has(statementFirstWord(text, start, end));
}
