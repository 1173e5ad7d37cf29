/**
 * Workspace: the engine's entry point for every shell (language server, CLI,
 * tests). Holds the text of each schema file, parses each on change (reusing
 * the parse of every top-level block whose text did not change), and binds all
 * files into one Schema lazily, when a feature asks.
 *
 * Pure: it is handed text; it never reads files or watches anything.
 */
import type { Diagnostic } from './diagnostics.js';
import { LineIndex } from './text/line-index.js';
import { diffTexts, type TextChange } from './text/edit.js';
import type { DbmlFile } from './syntax/dbml/ast.js';
import { DbmlParseCache, parseDbml } from './syntax/dbml/parse.js';
import { BindCache, bind, type Binding } from './model/bind.js';
import type { Occurrence, SchemaSymbol } from './model/symbols.js';
import type { DatabaseType } from './model/schema.js';

export type SchemaLanguage = 'dbml';

export interface SourceFile {
  uri: string;
  text: string;
  version: number;
  language: SchemaLanguage;
  /** built on first use (from the previous version's index when there is one) */
  readonly lineIndex: LineIndex;
  dbml: DbmlFile;
  /** syntax and per-file validation diagnostics (binding adds its own) */
  parseDiagnostics: Diagnostic[];
}

/** A parsed DBML file; its line index is derived lazily, incrementally from the previous version's. */
class DbmlSourceFile implements SourceFile {
  readonly language = 'dbml' as const;
  private index: LineIndex | undefined;

  constructor(
    readonly uri: string,
    readonly text: string,
    public version: number,
    readonly dbml: DbmlFile,
    readonly parseDiagnostics: Diagnostic[],
    previous?: { file: SourceFile; change: TextChange },
  ) {
    // only an index the previous version already built is worth updating (and holding the
    // index, not the file, never chains old versions together)
    const prev = previous?.file;
    if (prev instanceof DbmlSourceFile && prev.index) this.from = { index: prev.index, change: previous!.change };
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
}

export class Workspace {
  private readonly fileMap = new Map<string, SourceFile>();
  private readonly parseCache = new DbmlParseCache();
  private bound: Binding | undefined;
  private readonly bindCache = new BindCache();
  private generation = 0;

  constructor(readonly options: WorkspaceOptions = {}) {}

  /** Adds or replaces a file's text; returns the parsed file. */
  setFile(uri: string, text: string, version = 0): SourceFile {
    const existing = this.fileMap.get(uri);
    if (existing && existing.text === text) {
      existing.version = version;
      return existing;
    }
    const change = existing ? diffTexts(existing.text, text) : undefined;
    const { file, diagnostics } = parseDbml(text, uri, this.parseCache, change);
    const source = new DbmlSourceFile(uri, text, version, file, diagnostics, existing && change ? { file: existing, change } : undefined);
    this.fileMap.set(uri, source);
    this.invalidate();
    return source;
  }

  removeFile(uri: string): boolean {
    const had = this.fileMap.delete(uri);
    this.parseCache.forget(uri);
    if (had) this.invalidate();
    return had;
  }

  getFile(uri: string): SourceFile | undefined {
    return this.fileMap.get(uri);
  }

  files(): SourceFile[] {
    return [...this.fileMap.values()];
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

  /** Parse, validation and binding diagnostics of one file, in source order. */
  diagnostics(uri: string): Diagnostic[] {
    const file = this.fileMap.get(uri);
    if (!file) return [];
    const all = [...file.parseDiagnostics, ...(this.binding().diagnosticsByUri.get(uri) ?? [])];
    return all.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
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
  }
}
