/**
 * The embedded PostgreSQL: DbConnection over an in-process PostgreSQL
 * (`@electric-sql/pglite`, WASM), for trying everything with no server.
 *
 * PGlite is an optional piece of the extension (its WASM and data are
 * larger than the rest together): the build puts it in `dist/pglite/`
 * (esbuild.mjs) and this module loads it from there on first use, or from a
 * folder the user names, or (in development and tests) from the installed
 * package. When it is nowhere, opening rejects with `PgliteUnavailableError`,
 * whose message says what to do. Nothing here runs at server start.
 *
 * An embedded database lives in memory (per process, kept under a key until
 * `closeEmbedded`) or in a data directory (closed after a minute unused).
 * It is created empty or from a PostgreSQL schema file: the DDL is run
 * statement by statement and every statement PostgreSQL rejects becomes a
 * diagnostic on that statement (`checkPostgresDdl`), kept with the database
 * (`schemaLoad`). The extensions the file creates are started with the
 * database when PGlite carries them (its contrib set: pg_trgm, pgcrypto,
 * hstore, citext, ...). PGlite has one session: each `openEmbeddedPostgres` is a
 * lease that waits for the previous one to close, so two requests never
 * share a transaction. About 3-4 s to start and several hundred MB.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import type { DbConnection, EmbeddedPostgresOptions, PgliteLoadOptions, Row } from './connection.js';
import type { Diagnostic } from '../engine/diagnostics.js';
import { createdExtensions, pgDdlStatements, pgErrorDiagnostic, pgErrorFields } from '../engine/introspect/ddl-check.js';

type PgliteModule = typeof import('@electric-sql/pglite');

/** The folder name of the PGlite bundle next to the server bundle (`dist/pglite/`). */
export const PGLITE_BUNDLE_DIR = 'pglite';
/** The package the bundle is built from (development and tests load it directly). */
const PGLITE_PACKAGE = '@electric-sql/pglite';
const MARKER = 'schemasage-embedded.json';
const DEFAULT_IDLE_MS = 60_000;
const CLOSE_GRACE_MS = 5_000;

/** PGlite is not installed with this build: the message says what the user can do. */
export class PgliteUnavailableError extends Error {
  readonly code = 'PGLITE_UNAVAILABLE';
  constructor(readonly looked: readonly string[]) {
    super(
      'Embedded PostgreSQL (PGlite) is not included in this installation of SchemaSage. ' +
        'Install the "SchemaSage PGlite" extension, or run `npm install @electric-sql/pglite@0.5` in a folder of your choice ' +
        'and set "schemasage.connections.pgliteDir" to that folder. A SQLite file or a PostgreSQL server works without it.' +
        (looked.length ? ` (looked in: ${looked.join(', ')})` : ''),
    );
    this.name = 'PgliteUnavailableError';
  }
}


/** The folders searched for PGlite, in order: the given one, `SCHEMASAGE_PGLITE_DIR`, the bundle beside the server. */
export function pgliteDirs(o: PgliteLoadOptions = {}): string[] {
  const dirs: string[] = [];
  if (o.moduleDir) dirs.push(resolve(o.moduleDir));
  const env = process.env['SCHEMASAGE_PGLITE_DIR'];
  if (env) dirs.push(resolve(env));
  // the bundled server (dist/server.js, CommonJS) finds the bundle beside it
  if (typeof __dirname === 'string') dirs.push(join(__dirname, PGLITE_BUNDLE_DIR));
  return dirs;
}

/** The files of a folder that may hold PGlite's CommonJS entry (with its WASM beside it). */
function entryFiles(dir: string): string[] {
  return [join(dir, 'index.js'), join(dir, 'index.cjs'), join(dir, 'dist', 'index.cjs'), join(dir, 'node_modules', '@electric-sql', 'pglite', 'dist', 'index.cjs')];
}

const loaded = new Map<string, Promise<PgliteModule>>();

/** The CommonJS entry file PGlite loads from, or undefined for the installed package. */
function entryFile(o: PgliteLoadOptions): string | undefined {
  return pgliteDirs(o)
    .flatMap(entryFiles)
    .find((f) => existsSync(f) && existsSync(join(f, '..', 'pglite.wasm')));
}

