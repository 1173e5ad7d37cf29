/**
 * Code generation: the public data types. A target is a manifest plus its
 * Handlebars template files, handed in as strings (the engine never reads
 * files); `generate` answers with file contents and diagnostics.
 */

/** One template file of a target, its path relative to the target folder (e.g. `model.py.hbs`). */
export interface TemplateFile {
  path: string;
  text: string;
}

/** One option a target accepts (`GenerateOptions.options`). */
export interface TargetOption {
  type: 'string' | 'boolean';
  default: unknown;
  description: string;
}

/** `templates/<target>/manifest.json`. */
export interface TargetManifest {
  id: string;
  name: string;
  description: string;
  /** output file name pattern; may use `{{table}}` (and other view-model fields) for per-table output */
  output: string;
  /** one output file per table (the `output` pattern is rendered per table) */
  perTable?: boolean;
  /** the language of the output: picks identifier escaping (`typescript`, `python`, `sql`, `prisma`, ...) */
  language: string;
  /** the template rendered for each output file (default: `main.hbs`, or the only non-partial `.hbs`) */
  entry?: string;
  /** more outputs of a target, each a template and a file name pattern (dbt: sources.yml, schema.yml, stg_*.sql) */
  outputs?: { template: string; output: string; perTable?: boolean }[];
  /** SQL targets: the dialect their DDL is written in */
  dialect?: string;
  options?: Record<string, TargetOption>;
  /** names the output's own imports or globals use: class and enum names avoid them (`Entity`, `BaseModel`, ...) */
  reserved?: string[];
  /** field names the output's base class reserves (`metadata` in SQLAlchemy, `model_config` in Pydantic) */
  reservedFields?: string[];
}

/** A target ready to run: its manifest and its template files. */
export interface TargetTemplates {
  manifest: TargetManifest;
  files: TemplateFile[];
}

export interface GenerateOptions {
  /** only these tables (keys `schema.name` or bare names); all when absent */
  tables?: string[];
  /** values of the manifest's options (defaults fill the rest) */
  options?: Record<string, unknown>;
  /** the source dialect (`postgres`, `mysql`, `sqlite`, `mssql`) when the target depends on it */
  dialect?: string;
}

export interface GenerateDiagnostic {
  severity: 'error' | 'warning';
  message: string;
  /** the template file the problem is in, when it is in one */
  template?: string;
  /** 1-based line in that template, when known */
  line?: number;
}

export interface GenerateResult {
  files: { path: string; content: string }[];
  diagnostics: GenerateDiagnostic[];
}
