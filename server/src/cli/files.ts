/**
 * Finding and reading the schema files named on the command line: files are
 * taken as given, folders are walked for schema files (skipping node_modules
 * and .git). The only module of the CLI besides main.ts that touches the file
 * system; never parses anything.
 */
import { looksBinary } from '../engine/text/binary.js';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** A failure the user caused (bad argument, missing file): exit code 2. */
export class UsageError extends Error {}

/** What `--dialect` accepts: a schema language, or an SQL dialect (which makes every file SQL). */
export const DIALECTS = ['dbml', 'prisma', 'sql', 'postgres', 'mysql', 'sqlite', 'mssql'] as const;
export type Dialect = (typeof DIALECTS)[number];

const EXTENSIONS: Record<string, Dialect> = {
  '.dbml': 'dbml',
  '.prisma': 'prisma',
  '.sql': 'sql',
  '.pgsql': 'postgres',
  '.psql': 'postgres',
  '.mysql': 'mysql',
  '.sqlite': 'sqlite',
  '.tsql': 'mssql',
};
const SKIP_DIRS = new Set(['node_modules', '.git']);

export interface InputFile {
  /** absolute path */
  path: string;
  /** path shown to the user: relative to the working directory */
  display: string;
  uri: string;
  text: string;
  dialect: Dialect;
}

const ALIASES: Record<string, Dialect> = { postgresql: 'postgres', pg: 'postgres', mariadb: 'mysql', sqlserver: 'mssql', tsql: 'mssql', sqlite3: 'sqlite' };

export function parseDialect(value: string): Dialect {
  const d = value.toLowerCase();
  if ((DIALECTS as readonly string[]).includes(d)) return d as Dialect;
  if (ALIASES[d]) return ALIASES[d];
  throw new UsageError(`unsupported dialect '${value}' (supported: ${DIALECTS.join(', ')})`);
}

export function detectDialect(path: string): Dialect | undefined {
  return EXTENSIONS[extname(path).toLowerCase()];
}

function walk(dir: string, out: string[]): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) walk(p, out);
    } else if (e.isFile() && detectDialect(p)) {
      out.push(p);
    }
  }
}

function describe(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return code ?? (err instanceof Error ? err.message : String(err));
}

/**
 * Expands the arguments into the files to check, in a stable order (arguments
 * in order, folder contents sorted), each read once.
 * Throws UsageError for a path that cannot be read or a file whose dialect is
 * unknown without `--dialect`.
 */
export function collectFiles(args: string[], cwd: string, dialect?: Dialect): InputFile[] {
  const seen = new Set<string>();
  const files: InputFile[] = [];
  const add = (path: string, d: Dialect, named: boolean) => {
    if (seen.has(path)) return;
    seen.add(path);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      throw new UsageError(`cannot read '${relative(cwd, path) || path}': ${describe(err)}`);
    }
    if (looksBinary(text)) {
      // a SQLite database named `.sqlite` in a folder is skipped; named on its own it is a mistake
      if (named) throw new UsageError(`'${relative(cwd, path) || path}' is a binary file, not schema text (a database file? use its schema's DDL)`);
      return;
    }
    files.push({ path, display: relative(cwd, path) || path, uri: pathToFileURL(path).href, text, dialect: d });
  };
  for (const arg of args) {
    const path = resolve(cwd, arg);
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch (err) {
      throw new UsageError(`cannot read '${arg}': ${describe(err)}`);
    }
    if (isDir) {
      const found: string[] = [];
      try {
        walk(path, found);
      } catch (err) {
        throw new UsageError(`cannot read folder '${arg}': ${describe(err)}`);
      }
      if (!found.length) throw new UsageError(`no schema files (${Object.keys(EXTENSIONS).join(', ')}) found in '${arg}'`);
      for (const f of found) add(f, dialect ?? detectDialect(f)!, false);
    } else {
      const d = dialect ?? detectDialect(path);
      if (!d) throw new UsageError(`cannot tell the dialect of '${arg}' from its extension; pass --dialect (${DIALECTS.join(', ')})`);
      add(path, d, true);
    }
  }
  return files;
}
