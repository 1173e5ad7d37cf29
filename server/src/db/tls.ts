/**
 * The TLS options the drivers get. The VS Code client starts the language
 * server without `NODE_EXTRA_CA_CERTS` and passes its value as
 * `SCHEMASAGE_EXTRA_CA_CERTS` instead: Node reads and parses the extra
 * certificates (and its whole bundled root store) at every process start when
 * the variable is set, 35-45 ms before any code runs, on every start of a
 * server that mostly never opens a TLS connection. The certificates are read
 * here instead, the first time a connection verifies a server, and trusted
 * exactly as Node would have trusted them: the bundled roots plus the extra
 * ones, unless the connection names its own CA (which replaces the defaults,
 * as with Node).
 */
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import type { TlsOptions } from './connection.js';

/** The environment variable the client moves `NODE_EXTRA_CA_CERTS` to (client/src/server-node-flags.json). */
export const EXTRA_CA_ENV = 'SCHEMASAGE_EXTRA_CA_CERTS';

/** What a driver's `ssl` option gets: off, or whether to verify and which CAs to trust (undefined: Node's defaults). */
export interface DriverTls {
  rejectUnauthorized: boolean;
  ca?: string | string[];
}

let extraCache: { file: string; ca: string[] | undefined } | undefined;

/**
 * The CAs a verifying connection trusts when it names none: undefined (Node's defaults) unless
 * `SCHEMASAGE_EXTRA_CA_CERTS` names a file, then the bundled roots plus that file's certificates.
 * A file that cannot be read adds nothing (Node warns and goes on the same way).
 */
export function extraCaCertificates(env: NodeJS.ProcessEnv = process.env): string[] | undefined {
  const file = env[EXTRA_CA_ENV];
  if (!file) return undefined;
  if (extraCache?.file === file) return extraCache.ca;
  let ca: string[] | undefined;
  try {
    ca = [...rootCertificates, readFileSync(file, 'utf8')];
  } catch {
    ca = undefined;
  }
  extraCache = { file, ca };
  return ca;
}

/** A connection's `ssl` setting as driver options: false for no TLS. */
export function driverTls(ssl: boolean | TlsOptions | undefined, env: NodeJS.ProcessEnv = process.env): false | DriverTls {
  if (ssl === undefined || ssl === false) return false;
  const options: TlsOptions = ssl === true ? {} : ssl;
  const rejectUnauthorized = options.rejectUnauthorized ?? true;
  if (options.ca !== undefined) return { rejectUnauthorized, ca: options.ca };
  const extra = rejectUnauthorized ? extraCaCertificates(env) : undefined;
  return extra ? { rejectUnauthorized, ca: extra } : { rejectUnauthorized };
}
