/**
 * Migration files: writing SchemaSage's own format and reading it back, plus
 * the folders other tools write (Prisma, Flyway, golang-migrate), into one
 * ordered list of `MigrationFile`s with checksums.
 *
 * SchemaSage's format is `migrations/<UTC yyyymmddhhmmss>_<name>.sql` with a
 * `-- schemasage:up` and a `-- schemasage:down` section; hazards are `--
 * hazard CODE ...` comment lines, statements that must run outside a
 * transaction are preceded by `-- schemasage:no-transaction`. Pure: the edge
 * lists the folder and passes each file's relative path and text; the time
 * for a new file's name is passed in. Never throws: a file it cannot use
 * becomes a diagnostic.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { MigrationPlan, PlannedStatement } from '../migrate/types.js';
import { sha256Hex } from './sha256.js';

/** Where a migration file came from. */
export type MigrationFormat = 'schemasage' | 'prisma' | 'flyway' | 'golang-migrate';

/** One migration, ready to order, check and apply. */
export interface MigrationFile {
  /** the identity recorded in the history table: the file name without `.sql` (Prisma: the folder name) */
  name: string;
  /** the ordering key (digits, or Flyway's dotted version) */
  version: string;
  /** the human part of the name (`add_users`) */
  description: string;
  format: MigrationFormat;
  /** the up file's path relative to the migrations folder */
  path: string;
  /** the down file's path when it is a separate file (Flyway `U`, golang-migrate `.down.sql`) */
  downPath?: string;
  /** the forward SQL */
  up: string;
  /** the rollback SQL; undefined when the format or the file has none */
  down?: string;
  /** offset of `up` in the file text (for diagnostics) */
  upOffset: number;
  /** sha-256 (hex) of the normalised up text */
  checksum: string;
  /** hazard codes named by `-- hazard CODE` comments in the header and the up section */
  hazards: string[];
  /** hazard codes named in the down section */
  downHazards: string[];
}

/** A file as the edge hands it over: its path relative to the migrations folder and its text. */
export interface FolderEntry {
  path: string;
  text: string;
}

export interface MigrationFolder {
  /** the migrations in apply order */
  migrations: MigrationFile[];
  diagnostics: Diagnostic[];
}

/** Codes of the diagnostics this module reports. */
export const HistoryCodes = {
  /** a `.sql` file whose name follows no known migration naming */
  UnknownName: 'MIGF001',
  /** two migrations with the same version */
  DuplicateVersion: 'MIGF002',
  /** a section marker appears twice */
  DuplicateSection: 'MIGF003',
  /** a SchemaSage file without a `-- schemasage:up` marker (the whole file is the up section) */
  NoUpMarker: 'MIGF004',
  /** a down/undo file without its up file */
  OrphanDown: 'MIGF005',
  /** a Flyway repeatable migration (`R__`): not supported, ignored */
  Repeatable: 'MIGF006',
} as const;

const UP_MARK = /^[ \t]*--[ \t]*schemasage:up[ \t]*$/gim;
const DOWN_MARK = /^[ \t]*--[ \t]*schemasage:down[ \t]*$/gim;
const HAZARD_LINE = /^[ \t]*--[ \t]*hazard[ \t]+([A-Z]+[0-9]+)\b/gim;
const SLUG = /[^A-Za-z0-9]+/g;

/**
 * The text a checksum covers: line endings as `\n`, trailing white space of
 * every line and blank lines at both ends removed. Comments are kept (a
 * changed hazard note is an edit).
 */
export function normaliseForChecksum(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[ \t]+$/gm, '').replace(/^\n+|\n+$/g, '');
}

/** The checksum of a migration's up text. */
export function migrationChecksum(up: string): string {
  return sha256Hex(normaliseForChecksum(up));
}

function hazardCodes(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(HAZARD_LINE)) out.add(m[1]!.toUpperCase());
  return [...out];
}

function diag(uri: string, start: number, end: number, severity: Diagnostic['severity'], code: string, message: string): Diagnostic {
  return { uri, span: { start, end }, severity, code, message };
}

interface Sections {
  up: string;
  upOffset: number;
  down?: string;
  header: string;
}

/** Splits a SchemaSage migration's text at its markers. */
function sections(path: string, text: string, diagnostics: Diagnostic[]): Sections {
  const ups = [...text.matchAll(UP_MARK)];
  const downs = [...text.matchAll(DOWN_MARK)];
  for (const extra of [...ups.slice(1), ...downs.slice(1)]) {
    diagnostics.push(diag(path, extra.index!, extra.index! + extra[0].length, 'error', HistoryCodes.DuplicateSection, `"${extra[0].trim()}" appears more than once: only the first one counts`));
  }
  const up = ups[0];
  const down = downs[0];
  if (!up) {
    if (!down) {
      diagnostics.push(diag(path, 0, 0, 'info', HistoryCodes.NoUpMarker, 'no "-- schemasage:up" marker: the whole file is the up migration and there is no rollback'));
      return { up: text, upOffset: 0, header: '' };
    }
    diagnostics.push(diag(path, 0, 0, 'info', HistoryCodes.NoUpMarker, 'no "-- schemasage:up" marker: the text before "-- schemasage:down" is the up migration'));
    return { up: text.slice(0, down.index), upOffset: 0, down: text.slice(down.index! + down[0].length), header: '' };
  }
  const upStart = up.index! + up[0].length;
  if (down && down.index! > up.index!) {
    return { header: text.slice(0, up.index), up: text.slice(upStart, down.index), upOffset: upStart, down: text.slice(down.index! + down[0].length) };
  }
  if (down) {
    // down before up: the header holds nothing, the down runs to the up marker
    return { header: '', up: text.slice(upStart), upOffset: upStart, down: text.slice(down.index! + down[0].length, up.index) };
  }
  return { header: text.slice(0, up.index), up: text.slice(upStart), upOffset: upStart };
}

