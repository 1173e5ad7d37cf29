/**
 * Protocol test harness: starts the built language server (dist/server.js,
 * or $SCHEMASAGE_SERVER) over stdio on a temporary workspace folder written
 * to disk, and drives it with a real JSON-RPC client (vscode-jsonrpc). Waits
 * on messages, never on sleeps. Also the measuring helpers the benchmark
 * reuses: didChange -> publishDiagnostics latency and start -> first
 * diagnostics.
 *
 *   const s = await startServer({ files: { 'a.dbml': 'Table users { id int }' } });
 *   await s.open('b.dbml', 'Ref: posts.user_id > users.id');
 *   const d = await s.diagnostics('b.dbml', (ds) => ds.length > 0);
 *   await s.stop();
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type {
  ClientCapabilities,
  Diagnostic,
  InitializeResult,
  PublishDiagnosticsParams,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver';

/**
 * The repository root: the nearest folder up from the working directory whose
 * package.json is SchemaSage's (tsx runs this file as ESM and tsc checks it
 * as CJS, so neither import.meta nor __dirname serves both).
 */
export const REPO_ROOT = findRoot(process.cwd());

function findRoot(from: string): string {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    try {
      if ((JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name === 'schemasage') return dir;
    } catch {
      // not here
    }
    if (dirname(dir) === dir) return resolve(from);
  }
}

export function serverPath(): string {
  return process.env.SCHEMASAGE_SERVER ?? join(REPO_ROOT, 'dist', 'server.js');
}

export interface StartOptions {
  /** files written into the workspace folder before the server starts (relative path -> text) */
  files?: Record<string, string>;
  /** diagnostics debounce passed in initializationOptions (default 0) */
  debounceMs?: number;
  /** extra initializationOptions merged over the default */
  initializationOptions?: Record<string, unknown>;
  capabilities?: ClientCapabilities;
  /** default timeout of every wait, in ms (default 10 s) */
  timeoutMs?: number;
  /** the server bundle (default: serverPath()) */
  server?: string;
  /** extra node flags for the server process, e.g. ['--cpu-prof'] (default: $SCHEMASAGE_SERVER_NODE_ARGS split on spaces) */
  nodeArgs?: string[];
  /** extra environment variables for the server process */
  env?: Record<string, string>;
}

export type { StatusParams } from '../../server/src/lsp/protocol.js';
import { StatusNotification, type StatusParams } from '../../server/src/lsp/protocol.js';

interface Waiter<T> {
  accept(value: T): boolean;
  resolve(value: T): void;
}

/** Client capabilities of a capable editor, trimmed to what the server reads. */
export const DEFAULT_CAPABILITIES: ClientCapabilities = {
  textDocument: {
    synchronization: { dynamicRegistration: false },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, tagSupport: { valueSet: [1, 2] } },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    completion: { completionItem: { snippetSupport: true } },
    rename: { prepareSupport: true },
    semanticTokens: {
      requests: { full: true },
      tokenTypes: [],
      tokenModifiers: [],
      formats: ['relative'],
    },
  },
  workspace: { workspaceFolders: true, configuration: false, didChangeWatchedFiles: { dynamicRegistration: false } },
};

export class ServerHandle {
  /** every window/logMessage text, in order */
  readonly logs: string[] = [];
  /** every schemasage/status notification, in order */
  readonly statuses: StatusParams[] = [];
  /** stderr of the server process */
  stderr = '';
  /** the latest publishDiagnostics per uri */
  readonly published = new Map<string, PublishDiagnosticsParams>();
  /** every publishDiagnostics, in order */
  readonly publications: PublishDiagnosticsParams[] = [];
  initializeResult!: InitializeResult;
  readonly exited: Promise<number | null>;

  private readonly versions = new Map<string, number>();
  private diagnosticWaiters: Waiter<PublishDiagnosticsParams>[] = [];
  private statusWaiters: Waiter<StatusParams>[] = [];
  private logWaiters: Waiter<string>[] = [];
  private stopped = false;

