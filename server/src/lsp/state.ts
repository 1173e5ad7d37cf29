/**
 * The language server's state: one engine Workspace holding every schema file
 * of the workspace folders (open documents override the disk), the open
 * documents themselves, and the debounced diagnostics pass that publishes the
 * files whose diagnostics changed and the `schemasage/status` notification.
 *
 * Open documents are pushed into the Workspace lazily: an edit only marks the
 * document dirty; `sync()` runs before every request and diagnostics pass, so
 * a burst of keystrokes costs one reparse. Never logs document contents.
 *
 * A pass converts only what changed: each engine diagnostic's LSP form is kept
 * while its offsets and the lines around them stay put (a keystroke re-converts
 * the diagnostics of the edited block, not the file's thousands of lint
 * findings), and a file is republished only when its list differs from the
 * one last sent (compared object by object, not by serialising it).
 */
import { isAbsolute, join, relative, sep } from 'node:path';
import type { LintSeverity } from '../engine/lint/index.js';
import { CONFIG_FILE, parseConfig } from '../engine/config.js';
import picomatch from 'picomatch';
import type { Connection, Diagnostic as LspDiagnostic } from './lsp.js';
import { TextDocuments } from './lsp.js';
import { TextDocument, type Position, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { TextChange } from '../engine/text/edit.js';
import { mostSevere, severityCounts, severityTotal, type Diagnostic, type SeverityCounts } from '../engine/diagnostics.js';
import type { LineIndex } from '../engine/text/line-index.js';
import type { AnalysisOptions } from '../engine/analyze.js';
import { languageOf, Workspace, type AnalysisTask, type SchemaLanguage } from '../engine/workspace.js';
import { dialectByName } from '../engine/detect/dialect.js';
import type { SqlDialect } from '../engine/syntax/sql/index.js';
import { toLspDiagnostic } from './convert.js';
import { findSchemaFiles, isSchemaPath, isSkippedPath, pathToUri, readFileIfExists, readFiles, uriToPath } from './disk.js';
import { StatusNotification, type FileInfo, type SchemaSageSettings, type StatusParams } from './protocol.js';

const SEVERITIES = new Set(['error', 'warning', 'info', 'hint', 'off']);

/** VS Code language ids of the documents the server handles. */
const SCHEMA_LANGUAGE_IDS = new Set(['dbml', 'sql', 'prisma']);

export const DEFAULT_DEBOUNCE_MS = 150;

/** Pause after the last change before the analysis pass (inference and lint over every table); `schemasage.diagnostics.analysisDelayMs`. */
const ANALYSIS_DELAY_MS = 300;

/**
 * The pause grows to this many times the last analysis's duration (capped below). The analysis runs in
 * slices and never holds up a keystroke, but an analysis the next keystroke abandons is work thrown away.
 */
const ANALYSIS_DELAY_FACTOR = 2;
const ANALYSIS_DELAY_MAX_MS = 2000;
/** the analysis runs in slices of about this long (plus one step: a lint rule, a batch of tables), with messages handled in between */
const ANALYSIS_SLICE_MS = 8;

/**
 * Most diagnostics published per file by default. A 5,000-table schema can
 * carry tens of thousands of lint findings; publishing them all on every
 * keystroke costs megabytes of JSON per change in the server, the extension
 * host and the Problems view. The cut keeps errors first, then warnings,
 * information and hints, and says what it left out (the CLI reports all).
 */
const DEFAULT_MAX_PER_FILE = 1000;

/** How long requests and diagnostics wait for the initial folder scan at most. */
const SCAN_WAIT_MS = 5000;

export class ServerState {
  /** glob matchers of the `schemasage.dialects` setting */
  private dialectGlobs: { match: (path: string) => boolean; dialect: SqlDialect }[] = [];
  private lintKey = '';
  private lintEnabled = true;
  private settingsRules: Record<string, LintSeverity> = {};
  private configRules: Record<string, LintSeverity> = {};
  private dialectsKey = '{}';
  readonly ws = new Workspace({ dialectFor: (uri) => this.dialectFromSetting(uri), analysis: { keepPerFile: DEFAULT_MAX_PER_FILE } });
  /**
   * Untitled DBML documents, each bound on its own: a sketch ("New DBML Schema
   * File", a pasted schema) is not part of the workspace's schema, so its tables
   * neither clash with the workspace's nor show up in it. Saved, it joins.
   */
  private readonly scratch = new Map<string, Workspace>();
  private analysisOptions: AnalysisOptions = { keepPerFile: DEFAULT_MAX_PER_FILE };
  /**
   * Open documents. Each incremental update also notes where it changed the
   * text, so the Workspace need not compare megabytes to find a keystroke.
   */
  readonly documents = new TextDocuments<TextDocument>({
    create: TextDocument.create,
    update: (doc, changes, version) => {
      this.noteChange(doc, changes);
      return TextDocument.update(doc, changes, version);
    },
  });
  /** per open document: the one change since the version the Workspace has (undefined: several, or unknown) */
  private readonly changes = new Map<string, { base: number; change: TextChange | undefined }>();
  debounceMs = DEFAULT_DEBOUNCE_MS;
  /** least pause after the last edit before the analysis runs again (`schemasage.diagnostics.analysisDelayMs`) */
  analysisDelayMs = ANALYSIS_DELAY_MS;
  /** most diagnostics published per file, most severe first (`schemasage.diagnostics.maxPerFile`; 0: all) */
  maxPerFile = DEFAULT_MAX_PER_FILE;
  /** workspace folder paths (file-system) */
  folders: string[] = [];
  /** the migrations folder, relative to a workspace folder (`schemasage.migrations.folder`) */
  migrationsFolder = 'migrations';
  /** client capabilities that change what we answer */
  hierarchicalDocumentSymbols = true;

  /** open documents whose text the Workspace has not seen yet */
  private readonly dirty = new Set<string>();
  /** files edited since the last pass: published even when their diagnostics did not change */
  private readonly touched = new Set<string>();
  /** the diagnostics last published per uri (their objects come from `converted`, so most compare by identity) */
  private readonly published = new Map<string, LspDiagnostic[]>();
  /** each engine diagnostic's LSP form and the offsets it was converted at (see `toLsp`) */
  private readonly converted = new WeakMap<Diagnostic, LspDiagnostic>();
  /** file-system path (or non-file uri) -> the uri string the workspace uses for it */
  private readonly uriByKey = new Map<string, string>();
  /** open documents whose current text the engine failed on */
  private readonly failed = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  /** the analysis pass (inference, lint) that follows the keystroke pass */
  private analysisTimer: NodeJS.Timeout | undefined;
  /** the next slice of the analysis (runAnalysis) */
  private analysisSlice: NodeJS.Immediate | undefined;
  /** the time the analysis's slices took before the full pass that publishes it */
  private analysisBusyMs = 0;
  private fullPass = false;
  /** how long the last analysis took, its slices and the full pass (ms) */
  private analysisMs = 0;
  private pending = false;
  private scanned = false;
  private readyResolve!: () => void;
  /** resolves when the initial scan of the workspace folders is done (or took too long) */
  readonly ready: Promise<void> = new Promise((resolve) => (this.readyResolve = resolve));
  private firstPassResolve: (() => void) | undefined;
  /** resolves after the first diagnostics pass: what is not needed for the first diagnostics loads after it */
  readonly firstPass: Promise<void> = new Promise((resolve) => (this.firstPassResolve = resolve));
  /** Called when an SQL file joins the workspace (server.ts sets it after the first pass: loads the query checker). */
  onSqlFile: (() => void) | undefined;
  private disposed = false;
  /** diagnostics from outside the engine's workspace (drift against live databases), per file; computed once per pass */
  externalDiagnostics: (() => Map<string, Diagnostic[]>) | undefined;
  private external = new Map<string, Diagnostic[]>();

  constructor(readonly connection: Connection) {}

  // ------------------------------------------------------------------ logging

  log(message: string): void {
    this.connection.console.log(message);
  }

  logError(message: string, err: unknown): void {
    const detail = err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : String(err);
    this.connection.console.error(`${message}: ${detail}`);
  }

  // ----------------------------------------------------------------- settings

  applySettings(settings: SchemaSageSettings | undefined): void {
    const folder = settings?.migrations?.folder;
    if (typeof folder === 'string' && folder.trim() && !folder.includes('..')) this.migrationsFolder = folder.trim().replace(/^\.?\/+|\/+$/g, '');
    const ms = settings?.diagnostics?.debounceMs;
    if (typeof ms === 'number' && Number.isFinite(ms) && ms >= 0) this.debounceMs = ms;
    const pause = settings?.diagnostics?.analysisDelayMs;
    if (typeof pause === 'number' && Number.isFinite(pause) && pause >= 0) this.analysisDelayMs = pause;
    const max = settings?.diagnostics?.maxPerFile;
    if (typeof max === 'number' && Number.isFinite(max) && max >= 0 && Math.floor(max) !== this.maxPerFile) {
      this.maxPerFile = Math.floor(max);
      // the workspaces keep that many of an analysis's diagnostics per file: a new limit needs a new analysis
      this.applyAnalysisOptions();
    }
    const lintSettings = settings?.lint;
    if (lintSettings && typeof lintSettings === 'object') {
      const key = JSON.stringify(lintSettings);
      if (key !== this.lintKey) {
        this.lintKey = key;
        this.lintEnabled = lintSettings.enabled !== false;
        this.settingsRules = {};
        for (const [code, sev] of Object.entries(lintSettings.rules ?? {})) {
          if (typeof sev === 'string' && SEVERITIES.has(sev)) this.settingsRules[code.toUpperCase()] = sev as LintSeverity;
          else this.log(`schemasage.lint.rules: '${String(sev)}' for ${code} is not one of error, warning, info, hint, off; ignored`);
        }
        this.applyAnalysisOptions();
      }
    }
    const dialects = settings?.dialects;
    if (dialects && typeof dialects === 'object') {
      const key = JSON.stringify(dialects);
      if (key === this.dialectsKey) return;
      this.dialectsKey = key;
      this.dialectGlobs = [];
      for (const [glob, name] of Object.entries(dialects)) {
        const dialect = typeof name === 'string' ? dialectByName(name) : undefined;
        if (!dialect) {
          this.log(`schemasage.dialects: '${String(name)}' for '${glob}' is not a dialect (postgres, mysql, sqlite, mssql); ignored`);
          continue;
        }
        const match = picomatch(glob, { dot: true, nocase: true, basename: !glob.includes('/') });
        this.dialectGlobs.push({ match, dialect });
      }
      // every SQL file is read again with the dialect the setting now gives it
      for (const f of this.ws.files()) if (f.language === 'sql') this.ws.setDialect(f.uri, undefined);
      this.schedule();
    }
  }

  /** Reads `schemasage.config.json` of the workspace folders (the first one that has it). */
  loadConfigFile(): void {
    let rules: Record<string, LintSeverity> = {};
    for (const folder of this.folders) {
      const path = join(folder, CONFIG_FILE);
      const text = readFileIfExists(path);
      if (text === undefined) continue;
      try {
        rules = parseConfig(text, path);
      } catch (err) {
        this.logError(`reading ${path} failed; its severities are ignored`, err);
      }
      break;
    }
    this.configRules = rules;
    this.applyAnalysisOptions();
  }

  private applyAnalysisOptions(): void {
    this.analysisOptions = { enabled: this.lintEnabled, severity: { ...this.configRules, ...this.settingsRules }, keepPerFile: this.maxPerFile };
    this.ws.setAnalysisOptions(this.analysisOptions);
    for (const w of this.scratch.values()) w.setAnalysisOptions(this.analysisOptions);
    this.schedule();
  }

  /** The Workspace a document belongs to: its own for an untitled DBML document, else the workspace's. */
  wsFor(uri: string | undefined): Workspace {
    return (uri !== undefined && this.scratch.get(uri)) || this.ws;
  }

  /** This state as a request about `uri` sees it: `ws` is the document's Workspace (see `scratch`). */
  forUri(uri: string | undefined): ServerState {
    const own = uri !== undefined ? this.scratch.get(uri) : undefined;
    return own ? (Object.create(this, { ws: { value: own, enumerable: true } }) as ServerState) : this;
  }

  /** Every Workspace: the workspace's, then each untitled DBML document's. */
  private workspaces(): Workspace[] {
    return this.scratch.size ? [this.ws, ...this.scratch.values()] : [this.ws];
  }

  /** The dialect the `schemasage.dialects` setting gives a file (globs relative to its workspace folder). */
  private dialectFromSetting(uri: string): SqlDialect | undefined {
    if (!this.dialectGlobs.length) return undefined;
    const rel = this.relativePath(uri);
    if (rel === undefined) return undefined;
    for (const g of this.dialectGlobs) if (g.match(rel)) return g.dialect;
    return undefined;
  }

  /** A file's path relative to its workspace folder, with `/` (undefined for non-file uris). */
  relativePath(uri: string): string | undefined {
    const path = uriToPath(uri);
    if (!path) return undefined;
    const folder = this.folders.find((f) => isUnder(path, f));
    return (folder ? relative(folder, path) : path).split(sep).join('/');
  }

  /** What the status bar shows about a file. */
  fileInfo(uri: string): FileInfo {
    this.sync();
    const f = this.ws.getFile(uri);
    if (!f) return {};
    return { language: f.language, dialect: f.dialect, dialectSource: f.dialectSource };
  }

  // --------------------------------------------------------------- documents

  /** True for documents the server handles (schema files by language id or extension). */
  isSchemaDocument(doc: TextDocument): boolean {
    return SCHEMA_LANGUAGE_IDS.has(doc.languageId) || isSchemaPath(doc.uri);
  }

  /** Where `changes` (about to be applied to `doc`) change its text, relative to `doc`'s version. */
  private noteChange(doc: TextDocument, changes: TextDocumentContentChangeEvent[]): void {
    const known = this.changes.get(doc.uri);
    const first = changes.length === 1 ? changes[0] : undefined;
    if (known || !first || !('range' in first)) {
      // several edits since the Workspace's version: it compares the texts itself
      this.changes.set(doc.uri, { base: known?.base ?? doc.version, change: undefined });
      return;
    }
    const range = (first as { range: { start: Position; end: Position } }).range;
    const start = doc.offsetAt(range.start);
    const oldEnd = Math.max(start, doc.offsetAt(range.end));
    this.changes.set(doc.uri, { base: doc.version, change: { start, oldEnd, newEnd: start + first.text.length } });
  }

  /** An open document was opened or changed. */
  documentChanged(doc: TextDocument): void {
    if (!this.isSchemaDocument(doc)) return;
    this.adoptUri(doc.uri);
    this.dirty.add(doc.uri);
    this.touched.add(doc.uri);
    this.schedule();
  }

  /** An open document was closed: back to the disk content, or out of the workspace. */
  documentClosed(uri: string): void {
    this.dirty.delete(uri);
    this.changes.delete(uri);
    if (!this.wsFor(uri).getFile(uri)) return;
    const path = uriToPath(uri);
    const text = path && this.isWorkspaceSchemaPath(path) ? readFileIfExists(path) : undefined;
    if (text === undefined) this.forget(uri);
    else this.setText(uri, text, 0);
    this.schedule();
  }

  /**
   * Pushes the text of every dirty open document into the Workspace. A text
   * the engine fails on (a bug) leaves the file at its last good text and is
   * reported on the document instead of failing every later request.
   */
  sync(): void {
    if (!this.dirty.size) return;
    for (const uri of this.dirty) {
      const doc = this.documents.get(uri);
      if (!doc) continue;
      // the change hint holds only against the very version the Workspace has
      const noted = this.changes.get(uri);
      this.changes.delete(uri);
      const change = noted && this.wsFor(uri).getFile(uri)?.version === noted.base ? noted.change : undefined;
      this.setText(uri, doc.getText(), doc.version, SCHEMA_LANGUAGE_IDS.has(doc.languageId) ? (doc.languageId as SchemaLanguage) : undefined, change);
    }
    this.dirty.clear();
  }

  /** setFile that survives an engine failure (see sync). */
  private setText(uri: string, text: string, version: number, language?: SchemaLanguage, change?: TextChange): void {
    let ws = this.ws;
    if (uri.startsWith('untitled:') && (language ?? languageOf(uri)) === 'dbml') {
      ws = this.scratch.get(uri) ?? new Workspace({ analysis: this.analysisOptions });
      this.scratch.set(uri, ws);
      if (this.ws.getFile(uri)) this.ws.removeFile(uri);
    } else if (this.scratch.delete(uri)) {
      // an untitled document switched to another language: it joins the workspace
      this.touched.add(uri);
    }
    try {
      const file = ws.setFile(uri, text, version, language ? { language } : {}, change);
      if (file.language === 'sql') this.onSqlFile?.();
      this.failed.delete(uri);
    } catch (err) {
      this.logError(`parsing ${uri} failed`, err);
      this.failed.add(uri);
      if (!ws.getFile(uri)) ws.setFile(uri, '', version);
    }
  }

  // -------------------------------------------------------------------- disk

  /** Scans the workspace folders for schema files and loads the ones not open. */
  async scanFolders(folders: string[]): Promise<void> {
    const started = Date.now();
    this.loadConfigFile();
    const timeout = setTimeout(() => this.markReady(), SCAN_WAIT_MS);
    try {
      let count = 0;
      for (const folder of folders) {
        const files = await readFiles(await findSchemaFiles(folder));
        for (const { path, text } of files) {
          if (this.disposed) return;
          const uri = this.uriByKey.get(path) ?? pathToUri(path);
          if (this.documents.get(uri)) continue;
          this.uriByKey.set(path, uri);
          this.setText(uri, text, 0);
          count++;
        }
      }
      this.log(`read ${count} schema file(s) from disk in ${folders.length} folder(s) in ${Date.now() - started} ms; ${this.ws.files().length} in the workspace schema (open documents included)`);
    } finally {
      clearTimeout(timeout);
      this.markReady();
    }
  }

  /** Workspace folders were removed: their files leave the workspace unless open. */
  removeFolders(folders: string[]): void {
    this.folders = this.folders.filter((f) => !folders.includes(f));
    for (const file of this.ws.files()) {
      const path = uriToPath(file.uri);
      if (!path || this.documents.get(file.uri) || this.inFolders(path)) continue;
      if (folders.some((f) => isUnder(path, f))) this.forget(file.uri);
    }
    this.schedule();
  }

  /** A file was created or changed on disk. Open documents win over the disk. */
  diskChanged(uri: string): void {
    const path = uriToPath(uri);
    if (path && path.endsWith('schemasage.config.json')) {
      this.loadConfigFile();
      return;
    }
    if (!path || !this.isWorkspaceSchemaPath(path)) return;
    const known = this.uriByKey.get(path) ?? uri;
    if (this.documents.get(known)) return;
    const text = readFileIfExists(path);
    if (text === undefined) return;
    this.uriByKey.set(path, known);
    this.setText(known, text, 0);
    this.schedule();
  }

  /** A file (or a folder of them) was deleted on disk. */
  diskDeleted(uri: string): void {
    const path = uriToPath(uri);
    if (!path) return;
    if (path.endsWith('schemasage.config.json')) this.loadConfigFile();
    for (const file of this.ws.files()) {
      const p = uriToPath(file.uri);
      if (!p || this.documents.get(file.uri)) continue;
      if (p === path || isUnder(p, path)) this.forget(file.uri);
    }
    this.schedule();
  }

  // ------------------------------------------------------------- diagnostics

  /** Runs the diagnostics pass after the debounce delay (restarted by every change). */
  /** A pass that republishes every file even when nothing was typed (e.g. a database was introspected). */
  republish(): void {
    for (const f of this.ws.files()) this.touched.add(f.uri);
    this.schedule();
  }

  schedule(): void {
    this.pending = true;
    if (!this.scanned || this.disposed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, this.debounceMs);
  }

  /**
   * Publishes diagnostics for every file whose diagnostics changed (binding is
   * cross-file, so one edit can change another file's), always for the files
   * edited since the last pass, then the status notification.
   */
  flush(): void {
    if (!this.pending || this.disposed) return;
    this.pending = false;
    // the keystroke pass publishes parse and binding diagnostics with the last analysis; the analysis
    // (inference, lint over every table) follows in its own pass once typing pauses
    const mode = this.fullPass ? 'full' : 'fast';
    this.fullPass = false;
    const started = Date.now();
    try {
      this.sync();
      try {
        this.external = this.externalDiagnostics?.() ?? new Map();
      } catch (err) {
        this.logError('drift check failed', err);
        this.external = new Map();
      }
      const status: StatusParams = { tables: 0, relationships: 0, errors: 0, warnings: 0, files: 0 };
      const seen = new Set<string>();
      const files = this.scratch.size ? [...this.ws.files(), ...[...this.scratch.values()].flatMap((w) => w.files())] : this.ws.files();
      for (const file of files) {
        seen.add(file.uri);
        const engineDiagnostics = this.fileDiagnostics(file.uri, mode);
        // with those the workspace counted without keeping them (beyond the per-file limit)
        const omitted = this.omittedDiagnostics(file.uri, mode);
        if (!this.scratch.has(file.uri)) {
          // the status counts the workspace's schema, not sketches
          status.files++;
          const counts = severityCounts(engineDiagnostics, omitted && { ...omitted });
          status.errors += counts.error;
          status.warnings += counts.warning;
        }
        const shown = capDiagnostics(file.uri, engineDiagnostics, this.maxPerFile, omitted ? severityTotal(omitted) : 0);
        const index = shown.length ? file.lineIndex : undefined;
        const diagnostics = shown.map((d) => this.toLsp(d, d.uri === file.uri ? index : undefined));
        this.publish(file.uri, diagnostics, this.touched.has(file.uri));
      }
      for (const uri of [...this.published.keys()]) {
        if (!seen.has(uri)) this.publish(uri, [], true);
      }
      for (const uri of this.published.keys()) if (!seen.has(uri)) this.published.delete(uri);
      this.touched.clear();
      try {
        const schema = this.ws.binding().schema;
        status.tables = schema.tables.length;
        status.relationships = schema.relationships.length;
      } catch (err) {
        this.logError('binding failed', err);
      }
      void this.connection.sendNotification(StatusNotification, status);
    } catch (err) {
      this.logError('diagnostics pass failed', err);
    }
    this.firstPassResolve?.();
    this.firstPassResolve = undefined;
    if (mode === 'full') {
      this.analysisMs = this.analysisBusyMs + Date.now() - started;
      this.analysisBusyMs = 0;
    }
    if (this.workspaces().some((w) => !w.analysisIsCurrent)) this.scheduleAnalysis();
  }

  /** The analysis pass, after the keystroke pass and a pause (restarted by every change). */
  private scheduleAnalysis(): void {
    if (this.disposed) return;
    if (this.analysisTimer) clearTimeout(this.analysisTimer);
    this.analysisTimer = setTimeout(() => {
      this.analysisTimer = undefined;
      if (this.dirty.size || this.timer) return; // a keystroke pass is due first; it schedules this again
      this.runAnalysis();
    }, Math.max(this.debounceMs, this.analysisDelayMs, Math.min(ANALYSIS_DELAY_MAX_MS, ANALYSIS_DELAY_FACTOR * this.analysisMs)));
  }

  /**
   * Computes the analysis a slice of ANALYSIS_SLICE_MS at a time, letting messages in between (at
   * 5,000 tables it takes 0.3-0.4 s: in one piece, a keystroke or a completion request arriving
   * then waited for all of it), then publishes in a full pass. A change stops it: the change's
   * keystroke pass schedules it again.
   */
  private runAnalysis(): void {
    if (this.analysisSlice) clearImmediate(this.analysisSlice);
    const tasks: AnalysisTask[] = [];
    try {
      for (const w of this.workspaces()) {
        const t = w.analysisTask();
        if (t) tasks.push(t);
      }
    } catch (err) {
      this.logError('analysis failed', err);
    }
    let busy = 0;
    const slice = (): void => {
      this.analysisSlice = undefined;
      if (this.disposed || this.dirty.size || this.timer) return;
      const t0 = performance.now();
      const end = t0 + ANALYSIS_SLICE_MS;
      const more = () => performance.now() < end;
      try {
        for (const t of tasks) {
          const state = t.run(more);
          if (state === 'done') continue;
          busy += performance.now() - t0;
          if (state === 'more') this.analysisSlice = setImmediate(slice);
          else this.scheduleAnalysis(); // the texts or options changed under it
          return;
        }
      } catch (err) {
        // the full pass reports it per file (fileDiagnostics)
        this.logError('analysis failed', err);
      }
      busy += performance.now() - t0;
      this.analysisBusyMs = busy;
      this.pending = true;
      this.fullPass = true;
      this.flush();
    };
    this.analysisSlice = setImmediate(slice);
  }

  /**
   * A file's diagnostics; when binding throws (an engine bug), its syntax
   * diagnostics alone, so one bug does not hide every error in the workspace.
   */
  private fileDiagnostics(uri: string, mode: 'full' | 'fast' = 'full'): Diagnostic[] {
    if (this.failed.has(uri)) {
      const message = 'SchemaSage could not analyse this version of the file (an internal error, logged in the SchemaSage output); results shown are for its last analysed version.';
      return [{ uri, span: { start: 0, end: 0 }, severity: 'error', code: 'INTERNAL', message }];
    }
    try {
      const extra = this.external.get(uri);
      const own = this.wsFor(uri).diagnostics(uri, mode);
      return extra?.length ? [...own, ...extra] : own;
    } catch (err) {
      this.logError(`diagnostics of ${uri} failed`, err);
      return [...(this.wsFor(uri).getFile(uri)?.parseDiagnostics ?? [])];
    }
  }

  /** How many of a file's analysis diagnostics its workspace did not keep (see `capDiagnostics`); undefined on failure. */
  private omittedDiagnostics(uri: string, mode: 'full' | 'fast' = 'full'): Readonly<SeverityCounts> | undefined {
    if (this.failed.has(uri)) return undefined;
    try {
      return this.wsFor(uri).omittedDiagnostics(uri, mode);
    } catch {
      // fileDiagnostics logged it
      return undefined;
    }
  }

  /**
   * An engine diagnostic in LSP terms. The form converted earlier is reused
   * while its offsets still map to the same lines and characters
   * (`LineIndex.stillAt`, O(1)); diagnostics pointing into
   * other files (`related`) are converted afresh, as those files may have moved.
   */
  private toLsp(d: Diagnostic, index: LineIndex | undefined): LspDiagnostic {
    if (!index || d.related?.length) return toLspDiagnostic(this.wsFor(d.uri), d);
    const start = d.span.start;
    const end = d.span.end;
    const known = this.converted.get(d);
    // an LSP diagnostic holds no offsets: while its range still says where it is, it is the same object
    // (and serialises to the same cached JSON, see transport.ts), however far its block moved in the text
    if (known && index.stillAt(start, known.range.start) && index.stillAt(Math.max(start, end), known.range.end)) return known;
    const lsp = toLspDiagnostic(this.wsFor(d.uri), d);
    this.converted.set(d, lsp);
    return lsp;
  }

  private publish(uri: string, diagnostics: LspDiagnostic[], always: boolean): void {
    // A file never published counts as published empty: no flood of empty lists at start.
    if (!always && sameDiagnostics(this.published.get(uri) ?? [], diagnostics)) return;
    this.published.set(uri, diagnostics);
    const version = this.documents.get(uri)?.version;
    void this.connection.sendDiagnostics(version === undefined ? { uri, diagnostics } : { uri, version, diagnostics });
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.analysisTimer) clearTimeout(this.analysisTimer);
    this.analysisTimer = undefined;
    if (this.analysisSlice) clearImmediate(this.analysisSlice);
    this.analysisSlice = undefined;
  }

  // ------------------------------------------------------------------ helpers

  private markReady(): void {
    if (this.scanned) return;
    this.scanned = true;
    this.readyResolve();
    if (this.pending) this.schedule();
  }

  /**
   * Makes `uri` the workspace's name for its file. A client may spell a file's
   * uri differently from the one we built while scanning (percent-encoding,
   * drive-letter case); the client's spelling wins, so answers use its uris.
   */
  private adoptUri(uri: string): void {
    const key = uriToPath(uri) ?? uri;
    const previous = this.uriByKey.get(key);
    if (previous !== undefined && previous !== uri) {
      this.dirty.delete(previous);
      this.forget(previous);
    }
    this.uriByKey.set(key, uri);
  }

  /** Removes a file from the workspace; the next pass clears its diagnostics. */
  private forget(uri: string): void {
    this.scratch.delete(uri);
    this.ws.removeFile(uri);
    this.failed.delete(uri);
    const key = uriToPath(uri) ?? uri;
    if (this.uriByKey.get(key) === uri) this.uriByKey.delete(key);
  }

  private inFolders(path: string): boolean {
    return this.folders.some((f) => isUnder(path, f));
  }

  /** A schema file the folder scan would have found. */
  private isWorkspaceSchemaPath(path: string): boolean {
    return isSchemaPath(path) && !isSkippedPath(path) && this.inFolders(path);
  }
}

