/**
 * The `schemasage` command line: argv -> command -> stdout/stderr + exit code.
 * Exit codes: 0 clean (warnings allowed), 1 errors found, 2 the command could
 * not run (usage error, unreadable path, internal failure).
 *
 * Holds argument parsing and dispatch only; each command lives in commands/,
 * and bin.ts (the bundle's entry) runs `main` for the process.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
// Each command's module loads when that command runs: `check` does not evaluate the database drivers,
// templates and data readers the others bring (nor the Node modules they require).
import type { LintFormat } from './commands/lint.js';
import { ConfigError, readConfig, CONFIG_FILE } from './config.js';
import { parseDialect, UsageError, DIALECTS } from './files.js';

// Bundled by esbuild, which inlines the JSON; the path is from server/src/cli.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const VERSION: string = (require('../../../package.json') as { version: string }).version;

const HELP = `SchemaSage ${VERSION}: schema checks from the command line.

Usage:
  schemasage check <files or folders...> [--json] [--dialect <dialect>]
  schemasage lint <files or folders...> [--format text|json|sarif] [--max-warnings <n>]
                  [--config <file>] [--dialect <dialect>]
  schemasage introspect --url <url> [--schema <s>]... [--format json|dbml|sql|prisma] [-o <file>]
  schemasage diff <from> <to> [--dialect <d>] [--json] [--rollback] [--online]
                  [--rename old=new]... [--no-renames] [--exit-code] [--markdown]
  schemasage generate <target> <schema file or folder> [--out <dir>] [--tables a,b] [--templates <dir>]
  schemasage convert <schema file or folder> --to <dialect> [--report json] [-o <file>]
  schemasage migrate status|apply|rollback [folder] --url <url> [--allow-hazards <codes>|all]
                  [--to <migration>] [--json]
  schemasage infer <data files or folders...> [--format dbml|sql:<dialect>|json|<target>]
                   [--report <report.json|report.html>] [-o <file>]
  schemasage drift <schema files or folders...> --url <url> [--schema <s>]... [--json]
  schemasage --help | --version

Commands:
  check     Parse and bind every schema file given (folders are searched for
            .dbml, .prisma and SQL files, skipping node_modules and .git) as
            one workspace, and report its diagnostics as
            'file:line:col severity code message'. --json adds the tables and
            relationships, inferred ones with their confidence and evidence.
  lint      The same, plus the lint rules and the inferred relationships as
            diagnostics (codes in docs/rules.md). Severities per code come
            from ${CONFIG_FILE} in the working directory (or --config):
            { "rules": { "KEY003": "off", "PII001": "error" } }.

  introspect
            Read a live database's catalog (postgres://, mysql://, mariadb://
            URL, or sqlite:<file>) into SchemaSage's model and print it as
            JSON, or as DBML, SQL in the database's dialect, or Prisma.
            The password may come from the URL or PGPASSWORD/MYSQL_PWD; it is
            never printed.
  diff      The migration plan from one schema to another, with its hazards
            (docs/hazards.md), as SQL or JSON. A source is a file or folder
            (DBML, SQL, Prisma), git:REV:path (that path at a git revision),
            or a database URL. --rollback prints the reverse plan; --online
            uses CREATE INDEX CONCURRENTLY and NOT VALID constraints
            (PostgreSQL). Renames are detected by similarity; --rename
            old=new / table.old=new forces one, --no-renames refuses them.
            --markdown writes a changelog (what changed, with hazards) for
            release notes, e.g. diff git:v1.0:db git:v1.1:db --markdown.
  generate  Code from the schema through a Handlebars target of templates/
            (typescript, zod, json-schema, sql-postgres, sql-mysql,
            sql-sqlite, sql-mssql, sql-snowflake, sql-bigquery,
            sql-redshift, sql-databricks, dbml, mermaid, markdown, prisma,
            sqlalchemy, pydantic, dataclasses, django, typeorm, drizzle,
            graphql, dbt, fastapi, express, terraform) or of --templates.
  convert   The schema as SQL DDL in another dialect (postgres, mysql, sqlite,
            mssql) or warehouse (snowflake, bigquery, redshift, databricks),
            and every lossy or approximate conversion per column on stderr
            (--report json: the report alone, on stdout).
  migrate   The migrations folder (default ./migrations: SchemaSage, Flyway,
            Prisma or golang-migrate files) against the database's history
            table schemasage_migrations: status, apply the pending ones (each
            in a transaction on PostgreSQL, resumable on MySQL), or roll the
            last one back (--to <name>: back to it). Hazards in a migration
            need --allow-hazards (codes in docs/hazards.md). Exit 1 when
            something is pending, failed or refused.
  infer     Infer a relational schema from data files (JSON, JSON Lines,
            CSV/TSV, YAML, XML): types, keys, relationships between files,
            PII; print it as DBML (default), SQL, JSON or any generate target
            (typescript, zod, prisma, ...). --report writes the
            data-quality report (JSON or a self-contained HTML page).
  drift     Compare schema files with a live database (as introspect reads
            it) and print each difference on the file object it concerns
            (codes DRIFT001-008). Exit 1 when they differ.

Options:
  --json              Print one JSON object: tables, relationships, diagnostics.
  --format <f>        lint: text (default), json, or sarif (SARIF 2.1.0).
  --max-warnings <n>  lint: exit 1 when there are more than n warnings.
  --config <file>     lint: the config file to read instead of ${CONFIG_FILE}.
  --url <url>         introspect, drift: the database to read.
  --schema <s>        introspect: a PostgreSQL schema / MySQL database to read
                      (repeatable; default: all user schemas / the URL's database).
  -o, --out <file>    introspect: write to a file instead of stdout.
  --dialect <d>       Read every file as <d> instead of detecting it from its
                      extension. Supported: ${DIALECTS.join(', ')}.
  -h, --help          Show this help.
  -v, --version       Show the version.

Exit status: 0 no errors, 1 errors found, 2 the command could not run.
`;

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  /** running on GitHub Actions: text output also prints annotations */
  github?: boolean;
}

