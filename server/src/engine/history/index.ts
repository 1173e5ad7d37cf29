/**
 * Migration files and history, pure: the file formats (SchemaSage, Prisma,
 * Flyway, golang-migrate), checksums, the statements a runner executes, the
 * history table's SQL per dialect and the status of a folder against it.
 * The runner that talks to a database is `server/src/migrations/`.
 */
export * from './format.js';
export * from './statements.js';
export * from './table.js';
export * from './status.js';
export { sha256Hex } from './sha256.js';
export { confirmationText } from './confirm.js';