/** The notice that ends a cut list, one object per file and count (so it serialises once). */
const limitNotices = new Map<string, { key: string; notice: Diagnostic }>();

/**
 * At most `max` of a file's diagnostics (0: all), the most severe first, in
 * their own order, plus a notice at the top of the file saying how many were
 * left out. Errors are never dropped for warnings, warnings never for hints.
 * `omitted` more were left out before (the workspace keeps only the most severe
 * of an analysis's diagnostics, see `Workspace.omittedDiagnostics`): the notice counts them.
 */
export function capDiagnostics(uri: string, list: Diagnostic[], max: number, omitted = 0): Diagnostic[] {
  if (!max || (list.length <= max && !omitted)) {
    limitNotices.delete(uri);
    return list;
  }
  const out = [...mostSevere(list, max)];
  const total = list.length + omitted;
  const left = total - out.length;
  const key = `${max}:${left}`;
  let entry = limitNotices.get(uri);
  if (entry?.key !== key) {
    const message = `${out.length} of ${total} problems are shown, the most severe first; ${left} more are not (setting schemasage.diagnostics.maxPerFile, 0 for all; the CLI's \`schemasage lint\` and \`check\` list them all).`;
    entry = { key, notice: { uri, span: { start: 0, end: 0 }, severity: 'info', code: 'LIMIT', message } };
    limitNotices.set(uri, entry);
  }
  out.push(entry.notice);
  return out;
}

/** The same list as far as a client can tell: element by element, by identity first (most are reused objects). */
function sameDiagnostics(a: LspDiagnostic[], b: LspDiagnostic[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && JSON.stringify(a[i]) !== JSON.stringify(b[i])) return false;
  return true;
}

function isUnder(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
