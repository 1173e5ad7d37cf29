/**
 * dist/server.js: starts the language server bundle (dist/lsp.js) through a
 * V8 code cache. Compiling the 4 to 6 MB bundle is the largest part of a cold
 * start (about 90 ms of CPU); with the code V8 made on an earlier run it is a
 * few milliseconds, and the functions that run on the way to the first
 * diagnostics come compiled too. Node 22 does this itself
 * (`module.enableCompileCache`); on Node 20 this file does it for the one
 * script that matters, writing the cache after the first pass rather than at
 * exit as require hooks do.
 *
 * The cache lives in a directory only this user can write:
 * `SCHEMASAGE_CACHE_DIR` (the VS Code client passes its global storage), else
 * `$XDG_CACHE_HOME/schemasage` or `~/.cache/schemasage`; never a shared
 * temporary folder. It is keyed by the bundle's size and modification time and
 * Node's version, written atomically, and V8 itself rejects data that does not
 * match the source. `SCHEMASAGE_NO_CODE_CACHE=1` turns it off. Anything that
 * fails here falls back to a plain `require`.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** How long after start the cache is written (the first diagnostics are out by then); also written at exit. */
const WRITE_AFTER_MS = 8000;

function cacheDir(): string {
  const dir = process.env.SCHEMASAGE_CACHE_DIR || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'schemasage');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/** The bundle compiled through the cache, ready to run; undefined when the cache path failed. */
function prepare(file: string): (() => void) | undefined {
  try {
    const st = statSync(file);
    const key = `lsp-${process.version}-${st.size}-${Math.floor(st.mtimeMs)}.v8cache`;
    let dir: string | undefined;
    let cached: Buffer | undefined;
    try {
      dir = cacheDir();
      cached = readFileSync(join(dir, key));
    } catch {
      // no cache yet (or no place for one)
    }
    const script = new Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData: cached });
    const fresh = !cached || script.cachedDataRejected === true;
    // what the server logs at start (server.ts): whether this start used the cache
    (globalThis as { __schemasageCodeCache?: string }).__schemasageCodeCache = !fresh ? 'used' : dir ? (cached ? 'rejected, rewritten' : 'none yet, written') : 'no cache directory';
    if (dir && fresh) {
      const target = join(dir, key);
      let written = false;
      const write = (): void => {
        if (written) return;
        written = true;
        try {
          const tmp = `${target}.${process.pid}.tmp`;
          writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
          renameSync(tmp, target);
        } catch {
          // a read-only or full disk: start without the cache next time too
        }
      };
      setTimeout(write, WRITE_AFTER_MS).unref();
      process.once('exit', write);
    }
    const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
    return () => {
      const mod = new Module(file, module);
      mod.filename = file;
      mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dirname(file));
      mod.loaded = true;
      wrapper.call(mod.exports, mod.exports, createRequire(file), mod, file, dirname(file));
    };
  } catch {
    return undefined;
  }
}

const bundle = join(__dirname, 'lsp.js');
const start = process.env.SCHEMASAGE_NO_CODE_CACHE === '1' ? undefined : prepare(bundle);
if (start) start();
else require(bundle);
