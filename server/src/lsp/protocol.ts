/**
 * SchemaSage's own messages between the client and the language server
 * (beyond LSP). Shared by client/ and server/lsp; types only.
 */

/** Server -> client notification after each diagnostics pass. */
export const StatusNotification = 'schemasage/status';

export interface StatusParams {
  /** number of tables in the bound workspace schema */
  tables: number;
  relationships: number;
  errors: number;
  warnings: number;
  /** files in the workspace schema */
  files: number;
}