function file(name: string, version: string, description: string, format: MigrationFormat, path: string, up: string, upOffset: number, down: string | undefined, header = ''): MigrationFile {
  return {
    name,
    version,
    description,
    format,
    path,
    up,
    down,
    upOffset,
    checksum: migrationChecksum(up),
    hazards: hazardCodes(header + '\n' + up),
    downHazards: down === undefined ? [] : hazardCodes(down),
  };
}

function baseName(path: string): { dir: string; base: string } {
  const p = path.replace(/\\/g, '/');
  const i = p.lastIndexOf('/');
  return { dir: i < 0 ? '' : p.slice(0, i), base: i < 0 ? p : p.slice(i + 1) };
}

/** Natural order of two versions: digit runs compare by value (`V2` < `V10`, `1.2` < `1.10`). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[._]/);
  const pb = b.split(/[._]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    if (x === y) continue;
    if (/^\d+$/.test(x) && /^\d+$/.test(y)) {
      const xs = x.replace(/^0+(?=\d)/, '');
      const ys = y.replace(/^0+(?=\d)/, '');
      if (xs.length !== ys.length) return xs.length - ys.length;
      if (xs !== ys) return xs < ys ? -1 : 1;
      continue;
    }
    if (x === '') return -1;
    if (y === '') return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/** Orders migrations by version, then by name. */
