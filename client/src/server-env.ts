/**
 * The language server's process environment (no `vscode` import: tested in
 * test/client). The extension host's environment, with the variables of
 * `server-node-flags.json`'s `movedEnv` passed under their new names:
 * `NODE_EXTRA_CA_CERTS` makes Node parse its root store and the extra
 * certificates at every start, 35-45 ms before any code runs, and the server
 * reads the file itself when a database connection verifies a certificate
 * (server/src/db/tls.ts). The variables of `defaultEnv` are added where the
 * environment does not set them (glibc's malloc thresholds: the server's RSS;
 * a value the user set wins). bench/run.mjs makes the same environment.
 */
export function serverEnvironment(
  base: NodeJS.ProcessEnv,
  cacheDir: string,
  moved: Readonly<Record<string, string>>,
  defaults: Readonly<Record<string, string>> = {},
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, SCHEMASAGE_CACHE_DIR: cacheDir };
  for (const [from, to] of Object.entries(moved)) {
    if (env[from] === undefined) continue;
    env[to] = env[from];
    delete env[from];
  }
  for (const [name, value] of Object.entries(defaults)) if (env[name] === undefined) env[name] = value;
  return env;
}
