/**
 * "SchemaSage: New DBML Schema File": opens an untitled DBML document with a
 * small starting schema (two tables and a reference) to edit and save.
 */
import * as vscode from 'vscode';
import type { Command } from './index.js';

const DBML_DOCS = 'https://dbml.dbdiagram.io/docs';

/** The starting schema's code, after its one comment line (which is translated). */
export const STARTER_DBML_BODY = `Project my_app {
  database_type: 'PostgreSQL'
}

Table users {
  id bigint [pk, increment]
  email varchar(255) [not null, unique]
  created_at timestamptz [not null, default: \`now()\`]
}

Table posts {
  id bigint [pk, increment]
  author_id bigint [not null, ref: > users.id]
  title text [not null]
  body text

  indexes {
    author_id
  }
}
`;

/** The starter in English (as `starterDbml()` gives it without a translation). */
export const STARTER_DBML = `// A new schema: tables, columns and references in DBML (${DBML_DOCS}).\n${STARTER_DBML_BODY}`;

/** The starter with its comment in VS Code's display language. */
export function starterDbml(): string {
  return `// ${vscode.l10n.t('A new schema: tables, columns and references in DBML ({0}).', DBML_DOCS)}\n${STARTER_DBML_BODY}`;
}

export const newSchemaFile: Command = {
  id: 'schemasage.newSchemaFile',
  async run() {
    const doc = await vscode.workspace.openTextDocument({ language: 'dbml', content: starterDbml() });
    await vscode.window.showTextDocument(doc);
  },
};
