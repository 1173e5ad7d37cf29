/**
 * "SchemaSage: New DBML Schema File": opens an untitled DBML document with a
 * small starting schema (two tables and a reference) to edit and save.
 */
import * as vscode from 'vscode';
import type { Command } from './index.js';

export const STARTER_DBML = `// A new schema: tables, columns and references in DBML (https://dbml.dbdiagram.io/docs).
Project my_app {
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

export const newSchemaFile: Command = {
  id: 'schemasage.newSchemaFile',
  async run() {
    const doc = await vscode.workspace.openTextDocument({ language: 'dbml', content: STARTER_DBML });
    await vscode.window.showTextDocument(doc);
  },
};