/** Loads PGlite from the first candidate that exists, else the package; rejects with PgliteUnavailableError. */
export function loadPglite(o: PgliteLoadOptions = {}): Promise<PgliteModule> {
  const dirs = pgliteDirs(o);
  const file = entryFile(o);
  const key = file ?? (o.packageFallback === false ? '' : PGLITE_PACKAGE);
  let p = loaded.get(key);
  if (!p) {
    p = (async (): Promise<PgliteModule> => {
      if (file) return createRequire(file)(file) as PgliteModule;
      if (!key) throw new PgliteUnavailableError(dirs);
      try {
        // a computed specifier: the server bundle must not inline PGlite
        const name: string = PGLITE_PACKAGE;
        return (await import(name)) as PgliteModule;
      } catch {
        throw new PgliteUnavailableError(dirs);
      }
    })();
    loaded.set(key, p);
    p.catch(() => loaded.delete(key));
  }
  return p;
}

/** A PGlite extension module's export (`{ name, setup }`). */
type PgliteExtension = NonNullable<NonNullable<Parameters<PgliteModule['PGlite']['create']>[1]>['extensions']>[string];

function extensionOf(mod: unknown): PgliteExtension | undefined {
  if (!mod || typeof mod !== 'object') return undefined;
  for (const v of Object.values(mod as Record<string, unknown>)) {
    if (v && typeof v === 'object' && typeof (v as { setup?: unknown }).setup === 'function') return v as PgliteExtension;
  }
  return undefined;
}

/**
 * The PGlite extensions among `names` (`CREATE EXTENSION` names) that this
 * PGlite carries: `contrib/<name>.cjs` beside its entry with the
 * extension's `<name>.tar.gz` (the bundle and the package share that
 * layout), or the package's `contrib/<name>` export. Others are left out:
 * PostgreSQL then reports them as not available, as a server without them would.
 */
async function loadExtensions(o: PgliteLoadOptions, names: readonly string[]): Promise<Record<string, PgliteExtension>> {
  const out: Record<string, PgliteExtension> = {};
  const file = entryFile(o);
  for (const name of names) {
    if (!/^[a-z0-9_-]+$/.test(name)) continue;
    const mod = name.replace(/-/g, '_');
    try {
      let ext: PgliteExtension | undefined;
      if (file) {
        const contrib = join(file, '..', 'contrib', `${mod}.cjs`);
        if (existsSync(contrib) && existsSync(join(file, '..', `${name}.tar.gz`))) ext = extensionOf(createRequire(contrib)(contrib));
      } else if (o.packageFallback !== false) {
        const spec: string = `${PGLITE_PACKAGE}/contrib/${mod}`;
        ext = extensionOf(await import(spec));
      }
      if (ext) out[mod] = ext;
    } catch {
      // not carried by this PGlite
    }
  }
  return out;
}

function wrap(db: PGlite, onClose: () => Promise<void>): DbConnection {
  let closed = false;
  const live = () => {
    if (closed) throw new Error('the embedded PostgreSQL connection is closed');
  };
  return {
    dialect: 'postgres',
    async query(sql: string, params?: readonly unknown[]): Promise<Row[]> {
      live();
      const r = await db.query<Row>(sql, params ? [...params] : undefined);
      return r.rows;
    },
    async exec(sql: string): Promise<void> {
      live();
      await db.exec(sql);
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await onClose();
    },
  };
}

export interface PgliteConnection extends DbConnection {
  readonly dialect: 'postgres';
}

/** Starts a private PGlite instance (in memory, or persisted in `dataDir`); closing the connection stops it. */
export async function openPglite(dataDir?: string, load: PgliteLoadOptions = {}): Promise<PgliteConnection> {
  const { PGlite } = await loadPglite(load);
  const db = await PGlite.create(dataDir);
  return wrap(db, () => db.close()) as PgliteConnection;
}

// ---------------------------------------------------------------- checking DDL

/** What loading a schema file into PostgreSQL found. */
export interface SchemaLoadReport {
  uri: string;
  /** statements sent */
  statements: number;
  /** statements PostgreSQL rejected (one diagnostic each) */
  failed: number;
  ms: number;
  diagnostics: Diagnostic[];
}

