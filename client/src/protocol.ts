/** The client's view of SchemaSage's own protocol: the server's definitions, shared. */
export * from '../../server/src/lsp/protocol.js';
