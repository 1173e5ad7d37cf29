/**
 * The language server's file-system edge: finds the schema files of the
 * workspace folders and reads them. Only the server shell uses it; the engine
 * is handed text and never touches the disk. Never writes.
 */
import { looksBinary } from '../engine/text/binary.js';
import { promises as fsp, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Folders never descended into while scanning. */
const SKIPPED_DIRS = new Set(['node_modules', '.git']);

/** True for file names the server treats as schema files: DBML, Prisma and SQL (every dialect's extension). */
export function isSchemaPath(pathOrUri: string): boolean {
  return /\.(dbml|prisma|sql|pgsql|psql|mysql|sqlite|tsql)$/i.test(pathOrUri);
}

/** The glob the server watches for schema files on disk. */
export const SCHEMA_GLOB = '**/*.{dbml,prisma,sql,pgsql,psql,mysql,sqlite,tsql}';

/** True when a path lies inside a folder the scan skips (node_modules, .git). */
export function isSkippedPath(path: string): boolean {
  return path.split(/[\\/]/).some((part) => SKIPPED_DIRS.has(part));
}

/** File-system path of a `file:` uri; undefined for other schemes or malformed uris. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}

/**
 * Every schema file under `root` (recursively; symbolic links are not
 * followed, so cycles cannot happen). Unreadable folders are skipped.
 */
export async function findSchemaFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const stack = [root];
  while (stack.length) {
    const dir = stack.pop()!;
    let entries;
    try {
      entries = await fsp.readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      if (e.isDirectory()) {
        if (!SKIPPED_DIRS.has(e.name)) stack.push(join(dir, e.name));
      } else if (e.isFile() && isSchemaPath(e.name)) {
        out.push(join(dir, e.name));
      }
    }
  }
  return out.sort();
}

/** Reads files in small batches (no fd exhaustion); unreadable and binary files are left out. */
export async function readFiles(paths: string[], batch = 32): Promise<{ path: string; text: string }[]> {
  const out: { path: string; text: string }[] = [];
  for (let i = 0; i < paths.length; i += batch) {
    const chunk = await Promise.all(
      paths.slice(i, i + batch).map(async (path) => {
        try {
          const text = await fsp.readFile(path, 'utf8');
          // a SQLite database named `.sqlite` is not schema text
          return looksBinary(text) ? undefined : { path, text };
        } catch {
          return undefined;
        }
      }),
    );
    for (const r of chunk) if (r) out.push(r);
  }
  return out;
}

/** The text of a file, or undefined when it does not exist or cannot be read. */
export function readFileIfExists(path: string): string | undefined {
  try {
    if (!statSync(path).isFile()) return undefined;
    const text = readFileSync(path, 'utf8');
    return looksBinary(text) ? undefined : text;
  } catch {
    return undefined;
  }
}
