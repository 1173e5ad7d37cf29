/**
 * Workspace: the engine's entry point for every shell (language server, CLI,
 * tests). Holds the text of each schema file (DBML, SQL in four dialects,
 * Prisma), parses each on change (reusing the parse of every block or
 * statement whose text did not change), and binds all files lazily, when a
 * feature asks: all DBML files form one schema, the SQL files of one dialect
 * another (replayed in migration order), the Prisma files a third.
 *
 * Pure: it is handed text; it never reads files or watches anything.
 */
import { mostSevere, severityCounts, type Diagnostic, type SeverityCounts } from './diagnostics.js';
import { checkFileQueries, type QueryChecker } from './query-diagnostics.js';
import { LineIndex } from './text/line-index.js';
import { diffTexts, type TextChange } from './text/edit.js';
import type { DbmlFile } from './syntax/dbml/ast.js';
import { DbmlParseCache, parseDbml } from './syntax/dbml/parse.js';
import { BindCache, bind, type Binding } from './model/bind.js';
import type { Occurrence, SchemaSymbol } from './model/symbols.js';
import type { DatabaseType } from './model/schema.js';
import { parseSql, SqlParseCache, type SqlDialect, type SqlFile } from './syntax/sql/index.js';
import { parsePrisma, PrismaParseCache, type PrismaFile } from './syntax/prisma/index.js';
import { detectDialect, isSqlPath, type DialectSource } from './detect/dialect.js';
import { analysisSteps, suppressionsOf, type Analysis, type AnalysisOptions } from './analyze.js';
import { runSteps, type Steps } from './steps.js';
import { noteWorkspace } from './shapes.js';

export type SchemaLanguage = 'dbml' | 'sql' | 'prisma';

export interface SourceFile {
  uri: string;
  text: string;
  version: number;
  language: SchemaLanguage;
  /** built on first use (from the previous version's index when there is one) */
  readonly lineIndex: LineIndex;
  /** the DBML view (empty for SQL and Prisma files, so DBML-only features see nothing there) */
  dbml: DbmlFile;
  /** SQL files: the parsed statements, the dialect and how it was chosen */
  sql?: SqlFile;
  dialect?: SqlDialect;
  dialectSource?: DialectSource;
  /** Prisma files: the parsed blocks */
  prisma?: PrismaFile;
  /** syntax and per-file validation diagnostics (binding adds its own) */
  parseDiagnostics: Diagnostic[];
}

const EMPTY_DBML: DbmlFile = Object.freeze({ syntax: Object.freeze({ elements: [], strays: [], comments: [] }), decls: [] }) as unknown as DbmlFile;

/** Source order: by start, then by end. */
function bySpan(a: Diagnostic, b: Diagnostic): number {
  return a.span.start - b.span.start || a.span.end - b.span.end;
}

/**
 * Keeps of each file's analysis diagnostics the `max` most severe, in span order (as `diagnostics`
 * merges them), and counts the others per severity in `analysis.omitted`.
 */
function keepMostSevere(analysis: Analysis, max: number): void {
  for (const [uri, list] of analysis.diagnosticsByUri) {
    if (list.length <= max) continue;
    const sorted = [...list].sort(bySpan);
    const kept = mostSevere(sorted, max);
    const omitted = severityCounts(list);
    for (const d of kept) omitted[d.severity]--;
    analysis.diagnosticsByUri.set(uri, kept as Diagnostic[]);
    (analysis.omitted ??= new Map()).set(uri, omitted);
  }
}