/**
 * Runs a PostgreSQL script statement by statement on `conn` (errors do not
 * stop it, as with psql) and reports each rejected statement as a
 * diagnostic at the place PostgreSQL names (psql meta-commands are not sent).
 * The session's settings are reset afterwards (pg_dump files empty the
 * search_path).
 */
export async function checkPostgresDdl(conn: DbConnection, uri: string, text: string): Promise<SchemaLoadReport> {
  const started = performance.now();
  const diagnostics: Diagnostic[] = [];
  let statements = 0;
  for (const st of pgDdlStatements(text)) {
    statements++;
    try {
      await conn.exec(text.slice(st.start, st.end));
    } catch (e) {
      diagnostics.push(pgErrorDiagnostic(uri, text, st, pgErrorFields(e)));
    }
  }
  // a script that left a transaction open (a failed COMMIT, a missing one) must not hold the session
  await conn.exec('ROLLBACK').catch(() => undefined);
  await conn.exec('RESET ALL').catch(() => undefined);
  return { uri, statements, failed: diagnostics.length, ms: Math.round(performance.now() - started), diagnostics };
}

// ---------------------------------------------------------------- embedded databases

/** A lease on an embedded database: a DbConnection plus how the database was made. */
export interface EmbeddedConnection extends PgliteConnection {
  /** true when this call created the database */
  readonly created: boolean;
  /** the schema file's load, when the database was created from one (also on later leases) */
  readonly schemaLoad?: SchemaLoadReport;
}

interface Instance {
  db: PGlite;
  created: boolean;
  schemaLoad?: SchemaLoadReport;
  /** resolves when the current lease ends */
  tail: Promise<void>;
  leases: number;
  idle?: ReturnType<typeof setTimeout>;
  persistent: boolean;
}

const instances = new Map<string, Promise<Instance>>();

function keyOf(o: EmbeddedPostgresOptions): string {
  return o.dataDir ? `dir:${resolve(o.dataDir)}` : `mem:${o.key ?? ''}`;
}

async function createInstance(o: EmbeddedPostgresOptions): Promise<Instance> {
  const { PGlite } = await loadPglite(o);
  let created = true;
  let schemaLoad: SchemaLoadReport | undefined;
  let extensionNames = o.schema ? createdExtensions(o.schema.text) : [];
  if (o.dataDir) {
    const dir = resolve(o.dataDir);
    const marker = join(dir, MARKER);
    // a directory without our marker is half made (a load that was interrupted) or not ours to trust: start again
    if (existsSync(marker) && !o.recreate) {
      created = false;
      try {
        const saved = JSON.parse(readFileSync(marker, 'utf8')) as { schemaLoad?: SchemaLoadReport; extensions?: string[] };
        schemaLoad = saved.schemaLoad;
        // the extensions the database was made with must be loaded again at every start
        extensionNames = Array.isArray(saved.extensions) ? saved.extensions.filter((x): x is string => typeof x === 'string') : [];
      } catch {
        schemaLoad = undefined;
      }
    } else {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
    }
  }
  const extensions = extensionNames.length ? await loadExtensions(o, extensionNames) : {};
  const db = await PGlite.create({ ...(o.dataDir ? { dataDir: resolve(o.dataDir) } : {}), extensions });
  if (created) {
    if (o.schema) schemaLoad = await checkPostgresDdl(wrap(db, async () => undefined), o.schema.uri, o.schema.text);
    if (o.dataDir) writeFileSync(join(resolve(o.dataDir), MARKER), JSON.stringify({ createdAt: new Date().toISOString(), extensions: extensionNames.filter((n) => n.replace(/-/g, '_') in extensions), ...(schemaLoad ? { schemaLoad } : {}) }));
  }
  return { db, created, ...(schemaLoad ? { schemaLoad } : {}), tail: Promise.resolve(), leases: 0, persistent: !!o.dataDir };
}

/**
 * Opens (creating when needed) an embedded PostgreSQL and leases its one
 * session: the returned connection's `close()` ends the lease (the database
 * stays). Rejects with PgliteUnavailableError when PGlite is not installed,
 * or with PGlite's error when the data directory cannot be used.
 */
