/**
 * Runs a CommonJS bundle through a V8 code cache: the launcher behind
 * `dist/server.js` (the language server, `dist/lsp.js`) and `dist/cli.js` (the
 * CLI, `dist/cli-main.js`). Compiling
 * a 5 to 6 MB bundle is the largest fixed part of a start (about 90 ms of CPU);
 * with the code V8 made on an earlier run it is a fraction of that, and the
 * functions that ran then come compiled too. Node 22 does this itself
 * (`module.enableCompileCache`); on Node 20 this module does it for the one
 * script that matters.
 *
 * The cache lives in a directory only this user can write:
 * `SCHEMASAGE_CACHE_DIR` (the VS Code client passes its global storage), else
 * `$XDG_CACHE_HOME/schemasage` or `~/.cache/schemasage`; never a shared
 * temporary folder. It is keyed by the bundle's name, the file's size and
 * modification time and Node's version, written atomically (a temporary file
 * renamed), and V8 itself rejects data that does not match the source.
 * Writing an entry removes the bundle's entries for other builds (an update
 * leaves its predecessor's behind otherwise: a megabyte per build, forever).
 * `SCHEMASAGE_NO_CODE_CACHE=1` turns it off. A cache that cannot be read or
 * written never stops the bundle from running; an exception the bundle throws
 * is the bundle's own and propagates.
 */
import { isAscii } from 'node:buffer';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** How one bundle is found, keyed and cached. */
export interface BundleSpec {
  /** the file that holds the bundle: stack traces name it, its size and mtime key the cache */
  file: string;
  /** the cache file's prefix (`lsp`, `cli`): bundles of one version never share an entry */
  name: string;
  /**
   * When a start had no usable cache, write one this long after start (the process is serving by
   * then, so the functions that ran on the way are in it) and at exit; undefined: at exit only
   * (a short process such as the CLI).
   */
  writeAfterMs?: number;
}

/** What the server logs at start: whether this start used the cache. */
export type CodeCacheState = 'used' | 'rejected, rewritten' | 'none yet, written' | 'no cache directory' | 'off';

type Wrapper = (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;

function cacheDir(): string {
  const dir = process.env.SCHEMASAGE_CACHE_DIR || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'schemasage');
  makeDirs(dir);
  return dir;
}

/**
 * `mkdir -p` with mode 0700 for every folder it creates, by hand: Node 20's recursive mkdirSync
 * never returns for a path under /proc (a HOME there), and a start must never hang on its cache.
 * Throws when a folder cannot be made.
 */
function makeDirs(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; missing.length < 32; d = dirname(d)) {
    try {
      if (statSync(d).isDirectory()) break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    missing.push(d);
    if (dirname(d) === d) break;
  }
  for (let i = missing.length - 1; i >= 0; i--) {
    try {
      mkdirSync(missing[i]!, { mode: 0o700 });
    } catch (err) {
      // another process made it meanwhile
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}

/**
 * Compiles the bundle (through the cache unless `SCHEMASAGE_NO_CODE_CACHE=1`) and returns a
 * function that runs it as a CommonJS module of `spec.file`, with the cache state. A cache that
 * cannot be read or written is no error; a bundle that cannot be read or compiled throws (the
 * server's launcher then falls back to a plain require).
 */
export function prepareBundle(spec: BundleSpec): { run: () => void; state: CodeCacheState; afterWrite: (fn: () => void) => void } {
  const text = readSource(spec.file);
  const source = Module.wrap(text);
  let script: Script | undefined;
  let state: CodeCacheState = 'off';
  /** the cache write this start owes, if any: it runs the functions queued by afterWrite when done */
  let pending: ((fn: () => void) => void) | undefined;
  if (process.env.SCHEMASAGE_NO_CODE_CACHE !== '1') {
    let dir: string | undefined;
    let cached: Buffer | undefined;
    let key = '';
    try {
      const st = statSync(spec.file);
      key = `${spec.name}-${process.version}-${st.size}-${Math.floor(st.mtimeMs)}.v8cache`;
      dir = cacheDir();
      cached = readFileSync(join(dir, key));
    } catch {
      // no cache yet (or no place for one)
    }
    script = new Script(source, { filename: spec.file, cachedData: cached });
    const fresh = !cached || script.cachedDataRejected === true;
    state = !fresh ? 'used' : dir ? (cached ? 'rejected, rewritten' : 'none yet, written') : 'no cache directory';
    if (dir && fresh) pending = scheduleWrite(script, join(dir, key), spec.name, spec.writeAfterMs);
  }
  const compiled = script ?? new Script(source, { filename: spec.file });
  const file = spec.file;
  return {
    state,
    // V8 stamps a cache with a hash of its flags: a flag changed at run time (launch.ts) must wait for the write,
    // or every later start would find the cache rejected
    afterWrite: (fn) => (pending ? pending(fn) : fn()),
    run: () => {
      const wrapper = compiled.runInThisContext() as Wrapper;
      const mod = new Module(file, module);
      mod.filename = file;
      mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dirname(file));
      mod.loaded = true;
      wrapper.call(mod.exports, mod.exports, createRequire(file), mod, file, dirname(file));
    },
  };
}

/**
 * The bundle's text. A production bundle is pure ASCII (esbuild escapes the rest and minifying drops the
 * comments); decoded as Latin-1 it is the same string, made in a millisecond instead of the 8 to 10 ms UTF-8
 * validation of 3.7 MB takes. A bundle with other bytes (a development build's comments) is decoded as UTF-8.
 */
export function readSource(file: string): string {
  const bytes = readFileSync(file);
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

/**
 * Writes the script's code cache once: after `afterMs` (unref'd) or at exit, whichever comes first.
 * Returns a function that queues work for after the write (at once when it is done).
 */
function scheduleWrite(script: Script, target: string, name: string, afterMs: number | undefined): (fn: () => void) => void {
  let written = false;
  const after: (() => void)[] = [];
  const write = (): void => {
    if (written) return;
    written = true;
    try {
      writeCache();
    } finally {
      for (const fn of after.splice(0)) fn();
    }
  };
  const writeCache = (): void => {
    try {
      const tmp = `${target}.${process.pid}.tmp`;
      writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
      renameSync(tmp, target);
    } catch {
      // a read-only or full disk: start without the cache next time too
      return;
    }
    removeStale(target, name);
  };
  if (afterMs !== undefined) setTimeout(write, afterMs).unref();
  process.once('exit', write);
  return (fn) => (written ? fn() : void after.push(fn));
}

/**
 * Removes the cache entries of other builds of the bundle `name` beside `target`
 * (`<name>-<node version>-<size>-<mtime>.v8cache`: another build or another Node) and its temporary
 * files older than a minute (a write that died). Other bundles' entries stay. Best effort.
 */
export function removeStale(target: string, name: string, now = Date.now()): void {
  const dir = dirname(target);
  const own = target.slice(dir.length + 1);
  const entry = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-v\\d+\\.\\d+\\.\\d+-\\d+-\\d+\\.v8cache(\\.\\d+\\.tmp)?$`);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) {
    if (n === own || !entry.test(n)) continue;
    const path = join(dir, n);
    try {
      if (!n.endsWith('.tmp') || now - statSync(path).mtimeMs > 60_000) unlinkSync(path);
    } catch {
      // another process removed it meanwhile
    }
  }
}