/** Runs one command line (without `node` and the script); resolves to the exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean' },
        dialect: { type: 'string' },
        format: { type: 'string' },
        'max-warnings': { type: 'string' },
        config: { type: 'string' },
        url: { type: 'string' },
        schema: { type: 'string', multiple: true },
        out: { type: 'string', short: 'o' },
        rollback: { type: 'boolean' },
        online: { type: 'boolean' },
        rename: { type: 'string', multiple: true },
        'no-renames': { type: 'boolean' },
        'exit-code': { type: 'boolean' },
        markdown: { type: 'boolean' },
        report: { type: 'string' },
        'allow-hazards': { type: 'string' },
        to: { type: 'string' },
        tables: { type: 'string' },
        templates: { type: 'string' },
        read: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
    if (values.version) {
      io.stdout(`${VERSION}\n`);
      return 0;
    }
    const [command, ...rest] = positionals;
    if (values.help || command === 'help') {
      io.stdout(HELP);
      return 0;
    }
    if (!command) {
      io.stderr(HELP);
      return 2;
    }
    if (command === 'introspect') {
      if (rest.length) throw new UsageError(`introspect takes no files (got '${rest[0]}'); it reads --url`);
      const { runIntrospect } = await import('./commands/introspect.js');
      return await runIntrospect({ url: values.url, schemas: values.schema ?? [], format: values.format ?? 'json', out: values.out, cwd: io.cwd }, io);
    }
    if (command === 'diff') {
      if (rest.length !== 2) throw new UsageError('diff needs two sources: <from> <to> (files, folders, git:REV:path or a database URL)');
      const read = values.read !== undefined ? parseDialect(values.read) : undefined;
      const { runDiff } = await import('./commands/diff.js');
      return await runDiff(
        { from: rest[0]!, to: rest[1]!, dialect: values.dialect, json: !!values.json, rollback: !!values.rollback, online: !!values.online, renames: values.rename ?? [], noRenames: !!values['no-renames'], exitCode: !!values['exit-code'], markdown: !!values.markdown, read, cwd: io.cwd },
        io,
      );
    }
    if (command === 'generate') {
      const [target, ...paths] = rest;
      if (!target || !paths.length) throw new UsageError('generate needs a target and a schema file or folder (e.g. generate typescript schema.dbml)');
      const read = values.read !== undefined ? parseDialect(values.read) : undefined;
      const { runGenerate } = await import('./commands/generate.js');
      return await runGenerate({ target, paths, out: values.out, tables: values.tables, templates: values.templates, read, cwd: io.cwd }, io);
    }
    if (command === 'convert') {
      if (!rest.length) throw new UsageError('convert needs a schema file or folder');
      const read = values.read !== undefined ? parseDialect(values.read) : undefined;
      const { runConvert } = await import('./commands/generate.js');
      return await runConvert({ paths: rest, to: values.to, report: values.report, out: values.out, read, cwd: io.cwd }, io);
    }
    if (command === 'migrate') {
      const [action, folder, ...extra] = rest;
      if (!action) throw new UsageError('migrate needs status, apply or rollback');
      if (extra.length) throw new UsageError(`migrate takes one folder (got '${extra[0]}')`);
      const { runMigrate } = await import('./commands/migrate.js');
      return await runMigrate({ action, folder: folder ?? 'migrations', url: values.url, allowHazards: values['allow-hazards'], to: values.to, json: !!values.json, cwd: io.cwd }, io);
    }
    if (command === 'infer') {
      if (!rest.length) throw new UsageError('infer needs at least one data file or folder');
      const { runInfer } = await import('./commands/infer.js');
      return await runInfer({ paths: rest, format: values.format ?? 'dbml', report: values.report, out: values.out, cwd: io.cwd }, io);
    }
    if (command === 'drift') {
      if (!rest.length) throw new UsageError('drift needs at least one schema file or folder');
      const dialect = values.dialect !== undefined ? parseDialect(values.dialect) : undefined;
      const { runDrift } = await import('./commands/drift.js');
      return await runDrift({ paths: rest, url: values.url, schemas: values.schema ?? [], json: !!values.json, dialect, cwd: io.cwd, github: io.github }, io);
    }
    if (command !== 'check' && command !== 'lint') throw new UsageError(`unknown command '${command}' (try --help)`);
    if (!rest.length) throw new UsageError(`${command} needs at least one file or folder`);
    const dialect = values.dialect !== undefined ? parseDialect(values.dialect) : undefined;
    if (command === 'check') {
      const { runCheck } = await import('./commands/check.js');
      return await runCheck({ paths: rest, json: !!values.json, dialect, cwd: io.cwd, github: io.github }, io);
    }
    const format = (values.format ?? 'text') as LintFormat;
    if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`unknown --format '${values.format}' (text, json, sarif)`);
    const mw = values['max-warnings'];
    const maxWarnings = mw === undefined ? undefined : Number(mw);
    if (maxWarnings !== undefined && (!Number.isInteger(maxWarnings) || maxWarnings < 0)) throw new UsageError(`--max-warnings needs a whole number, not '${mw}'`);
    let severity;
    try {
      severity = readConfig(io.cwd, values.config ? resolve(io.cwd, values.config) : undefined);
    } catch (e) {
      if (e instanceof ConfigError) throw new UsageError(e.message);
      throw e;
    }
    const { runLint } = await import('./commands/lint.js');
    return await runLint({ paths: rest, format, maxWarnings, dialect, cwd: io.cwd, severity, version: VERSION, github: io.github }, io);
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string })?.code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`schemasage: ${(err as Error).message}\n`);
      return 2;
    }
    io.stderr(`schemasage: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 2;
  }
}