  constructor(
    readonly process: ChildProcess,
    readonly connection: MessageConnection,
    /** the workspace folder on disk */
    readonly root: string,
    readonly timeoutMs: number,
  ) {
    this.exited = new Promise((res) => process.once('exit', (code) => res(code)));
    process.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.set(p.uri, p);
      this.publications.push(p);
      this.diagnosticWaiters = fire(this.diagnosticWaiters, p);
    });
    connection.onNotification(StatusNotification, (p: StatusParams) => {
      this.statuses.push(p);
      this.statusWaiters = fire(this.statusWaiters, p);
    });
    connection.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
      this.logWaiters = fire(this.logWaiters, p.message);
    });
    // Requests a server may send to its client.
    connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('client/unregisterCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
  }

  /** `file:` uri of a workspace-relative path. */
  uri(name: string): string {
    return pathToFileURL(join(this.root, name)).href;
  }

  private resolveUri(nameOrUri: string): string {
    return /^[a-z][a-z0-9+.-]*:/i.test(nameOrUri) ? nameOrUri : this.uri(nameOrUri);
  }

  /** The version last sent for a document. */
  version(nameOrUri: string): number | undefined {
    return this.versions.get(this.resolveUri(nameOrUri));
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return withTimeout(this.connection.sendRequest<R>(method, params), this.timeoutMs, `request ${method}`);
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  /** didOpen; returns the uri. */
  async open(nameOrUri: string, text: string, languageId = 'dbml'): Promise<string> {
    const uri = this.resolveUri(nameOrUri);
    this.versions.set(uri, 1);
    await this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  /** didChange with the whole text, or with incremental changes; returns the new version. */
  async change(nameOrUri: string, textOrChanges: string | TextDocumentContentChangeEvent[]): Promise<number> {
    const uri = this.resolveUri(nameOrUri);
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    const contentChanges = typeof textOrChanges === 'string' ? [{ text: textOrChanges }] : textOrChanges;
    await this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
    return version;
  }

  async close(nameOrUri: string): Promise<void> {
    const uri = this.resolveUri(nameOrUri);
    this.versions.delete(uri);
    await this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  /** Writes a workspace file to disk (does not notify the server). */
  writeFile(name: string, text: string): string {
    const path = join(this.root, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return this.uri(name);
  }

  /** Removes a workspace file from disk (does not notify the server). */
  deleteFile(name: string): string {
    rmSync(join(this.root, name), { force: true });
    return this.uri(name);
  }

  /** workspace/didChangeWatchedFiles with 1 created, 2 changed, 3 deleted. */
  async fileEvents(changes: { name: string; type: 1 | 2 | 3 }[]): Promise<void> {
    await this.notify('workspace/didChangeWatchedFiles', { changes: changes.map((c) => ({ uri: this.uri(c.name), type: c.type })) });
  }

  /**
   * The diagnostics of a document: the latest publication if it satisfies
   * `accept` (default: any), otherwise the next publication that does.
   */
  async diagnostics(nameOrUri: string, accept: (ds: Diagnostic[], p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = this.timeoutMs): Promise<Diagnostic[]> {
    const uri = this.resolveUri(nameOrUri);
    const latest = this.published.get(uri);
    if (latest && accept(latest.diagnostics, latest)) return latest.diagnostics;
    return (await this.nextPublication(uri, accept, timeoutMs)).diagnostics;
  }

  /** The next publication for a uri (after this call) that satisfies `accept`. */
  nextPublication(nameOrUri: string, accept: (ds: Diagnostic[], p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = this.timeoutMs): Promise<PublishDiagnosticsParams> {
    const uri = this.resolveUri(nameOrUri);
    const promise = new Promise<PublishDiagnosticsParams>((res) => {
      this.diagnosticWaiters.push({ accept: (p) => p.uri === uri && accept(p.diagnostics, p), resolve: res });
    });
    return withTimeout(promise, timeoutMs, `diagnostics for ${uri}${this.debugTail()}`);
  }

  /** The publication for the document version last sent (or a later one). */
  diagnosticsForVersion(nameOrUri: string, version = this.version(nameOrUri), timeoutMs = this.timeoutMs): Promise<Diagnostic[]> {
    return this.diagnostics(nameOrUri, (_ds, p) => version === undefined || (p.version ?? -1) >= version, timeoutMs);
  }

  /** The latest status notification if it satisfies `accept`, otherwise the next one that does. */
  status(accept: (s: StatusParams) => boolean = () => true, timeoutMs = this.timeoutMs): Promise<StatusParams> {
    const latest = this.statuses[this.statuses.length - 1];
    if (latest && accept(latest)) return Promise.resolve(latest);
    const promise = new Promise<StatusParams>((res) => this.statusWaiters.push({ accept, resolve: res }));
    return withTimeout(promise, timeoutMs, `status notification${this.debugTail()}`);
  }

  /** The first log line (past or future) that satisfies `accept`. */
  log(accept: (line: string) => boolean, timeoutMs = this.timeoutMs): Promise<string> {
    const past = this.logs.find(accept);
    if (past !== undefined) return Promise.resolve(past);
    const promise = new Promise<string>((res) => this.logWaiters.push({ accept, resolve: res }));
    return withTimeout(promise, timeoutMs, 'log line');
  }

  /** shutdown + exit; resolves with the exit code. Removes the workspace folder. */
  async stop(): Promise<number | null> {
    if (this.stopped) return this.exited;
    this.stopped = true;
    try {
      if (this.process.exitCode === null) {
        await withTimeout(this.connection.sendRequest('shutdown'), 3000, 'shutdown');
        await this.connection.sendNotification('exit');
      }
    } catch {
      // the server is gone or stuck; killed below
    }
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 3000);
    const code = await this.exited;
    clearTimeout(timer);
    this.connection.dispose();
    rmSync(this.root, { recursive: true, force: true });
    return code;
  }

  private debugTail(): string {
    const tail = this.stderr.slice(-2000) + this.logs.slice(-10).join('\n');
    return tail ? `\n--- server output ---\n${tail}` : '';
  }
}

/**
 * Starts the server on a fresh temporary workspace folder, initializes it
 * (workspace folder = the temp dir, debounce 0 unless given) and sends
 * `initialized`.
 */
export async function startServer(options: StartOptions = {}): Promise<ServerHandle> {
  const root = mkdtempSync(join(tmpdir(), 'schemasage-proto-'));
  for (const [name, text] of Object.entries(options.files ?? {})) {
    const path = join(root, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  const nodeArgs = options.nodeArgs ?? (process.env.SCHEMASAGE_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []);
  const proc = spawn(process.execPath, [...nodeArgs, options.server ?? serverPath(), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: options.env ? { ...process.env, ...options.env } : process.env });
  const connection = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  // A write to a dead server must fail the test, not crash the test process.
  proc.stdin!.on('error', () => undefined);
  const handle = new ServerHandle(proc, connection, root, options.timeoutMs ?? 10_000);
  connection.listen();
  const rootUri = pathToFileURL(root).href;
  handle.initializeResult = await handle.request<InitializeResult>('initialize', {
    processId: process.pid,
    clientInfo: { name: 'schemasage-protocol-tests' },
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'ws' }],
    capabilities: options.capabilities ?? DEFAULT_CAPABILITIES,
    initializationOptions: { diagnostics: { debounceMs: options.debounceMs ?? 0 }, ...options.initializationOptions },
  });
  await handle.notify('initialized', {});
  return handle;
}

// ------------------------------------------------------------------ measuring

export interface LatencyOptions {
  /** edits measured (default 50) */
  iterations?: number;
  /** edits before measuring, not counted (default 5) */
  warmup?: number;
  /**
   * The i-th edit: incremental changes (or a whole text) sent as one didChange.
   * Default: insert a space at the start of the first line, then delete it
   * again, so the text alternates between two versions that both parse.
   */
  edit?: (i: number) => TextDocumentContentChangeEvent[] | string;
  /** per-edit timeout in ms */
  timeoutMs?: number;
}

/**
 * didChange -> publishDiagnostics latency of an open document, in ms per edit.
 * Each edit waits for the publication carrying its version (the server always
 * publishes for an edited document, so this works whether or not the edit
 * changes the diagnostics). Run the server with debounce 0.
 */
export async function measureChangeLatency(server: ServerHandle, nameOrUri: string, options: LatencyOptions = {}): Promise<number[]> {
  const iterations = options.iterations ?? 50;
  const warmup = options.warmup ?? 5;
  const edit =
    options.edit ??
    ((i: number) => {
      // Line 0 gets a trailing space on even edits, loses it on odd ones.
      return i % 2 === 0
        ? [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }]
        : [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, text: '' }];
    });
  const out: number[] = [];
  for (let i = 0; i < warmup + iterations; i++) {
    const version = (server.version(nameOrUri) ?? 0) + 1;
    const waiting = server.nextPublication(nameOrUri, (_ds, p) => (p.version ?? -1) >= version, options.timeoutMs);
    const started = performance.now();
    await server.change(nameOrUri, edit(i));
    await waiting;
    if (i >= warmup) out.push(performance.now() - started);
  }
  return out;
}

/**
 * Server process start to the first publishDiagnostics of `name`, which is
 * opened right after `initialized` (the realistic editor sequence). The files
 * are written into the workspace folder first; `name` must be one of them.
 */
export async function measureStartToFirstDiagnostics(files: Record<string, string>, name: string, options: Omit<StartOptions, 'files'> = {}): Promise<{ ms: number; server: ServerHandle }> {
  const started = performance.now();
  const server = await startServer({ ...options, files });
  await server.open(name, files[name]);
  await server.diagnostics(name);
  return { ms: performance.now() - started, server };
}

/** The p-th percentile (0..100) of values, nearest-rank. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

// -------------------------------------------------------------------- helpers

function fire<T>(waiters: Waiter<T>[], value: T): Waiter<T>[] {
  return waiters.filter((w) => {
    if (!w.accept(value)) return true;
    w.resolve(value);
    return false;
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Zero-based position of the first occurrence of `needle` in `text` (plus `delta` characters). */
export function positionOf(text: string, needle: string, delta = 0): { line: number; character: number } {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`${JSON.stringify(needle)} not in text`);
  const offset = at + delta;
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** Applies LSP text edits (non-overlapping) to a text. */
export function applyEdits(text: string, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const offset = (p: { line: number; character: number }): number => (p.line >= starts.length ? text.length : Math.min(starts[p.line] + p.character, text.length));
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

/** A diagnostic's message as plain text (LSP 3.18 allows markup). */
export function messageOf(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}
