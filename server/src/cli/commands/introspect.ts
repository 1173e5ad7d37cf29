/**
 * `schemasage introspect --url URL [--schema s]... [--format json|dbml|sql|prisma] [-o file]`:
 * reads a live database's catalog through the same drivers and engine mapping
 * as the editor and prints SchemaSage's model of it. A URL's password (or
 * PGPASSWORD / MYSQL_PWD from the environment) is used to connect and never
 * appears in output or errors.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { connect, describeConnection, introspectWithWarnings, parseConnectionUrl, type ConnectionOptions, type DbConnection } from '../../db/index.js';
import { UsageError } from '../files.js';
import { renderSchema, type SchemaFormat } from '../../render.js';

export interface IntrospectCliOptions {
  url: string | undefined;
  schemas: string[];
  format: string;
  out: string | undefined;
  cwd: string;
}

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Connection options from `--url`: postgres://, mysql://, mariadb://, or sqlite:<path> / a .sqlite/.db path. */
export function connectionFromUrl(url: string, cwd: string): ConnectionOptions {
  const sqlite = /^sqlite:(?:\/\/)?(.+)$/i.exec(url)?.[1] ?? (/\.(sqlite3?|db3?)$/i.test(url) && !/^[a-z]+:\/\//i.test(url) ? url : undefined);
  if (sqlite) {
    const path = resolve(cwd, sqlite);
    try {
      return { dialect: 'sqlite', bytes: new Uint8Array(readFileSync(path)) };
    } catch (err) {
      throw new UsageError(`cannot read the SQLite database '${sqlite}': ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  }
  const o = parseConnectionUrl(url);
  if (!o) throw new UsageError(`--url must be a postgres://, mysql://, mariadb:// or sqlite: URL`);
  if (o.password === undefined) {
    const env = o.dialect === 'postgres' ? process.env.PGPASSWORD : process.env.MYSQL_PWD;
    if (env) o.password = env;
  }
  return o;
}

/**
 * Opens the connection, or prints why not (with the password scrubbed) and
 * returns undefined: the one way the CLI's commands connect.
 */
export async function connectOrReport(conn: ConnectionOptions, io: Io): Promise<DbConnection | undefined> {
  try {
    return await connect(conn);
  } catch (err) {
    const password = conn.dialect === 'sqlite' ? undefined : conn.password;
    io.stderr(`schemasage: cannot connect to ${describeConnection(conn)}: ${scrubbed((err as Error).message ?? String(err), password)}\n`);
    return undefined;
  }
}

export async function runIntrospect(options: IntrospectCliOptions, io: Io): Promise<number> {
  if (!options.url) throw new UsageError('introspect needs --url');
  if (!['json', 'dbml', 'sql', 'prisma'].includes(options.format)) throw new UsageError(`unknown --format '${options.format}' for introspect (json, dbml, sql, prisma)`);
  const conn = connectionFromUrl(options.url, options.cwd);
  const password = conn.dialect === 'sqlite' ? undefined : conn.password;
  const db = await connectOrReport(conn, io);
  if (!db) return 2;
  try {
    const started = performance.now();
    const { schema, warnings } = await introspectWithWarnings(db, options.schemas.length ? { schemas: options.schemas } : {});
    const ms = Math.round(performance.now() - started);
    for (const w of warnings) io.stderr(`schemasage: ${w.code} ${w.message}\n`);
    let text: string;
    if (options.format === 'json') text = `${JSON.stringify({ source: describeConnection(conn), introspectedInMs: ms, schema }, null, 2)}\n`;
    else {
      const r = renderSchema(schema, options.format as SchemaFormat, { dialect: conn.dialect });
      if ('error' in r) {
        io.stderr(`schemasage: cannot write ${options.format}: ${r.error}\n`);
        return 2;
      }
      text = r.text.endsWith('\n') ? r.text : `${r.text}\n`;
    }
    if (options.out) {
      writeFileSync(resolve(options.cwd, options.out), text);
      io.stderr(`schemasage: ${schema.tables.length} tables from ${describeConnection(conn)} written to ${options.out} (${ms} ms)\n`);
    } else io.stdout(text);
    return 0;
  } catch (err) {
    io.stderr(`schemasage: introspection failed: ${scrubbed((err as Error).message ?? String(err), password)}\n`);
    return 2;
  } finally {
    await db.close().catch(() => undefined);
  }
}

function scrubbed(message: string, secret: string | undefined): string {
  return secret ? message.split(secret).join('***') : message;
}