export async function openEmbeddedPostgres(o: EmbeddedPostgresOptions): Promise<EmbeddedConnection> {
  const key = keyOf(o);
  if (o.recreate) await closeEmbedded(o);
  let p = instances.get(key);
  let createdNow = false;
  if (!p) {
    p = createInstance(o);
    createdNow = true;
    instances.set(key, p);
    p.catch(() => instances.delete(key));
  }
  const inst = await p;
  if (inst.idle) clearTimeout(inst.idle);
  inst.idle = undefined;
  inst.leases++;
  let release!: () => void;
  const previous = inst.tail;
  inst.tail = new Promise<void>((r) => (release = r));
  await previous;
  const conn = wrap(inst.db, async () => {
    // leave the session as a new one would find it
    await inst.db.exec('ROLLBACK').catch(() => undefined);
    await inst.db.exec('RESET ALL').catch(() => undefined);
    inst.leases--;
    release();
    if (inst.persistent && inst.leases === 0 && instances.get(key) === p) {
      inst.idle = setTimeout(() => void closeEmbedded(o), o.idleMs ?? DEFAULT_IDLE_MS);
      inst.idle.unref?.();
    }
  });
  return Object.assign(conn, { dialect: 'postgres' as const, created: createdNow && inst.created, ...(inst.schemaLoad ? { schemaLoad: inst.schemaLoad } : {}) });
}

/** Resolves when `p` settles or after `ms`, whichever is first (a lease never closed must not hang shutdown). */
async function settled(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([p.catch(() => undefined), new Promise<void>((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}

/** Closes an embedded database (waiting up to 5 s for its lease to end); with `recreate`, also deletes its data directory. */
export async function closeEmbedded(o: Pick<EmbeddedPostgresOptions, 'dataDir' | 'key' | 'recreate'>): Promise<void> {
  const key = keyOf(o as EmbeddedPostgresOptions);
  const p = instances.get(key);
  instances.delete(key);
  if (p) {
    const inst = await p.catch(() => undefined);
    if (inst) {
      if (inst.idle) clearTimeout(inst.idle);
      await settled(inst.tail, CLOSE_GRACE_MS);
      await inst.db.close().catch(() => undefined);
    }
  }
  if (o.recreate && o.dataDir) rmSync(resolve(o.dataDir), { recursive: true, force: true });
}

/** Closes every embedded database of this process (server shutdown). */
export async function closeAllEmbedded(): Promise<void> {
  const all = [...instances.entries()];
  instances.clear();
  await Promise.all(
    all.map(async ([, p]) => {
      const inst = await p.catch(() => undefined);
      if (!inst) return;
      if (inst.idle) clearTimeout(inst.idle);
      await inst.db.close().catch(() => undefined);
    }),
  );
}

/** What a client sends for an embedded PostgreSQL connection (plain data, JSON-able). */
export interface EmbeddedParams {
  /** names the database (the connection's name): the in-memory database is kept under it */
  key: string;
  /** absolute data directory (e.g. under the extension's global storage); in memory when absent */
  dataDir?: string;
  /** absolute path of the PostgreSQL schema file to create the database from */
  schemaFile?: string;
  /** a folder holding PGlite when it is not beside the server (the `schemasage.connections.pgliteDir` setting) */
  pgliteDir?: string;
  /** drop the database and create it again from the schema file */
  recreate?: boolean;
}

/**
 * Connection options from what the client sent: the schema file is read
 * here, and only when the database will be created from it (a data
 * directory already made is opened as it is). Throws when the file is needed
 * but unreadable.
 */
export function embeddedConnectionOptions(p: EmbeddedParams, readText: (file: string) => string = (f) => readFileSync(f, 'utf8')): EmbeddedPostgresOptions {
  const o: EmbeddedPostgresOptions = { dialect: 'pglite', key: p.key };
  if (p.dataDir) o.dataDir = p.dataDir;
  if (p.pgliteDir) o.moduleDir = p.pgliteDir;
  if (p.recreate) o.recreate = true;
  const exists = p.dataDir ? existsSync(join(resolve(p.dataDir), MARKER)) : instances.has(keyOf(o));
  if (p.schemaFile && (p.recreate || !exists)) {
    let text: string;
    try {
      text = readText(p.schemaFile);
    } catch (e) {
      throw new Error(`cannot read the schema file ${p.schemaFile}: ${e instanceof Error ? e.message : String(e)}`);
    }
    o.schema = { uri: pathToFileURL(p.schemaFile).href, text };
  }
  return o;
}
