/**
 * The language server: declares capabilities, wires the document and
 * workspace notifications into ServerState, and registers the handler table.
 * Every notification handler is guarded like the request handlers: an
 * exception is logged with its stack and the server keeps serving.
 */
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type ServerCapabilities,
} from './lsp.js';
import { semanticTokensLegend } from './convert.js';
import { SCHEMA_GLOB, uriToPath } from './disk.js';
import { COMPLETION_TRIGGER_CHARACTERS, handlers, loadQueryEngine } from './handlers/index.js';
import { LiveDatabases } from './db.js';
import { Plans } from './plan.js';
import { Codegen } from './codegen.js';
import { registerDataInference } from './data.js';
import { FileInfoRequest, type FileInfoParams, type InitializationOptions, type SchemaSageSettings } from './protocol.js';
import { ServerState } from './state.js';

export interface ServerInfo {
  name: string;
  version: string;
}

/** Starts serving on an already created connection; returns the state (for tests). */
export function startServer(connection: Connection, info: ServerInfo): ServerState {
  const state = new ServerState(connection);
  const guard =
    <A extends unknown[]>(name: string, fn: (...args: A) => void) =>
    (...args: A): void => {
      try {
        fn(...args);
      } catch (err) {
        state.logError(`${name} failed`, err);
      }
    };

  let watchFilesDynamically = false;
  let pullConfiguration = false;
  let workspaceFolderEvents = false;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    watchFilesDynamically = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    pullConfiguration = caps.workspace?.configuration === true;
    workspaceFolderEvents = caps.workspace?.workspaceFolders === true;
    state.hierarchicalDocumentSymbols = caps.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport !== false;

    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    state.applySettings(options);

    const folderUris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    state.folders = folderUris.map(uriToPath).filter((p): p is string => p !== undefined);
    if (!folderUris.length && params.rootPath) state.folders = [params.rootPath];

    const capabilities: ServerCapabilities = {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      documentSymbolProvider: { label: 'SchemaSage' },
      workspaceSymbolProvider: true,
      hoverProvider: true,
      codeLensProvider: { resolveProvider: false },
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: { prepareProvider: true },
      completionProvider: { triggerCharacters: COMPLETION_TRIGGER_CHARACTERS, resolveProvider: false },
      documentFormattingProvider: true,
      foldingRangeProvider: true,
      selectionRangeProvider: true,
      semanticTokensProvider: { legend: semanticTokensLegend, full: true, range: true },
      documentHighlightProvider: true,
      codeActionProvider: { codeActionKinds: ['quickfix'] },
    };
    if (workspaceFolderEvents) capabilities.workspace = { workspaceFolders: { supported: true, changeNotifications: true } };
    const codeCache = (globalThis as { __schemasageCodeCache?: string }).__schemasageCodeCache ?? 'off';
    connection.console.log(`${info.name} ${info.version} initializing; ${state.folders.length} workspace folder(s); diagnostics debounce ${state.debounceMs} ms; code cache: ${codeCache}; ${startupTimes()}`);
    return { capabilities, serverInfo: info };
  });

  connection.onInitialized(
    guard('initialized', () => {
      if (watchFilesDynamically) {
        void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: SCHEMA_GLOB }, { globPattern: '**/schemasage.config.json' }] });
      }
      if (workspaceFolderEvents) {
        connection.workspace.onDidChangeWorkspaceFolders(
          guard('workspace folders change', (e) => {
            const removed = e.removed.map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined);
            const added = e.added.map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined);
            if (removed.length) state.removeFolders(removed);
            if (added.length) {
              state.folders.push(...added);
              state.scanFolders(added).then(
                () => state.schedule(),
                (err) => state.logError('folder scan failed', err),
              );
            }
          }),
        );
      }
      if (pullConfiguration) {
        connection.workspace.getConfiguration('schemasage').then(
          (settings: SchemaSageSettings | null) => state.applySettings(settings ?? undefined),
          () => undefined,
        );
      }
      // the first diagnostics go out as soon as the workspace is read: the debounce (150 ms by default) is
      // for typing, and nothing has been typed yet
      state.scanFolders(state.folders).then(
        () => {
          state.schedule();
          state.flush();
        },
        (err) => state.logError('folder scan failed', err),
      );
      // queries in SQL files are checked in the analysis pass; the query parser (node-sql-parser, the
      // largest module, dist/query.js) loads once the first diagnostics are out, never on their path, and only
      // when the workspace has an SQL file (then or later): V8 keeps a loaded script's source in the heap
      let queriesLoading = false;
      const loadQueries = () => {
        if (queriesLoading) return;
        queriesLoading = true;
        void loadQueryEngine(state).then((check) => {
          if (!check) return;
          state.ws.setQueryChecker(check);
          state.log('query checker loaded: the workspace has SQL files');
          state.schedule();
        });
      };
      void state.firstPass.then(() => {
        // the launcher's V8 settings for the rest of the session (launch.ts AFTER_FIRST_PASS_FLAGS)
        (globalThis as { __schemasageAfterFirstPass?: () => void }).__schemasageAfterFirstPass?.();
        state.onSqlFile = loadQueries;
        if (state.ws.files().some((f) => f.language === 'sql')) loadQueries();
      });
    }),
  );

  connection.onDidChangeConfiguration(
    guard('configuration change', (params) => {
      const settings = (params.settings as { schemasage?: SchemaSageSettings } | null)?.schemasage;
      if (settings) state.applySettings(settings);
      else if (pullConfiguration) {
        connection.workspace.getConfiguration('schemasage').then(
          (s: SchemaSageSettings | null) => state.applySettings(s ?? undefined),
          () => undefined,
        );
      }
    }),
  );

  connection.onDidChangeWatchedFiles(
    guard('watched files change', (params) => {
      for (const change of params.changes) {
        if (change.type === FileChangeType.Deleted) state.diskDeleted(change.uri);
        else state.diskChanged(change.uri);
      }
    }),
  );

  state.documents.onDidChangeContent(guard('document change', (e) => state.documentChanged(e.document)));
  state.documents.onDidClose(guard('document close', (e) => state.documentClosed(e.document.uri)));
  state.documents.listen(connection);

  for (const h of handlers) h.register(connection, state);
  connection.onRequest(FileInfoRequest, (params: FileInfoParams) => {
    try {
      return state.fileInfo(params.uri);
    } catch (err) {
      state.logError('fileInfo failed', err);
      return {};
    }
  });

  const dbs = new LiveDatabases(state);
  dbs.register(connection);
  new Plans(state, dbs).register(connection);
  new Codegen(state).register(connection);
  registerDataInference(connection, state);

  connection.onShutdown(() => state.dispose());
  return state;
}

/** The launcher's start-up phases (launch.ts), in ms since the process started: what a slow start spent its time on. */
function startupTimes(): string {
  const t = (globalThis as { __schemasageStartup?: { launcher: number; compiled: number; loaded: number } }).__schemasageStartup;
  const now = performance.now();
  if (!t) return `initialize at ${now.toFixed(0)} ms`;
  return `node ready at ${t.launcher.toFixed(0)} ms, bundle compiled ${t.compiled.toFixed(0)}, loaded ${t.loaded.toFixed(0)}, initialize ${now.toFixed(0)}`;
}