export function sortMigrations(list: MigrationFile[]): MigrationFile[] {
  return list.sort((a, b) => compareVersions(a.version, b.version) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Reads one SchemaSage-format file (`<digits>_<name>.sql`, or any name:
 * the version is then the name) into a migration.
 */
export function parseMigrationFile(path: string, text: string): { migration: MigrationFile; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const { base } = baseName(path);
  const name = base.replace(/\.sql$/i, '');
  const m = /^(\d+)(?:_+(.*))?$/.exec(name);
  const s = sections(path, text, diagnostics);
  const migration = file(name, m ? m[1]! : name, m ? (m[2] ?? '') : name, 'schemasage', path, s.up, s.upOffset, s.down, s.header);
  return { migration, diagnostics };
}

/**
 * Reads a migrations folder: SchemaSage files (`<digits>_<name>.sql`),
 * Prisma folders (`<timestamp>_<name>/migration.sql`, up only), Flyway files
 * (`V<version>__<name>.sql`, undo in `U<version>__<name>.sql`) and
 * golang-migrate pairs (`<n>_<name>.up.sql` / `.down.sql`). Other files are
 * ignored (`migration_lock.toml`, READMEs); an `.sql` file with an unknown
 * name is reported. The result is in apply order.
 */
export function readMigrationFolder(entries: readonly FolderEntry[]): MigrationFolder {
  const diagnostics: Diagnostic[] = [];
  const migrations: MigrationFile[] = [];
  const flywayUndo = new Map<string, FolderEntry>();
  const goDown = new Map<string, FolderEntry>();
  const flywayUp: { entry: FolderEntry; version: string; description: string; name: string }[] = [];
  const goUp: { entry: FolderEntry; version: string; description: string; name: string }[] = [];
  for (const entry of entries) {
    const { dir, base } = baseName(entry.path);
    if (!/\.sql$/i.test(base)) continue;
    let m: RegExpExecArray | null;
    if (base === 'migration.sql' && dir && (m = /(?:^|\/)((\d+)(?:_+([^/]*))?)$/.exec(dir))) {
      migrations.push(file(m[1]!, m[2]!, m[3] ?? '', 'prisma', entry.path, entry.text, 0, undefined));
    } else if ((m = /^([VU])(\d+(?:[._]\d+)*)__(.*)\.sql$/i.exec(base))) {
      const version = m[2]!.replace(/_/g, '.');
      if (m[1]!.toUpperCase() === 'U') flywayUndo.set(version, entry);
      else flywayUp.push({ entry, version, description: m[3]!, name: base.replace(/\.sql$/i, '') });
    } else if (/^R__/i.test(base)) {
      diagnostics.push(diag(entry.path, 0, 0, 'warning', HistoryCodes.Repeatable, 'Flyway repeatable migrations (R__) are not supported: this file is ignored'));
    } else if ((m = /^(\d+)_(.*)\.(up|down)\.sql$/i.exec(base))) {
      if (m[3]!.toLowerCase() === 'down') goDown.set(m[1]!, entry);
      else goUp.push({ entry, version: m[1]!, description: m[2]!, name: `${m[1]}_${m[2]}` });
    } else if (/^\d+(?:_.*)?\.sql$/.test(base)) {
      const r = parseMigrationFile(entry.path, entry.text);
      migrations.push(r.migration);
      diagnostics.push(...r.diagnostics);
    } else if (dir === '' || !/(?:^|\/)\d+[^/]*$/.test(dir)) {
      diagnostics.push(diag(entry.path, 0, 0, 'warning', HistoryCodes.UnknownName, `"${base}" is not a migration name (expected <timestamp>_<name>.sql, V<n>__<name>.sql or <timestamp>_<name>/migration.sql): ignored`));
    }
  }
  for (const u of flywayUp) {
    const undo = flywayUndo.get(u.version);
    flywayUndo.delete(u.version);
    const f = file(u.name, u.version, u.description, 'flyway', u.entry.path, u.entry.text, 0, undo?.text);
    if (undo) f.downPath = undo.path;
    migrations.push(f);
  }
  for (const u of goUp) {
    const down = goDown.get(u.version);
    goDown.delete(u.version);
    const f = file(u.name, u.version, u.description, 'golang-migrate', u.entry.path, u.entry.text, 0, down?.text);
    if (down) f.downPath = down.path;
    migrations.push(f);
  }
  for (const orphan of [...flywayUndo.values(), ...goDown.values()]) {
    diagnostics.push(diag(orphan.path, 0, 0, 'warning', HistoryCodes.OrphanDown, 'an undo/down migration without its up migration: ignored'));
  }
  sortMigrations(migrations);
  for (let i = 1; i < migrations.length; i++) {
    const a = migrations[i - 1]!;
    const b = migrations[i]!;
    if (compareVersions(a.version, b.version) === 0 && a.format !== 'schemasage') {
      diagnostics.push(diag(b.path, 0, 0, 'error', HistoryCodes.DuplicateVersion, `version ${b.version} is also used by ${a.path}`));
    }
  }
  return { migrations, diagnostics };
}

/** `yyyymmddhhmmss` in UTC. */
export function migrationTimestamp(now: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(now.getUTCFullYear(), 4)}${p(now.getUTCMonth() + 1)}${p(now.getUTCDate())}${p(now.getUTCHours())}${p(now.getUTCMinutes())}${p(now.getUTCSeconds())}`;
}

/** A name safe in a file name: letters, digits and `_` (`Add users!` -> `add_users`). */
export function migrationSlug(name: string): string {
  return name.trim().replace(SLUG, '_').replace(/^_+|_+$/g, '').toLowerCase().slice(0, 80) || 'migration';
}

function oneLine(s: string): string {
  return s.replace(/[\r\n]+/g, ' ');
}

function statementText(s: PlannedStatement, out: string[]): void {
  out.push(`-- [${s.phase}] ${oneLine(s.description)}${s.irreversible ? ' (irreversible)' : ''}`);
  for (const h of s.hazards) out.push(`-- hazard ${h.code} (${h.severity}${h.dataLoss ? ', data loss' : ''}): ${oneLine(h.message)}${h.aliases.length ? ` [${h.aliases.join(', ')}]` : ''}`);
  if (s.manual) {
    out.push(...s.sql.split(/\r?\n/).map((l) => (l.startsWith('--') ? l : `-- ${l}`)));
    return;
  }
  if (!s.transactional) out.push('-- schemasage:no-transaction');
  out.push(`${s.sql};`, '');
}

export interface WriteMigrationOptions {
  /** the user's name for the migration (made file-safe) */
  name: string;
  /** the creation time (the engine reads no clock) */
  now: Date;
  /** the migrations folder, relative to the workspace (default `migrations`) */
  folder?: string;
}

/**
 * A plan as a SchemaSage migration file: the path
 * (`<folder>/<yyyymmddhhmmss>_<slug>.sql`) and the text with the header
 * (dialect, every hazard), the up section and the down section (the
 * rollback). No BEGIN/COMMIT: the runner owns transactions.
 */
export function writeMigrationFile(plan: MigrationPlan, options: WriteMigrationOptions): { path: string; name: string; text: string } {
  const slug = migrationSlug(options.name);
  const name = `${migrationTimestamp(options.now)}_${slug}`;
  const folder = (options.folder ?? 'migrations').replace(/\/+$/, '');
  const out: string[] = [`-- SchemaSage migration ${name}`, `-- dialect: ${plan.dialect}`];
  if (plan.hazards.length) out.push('-- This migration has hazards: apply it with --allow-hazards ' + plan.hazards.map((h) => h.code).join(','));
  out.push('', '-- schemasage:up');
  for (const s of plan.statements) statementText(s, out);
  if (!plan.statements.length) out.push('-- nothing to do', '');
  out.push('-- schemasage:down');
  for (const s of plan.rollback) statementText(s, out);
  if (!plan.rollback.length) out.push('-- nothing to do', '');
  return { path: folder ? `${folder}/${name}.sql` : `${name}.sql`, name, text: out.join('\n').replace(/\n+$/, '\n') };
}
