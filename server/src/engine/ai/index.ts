/**
 * The AI assistant's pure parts, listed once: grounding (schema -> prompt
 * text within a budget, untrusted text delimited as data), prompts (system
 * prompt, tools, messages), answer checking (SQL blocks through the
 * injected query checker, relationship suggestions -> evidence), schema
 * changes (proposed operations -> edited copy -> diff -> plan; as edits on
 * the schema files), and "Run in…" / sampling (statement classification, the
 * request types, the sample SELECT without personal-data columns).
 * Never sends, reads or logs anything: the shells in client/src/ai do.
 */
export * from './types.js';
export * from './grounding.js';
export * from './prompts.js';
export * from './answer.js';
export * from './schema-change.js';
export * from './statement.js';
export * from './db-requests.js';
export * from './apply-to-file.js';