/** Two lists in span order as one (a fresh array); on equal spans `a`'s come first, as a stable sort of `[...a, ...b]` would put them. */
function mergeSorted(a: Diagnostic[], b: Diagnostic[]): Diagnostic[] {
  const out: Diagnostic[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = bySpan(b[j], a[i]) < 0 ? b[j++] : a[i++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}

/** Can `change` be the region where texts of these lengths differ (in bounds, the same length after it)? */
function fits(change: TextChange | undefined, oldLength: number, newLength: number): change is TextChange {
  if (!change) return false;
  const { start, oldEnd, newEnd } = change;
  return Number.isInteger(start) && Number.isInteger(oldEnd) && Number.isInteger(newEnd) && start >= 0 && start <= oldEnd && oldEnd <= oldLength && start <= newEnd && newEnd <= newLength && oldLength - oldEnd === newLength - newEnd;
}

/** The language of a file by its uri: `.prisma`, the SQL extensions, else DBML. */
export function languageOf(uri: string): SchemaLanguage {
  const path = uri.split(/[?#]/)[0];
  if (/\.prisma$/i.test(path)) return 'prisma';
  if (isSqlPath(path)) return 'sql';
  return 'dbml';
}

/** A parsed file; its line index is derived lazily, incrementally from the previous version's. */
class ParsedSourceFile implements SourceFile {
  private index: LineIndex | undefined;
  sql?: SqlFile;
  dialect?: SqlDialect;
  dialectSource?: DialectSource;
  prisma?: PrismaFile;

  constructor(
    readonly uri: string,
    readonly text: string,
    public version: number,
    readonly language: SchemaLanguage,
    readonly dbml: DbmlFile,
    readonly parseDiagnostics: Diagnostic[],
    previous?: { file: SourceFile; change: TextChange },
  ) {
    // only an index the previous version already built is worth updating (and holding the
    // index, not the file, never chains old versions together)
    const prev = previous?.file;
    if (prev instanceof ParsedSourceFile && prev.index) this.from = { index: prev.index, change: previous!.change };
  }

  private from: { index: LineIndex; change: TextChange } | undefined;

  get lineIndex(): LineIndex {
    if (!this.index) {
      this.index = this.from ? this.from.index.update(this.text, this.from.change) : new LineIndex(this.text);
      this.from = undefined;
    }
    return this.index;
  }
}

export interface WorkspaceOptions {
  /** database type assumed when no Project sets one */
  defaultDatabaseType?: DatabaseType;
  /** the SQL dialect for every SQL file (the CLI's `--dialect`) */
  dialect?: SqlDialect;
  /** the dialect a setting gives a file (the shell matches its globs against the path) */
  dialectFor?: (uri: string) => SqlDialect | undefined;
  /** relationship inference and lint: off without this option; on when given, unless `enabled: false` */
  analysis?: AnalysisOptions;
  /**
   * Checks the queries (SELECT, INSERT, UPDATE, DELETE) of SQL files against
   * the schema in the analysis pass: engine/query's `checkQueries`, injected
   * by the shell so node-sql-parser loads only when a shell wants it.
   */
  queries?: QueryChecker;
}

/** How a file is to be read: its language, and for SQL an explicit dialect. */
export interface FileKind {
  language?: SchemaLanguage;
  dialect?: SqlDialect;
}

export class Workspace {
  private readonly fileMap = new Map<string, SourceFile>();
  private readonly parseCache = new DbmlParseCache();
  private readonly sqlCaches = new Map<string, SqlParseCache>();
  private readonly prismaCaches = new Map<string, PrismaParseCache>();
  /** explicit per-file dialects (a user's choice in the editor) */
  private readonly dialectOverrides = new Map<string, SqlDialect>();
  private bound: Binding | undefined;
  private analysed: Analysis | undefined;
  /**
   * The diagnostics of the last analysis computed, kept after edits for
   * `diagnostics(uri, 'fast')`. Only the diagnostics: the whole Analysis would
   * keep that binding's schemas alive next to the current ones.
   */
  private lastAnalysis: Analysis | undefined;
  /** the analysis being computed a few steps at a time (`analysisTask`) */
  private analysing: { steps: Steps<Analysis>; abandoned?: boolean } | undefined;
  /** each analysis's diagnostics per file, sorted once (by span, as `diagnostics` returns them) */
  private readonly sortedAnalysis = new WeakMap<Analysis, Map<string, Diagnostic[]>>();
  private readonly suppressions = new WeakMap<SourceFile, Map<number, Set<string>>>();
  private readonly bindCache = new BindCache();
  private generation = 0;

  constructor(readonly options: WorkspaceOptions = {}) {
    // from the second workspace of a process on, the engine's object shapes outlive each workspace
    noteWorkspace(() => new Workspace());
  }

  /**
   * Adds or replaces a file's text; returns the parsed file. The language comes from `kind` or the uri.
   * `change`, when the caller knows it (an editor's incremental didChange, its ranges merged into one),
   * is the region of the file's current text that `text` replaces: it spares diffing two whole texts
   * (a millisecond a keystroke in a 3 MB file). It need not be minimal; one that does not fit the two
   * texts' lengths is ignored; one that fits but is wrong misleads the incremental parse.
   */
  setFile(uri: string, text: string, version = 0, kind: FileKind = {}, change?: TextChange): SourceFile {
    const existing = this.fileMap.get(uri);
    const language = kind.language ?? existing?.language ?? languageOf(uri);
    if (kind.dialect) this.dialectOverrides.set(uri, kind.dialect);
    const choice = language === 'sql' ? detectDialect(uri, text, this.dialectOverrides.get(uri) ?? this.options.dialect, this.options.dialectFor?.(uri)) : undefined;
    if (existing && existing.text === text && existing.language === language && existing.dialect === choice?.dialect) {
      existing.version = version;
      return existing;
    }
    const edit = existing && existing.language === language ? (fits(change, existing.text.length, text.length) ? change : diffTexts(existing.text, text)) : undefined;
    const previous = existing && edit ? { file: existing, change: edit } : undefined;
    let source: ParsedSourceFile;
    if (language === 'dbml') {
      const { file, diagnostics } = parseDbml(text, uri, this.parseCache, edit);
      source = new ParsedSourceFile(uri, text, version, 'dbml', file, diagnostics, previous);
    } else if (language === 'sql') {
      let cache = this.sqlCaches.get(uri);
      if (!cache) this.sqlCaches.set(uri, (cache = new SqlParseCache()));
      const sql = parseSql(text, choice!.dialect, cache);
      source = new ParsedSourceFile(uri, text, version, 'sql', EMPTY_DBML, sql.diagnostics.map((d) => ({ ...d, uri })), previous);
      source.sql = sql;
      source.dialect = choice!.dialect;
      source.dialectSource = choice!.source;
    } else {
      let cache = this.prismaCaches.get(uri);
      if (!cache) this.prismaCaches.set(uri, (cache = new PrismaParseCache()));
      const prisma = parsePrisma(text, cache);
      source = new ParsedSourceFile(uri, text, version, 'prisma', EMPTY_DBML, prisma.diagnostics.map((d) => ({ ...d, uri })), previous);
      source.prisma = prisma;
    }
    this.fileMap.set(uri, source);
    this.invalidate();
    return source;
  }

  removeFile(uri: string): boolean {
    const had = this.fileMap.delete(uri);
    this.parseCache.forget(uri);
    this.sqlCaches.delete(uri);
    this.prismaCaches.delete(uri);
    this.dialectOverrides.delete(uri);
    if (had) this.invalidate();
    return had;
  }

  getFile(uri: string): SourceFile | undefined {
    return this.fileMap.get(uri);
  }

  files(): SourceFile[] {
    return [...this.fileMap.values()];
  }

  /**
   * Reads an SQL file in another dialect from now on (`undefined` goes back to
   * detection); re-parses it. Returns the file, or undefined when it is no SQL file.
   */
  setDialect(uri: string, dialect: SqlDialect | undefined): SourceFile | undefined {
    const f = this.fileMap.get(uri);
    if (!f || f.language !== 'sql') return undefined;
    if (dialect) this.dialectOverrides.set(uri, dialect);
    else this.dialectOverrides.delete(uri);
    this.fileMap.delete(uri);
    this.sqlCaches.delete(uri);
    this.invalidate();
    return this.setFile(uri, f.text, f.version, { language: 'sql' });
  }

  /** Increases on every change; lets callers cache derived data. */
  get version(): number {
    return this.generation;
  }

  /** All files bound into one schema, with the symbol index and binding diagnostics. */
  binding(): Binding {
    if (!this.bound) this.bound = bind(this.files(), this.options, this.bindCache);
    return this.bound;
  }

  /** Inferred relationships and lint findings over every bound unit (computed once per change). */
  analysis(): Analysis {
    if (!this.analysed) {
      const steps = this.analysing?.steps ?? this.startAnalysis();
      let analysis: Analysis;
      try {
        analysis = runSteps(steps);
      } catch (err) {
        this.abandonAnalysis();
        throw err;
      }
      this.finishAnalysis(analysis);
    }
    return this.analysed!;
  }

  /**
   * The analysis of the current texts as a task run a few steps at a time (a step takes a few ms at
   * 5,000 tables), so a caller that must stay responsive can pause between steps; undefined when the
   * analysis is computed. Tasks share one computation: `analysis()` finishes it, a change abandons it.
   */
  analysisTask(): AnalysisTask | undefined {
    if (this.analysed) return undefined;
    const task = (this.analysing ??= { steps: this.startAnalysis() });
    return {
      run: (more) => {
        if (this.analysing !== task) return this.analysed && !task.abandoned ? 'done' : 'stale';
        for (;;) {
          let r: IteratorResult<void, Analysis>;
          try {
            r = task.steps.next();
          } catch (err) {
            // a generator that threw is over: the next analysis starts afresh (and reports the same)
            this.abandonAnalysis();
            throw err;
          }
          if (r.done) {
            this.finishAnalysis(r.value);
            return 'done';
          }
          if (!more()) return 'more';
        }
      },
    };
  }

  private startAnalysis(): Steps<Analysis> {
    return analysisSteps(this.binding(), this.options.analysis ?? { enabled: false }, (uri, offset) => {
      const f = this.fileMap.get(uri);
      if (!f) return undefined;
      let s = this.suppressions.get(f);
      if (!s) this.suppressions.set(f, (s = suppressionsOf(f.text)));
      return s.size ? s.get(f.lineIndex.position(offset).line) : undefined;
    });
  }

  private finishAnalysis(analysis: Analysis): void {
    this.analysing = undefined;
    if (this.options.queries) this.addQueryDiagnostics(analysis, this.options.queries);
    const keep = this.options.analysis?.keepPerFile;
    if (keep) keepMostSevere(analysis, keep);
    this.analysed = analysis;
    this.lastAnalysis = { inferred: [], findings: 0, diagnosticsByUri: analysis.diagnosticsByUri, omitted: analysis.omitted };
  }

  /** The analysis in progress is of old texts or options: dropped. */
  private abandonAnalysis(): void {
    if (this.analysing) this.analysing.abandoned = true;
    this.analysing = undefined;
  }

  /** Turns query checking on (or off with undefined); the next analysis uses it. */
  setQueryChecker(check: QueryChecker | undefined): void {
    (this.options as { queries?: QueryChecker }).queries = check;
    this.analysed = undefined;
    this.abandonAnalysis();
  }

  /** Query diagnostics of every SQL file, against its own unit's schema or, for a file of queries only, the workspace's. */
  private addQueryDiagnostics(analysis: Analysis, check: QueryChecker): void {
    const binding = this.binding();
    for (const f of this.fileMap.values()) {
      if (f.language !== 'sql' || !f.dialect) continue;
      const part = binding.parts.find((p) => p.tables.some((t) => t.source?.uri === f.uri));
      const found = checkFileQueries(check, part ?? binding.schema, f.text, f.dialect, f.uri);
      if (!found.length) continue;
      const list = analysis.diagnosticsByUri.get(f.uri) ?? [];
      analysis.diagnosticsByUri.set(f.uri, [...list, ...found]);
    }
  }

  /** True when the analysis of the current texts has been computed. */
  get analysisIsCurrent(): boolean {
    return this.analysed !== undefined;
  }

  /** Changes the analysis options (settings, `schemasage.config.json`); the next analysis uses them. */
  setAnalysisOptions(options: AnalysisOptions): void {
    (this.options as { analysis?: AnalysisOptions }).analysis = options;
    this.analysed = undefined;
    this.abandonAnalysis();
    this.lastAnalysis = undefined;
  }

  /**
   * Parse, validation, binding and analysis (inference, lint) diagnostics of one
   * file, in source order. `fast` does not compute the analysis: it takes the
   * last one computed (the editor's keystroke path; a later pass brings it up to date).
   */
  diagnostics(uri: string, mode: 'full' | 'fast' = 'full'): Diagnostic[] {
    const file = this.fileMap.get(uri);
    if (!file) return [];
    const analysis = mode === 'full' ? this.analysis() : (this.analysed ?? this.lastAnalysis);
    // parse and binding diagnostics are few and change per keystroke: sorted here; the analysis's
    // (thousands of lint findings in a large schema) were sorted once and are merged in
    const own = [...file.parseDiagnostics, ...(this.binding().diagnosticsByUri.get(uri) ?? [])].sort(bySpan);
    const analysed = analysis ? this.analysisDiagnostics(analysis, uri) : [];
    return analysed.length ? mergeSorted(own, analysed) : own;
  }

  /**
   * How many of a file's analysis diagnostics, per severity, this workspace did not keep
   * (`AnalysisOptions.keepPerFile`); undefined when it kept them all. `mode` as for `diagnostics`.
   */
  omittedDiagnostics(uri: string, mode: 'full' | 'fast' = 'full'): Readonly<SeverityCounts> | undefined {
    const analysis = mode === 'full' ? this.analysis() : (this.analysed ?? this.lastAnalysis);
    return analysis?.omitted?.get(uri);
  }

  /**
   * One file's analysis diagnostics in span order, sorted once per analysis.
   * After edits (the `fast` path) spans of blocks that were re-parsed stay where
   * they were while the rest move, so the order is checked, in O(n), and
   * restored when an edit broke it.
   */
  private analysisDiagnostics(analysis: Analysis, uri: string): Diagnostic[] {
    let perUri = this.sortedAnalysis.get(analysis);
    if (!perUri) this.sortedAnalysis.set(analysis, (perUri = new Map()));
    let list = perUri.get(uri);
    if (!list) {
      list = [...(analysis.diagnosticsByUri.get(uri) ?? [])].sort(bySpan);
      perUri.set(uri, list);
      return list;
    }
    for (let i = 1; i < list.length; i++) {
      if (bySpan(list[i - 1], list[i]) > 0) {
        // a stable sort of the current order is not the sort of the original order: start from that
        list = [...(analysis.diagnosticsByUri.get(uri) ?? [])].sort(bySpan);
        perUri.set(uri, list);
        break;
      }
    }
    return list;
  }

  /** The name occurrence at an offset (cursor semantics: touching either end counts). */
  occurrenceAt(uri: string, offset: number): { occurrence: Occurrence; symbol: SchemaSymbol } | undefined {
    const b = this.binding();
    const occ = b.occurrenceAt(uri, offset);
    const symbol = occ ? b.symbol(occ.symbol) : undefined;
    return occ && symbol ? { occurrence: occ, symbol } : undefined;
  }

  private invalidate(): void {
    this.generation++;
    this.bound = undefined;
    this.analysed = undefined;
    this.abandonAnalysis();
  }
}

/** `Workspace.analysisTask`'s handle. */
export interface AnalysisTask {
  /**
   * Runs steps while `more()` says so (asked after each step): `done` once the analysis is computed
   * (by this task or by `analysis()`), `more` when steps remain, `stale` once a change abandoned it.
   */
  run(more: () => boolean): 'done' | 'more' | 'stale';
}
