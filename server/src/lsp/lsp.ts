/**
 * The server's one import of `vscode-languageserver`: every other module of
 * the server imports the protocol from here. esbuild gives each module that
 * imports a CommonJS package its own ES-module view of it, copying every
 * export (over a thousand for this package) as a getter: 24 importing
 * modules made 24 copies at every start, about 6 ms. Re-exported once here,
 * the copy is made once.
 */
export * from 'vscode-languageserver/node';
