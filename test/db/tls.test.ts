/**
 * TLS for database connections when the client has moved NODE_EXTRA_CA_CERTS
 * to SCHEMASAGE_EXTRA_CA_CERTS (client/src/server-env.ts: Node would parse
 * the certificates at every server start). A verifying connection must trust
 * exactly what Node would have: the bundled roots plus the extra file, unless
 * it names its own CA. The real handshakes run against a local TLS server
 * whose certificate is self-signed (fixtures/tls-self-signed.*: a key made for
 * this test only, CN and SAN localhost / 127.0.0.1, valid until 2126).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { connect, createServer, rootCertificates, type Server } from 'node:tls';
import { driverTls, EXTRA_CA_ENV, extraCaCertificates } from '../../server/src/db/tls.ts';
import { serverEnvironment } from '../../client/src/server-env.ts';

const fixtures = join(import.meta.dirname, 'fixtures');
const cert = readFileSync(join(fixtures, 'tls-self-signed.crt'), 'utf8');
const key = readFileSync(join(fixtures, 'tls-self-signed.key'), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'ss-tls-'));
const extraFile = join(dir, 'extra.pem');
writeFileSync(extraFile, cert);

after(() => rmSync(dir, { recursive: true, force: true }));

describe('driverTls', () => {
  it('is false without TLS', () => {
    assert.equal(driverTls(undefined, {}), false);
    assert.equal(driverTls(false, { [EXTRA_CA_ENV]: extraFile }), false);
  });

  it("verifies with Node's defaults when no extra certificates were moved", () => {
    assert.deepEqual(driverTls(true, {}), { rejectUnauthorized: true });
    assert.deepEqual(driverTls({}, {}), { rejectUnauthorized: true });
  });

  it('trusts the bundled roots plus the moved file when verifying', () => {
    const t = driverTls(true, { [EXTRA_CA_ENV]: extraFile });
    assert.ok(t && Array.isArray(t.ca));
    assert.equal(t.rejectUnauthorized, true);
    assert.equal(t.ca.length, rootCertificates.length + 1);
    assert.equal(t.ca[t.ca.length - 1], cert);
    assert.deepEqual(t.ca.slice(0, -1), [...rootCertificates]);
  });

  it("keeps a connection's own CA (it replaces the defaults, as with Node) and reads nothing when not verifying", () => {
    assert.deepEqual(driverTls({ ca: 'PEM' }, { [EXTRA_CA_ENV]: extraFile }), { rejectUnauthorized: true, ca: 'PEM' });
    assert.deepEqual(driverTls({ rejectUnauthorized: false }, { [EXTRA_CA_ENV]: extraFile }), { rejectUnauthorized: false });
  });

  it('adds nothing for a file that cannot be read', () => {
    assert.equal(extraCaCertificates({ [EXTRA_CA_ENV]: join(dir, 'missing.pem') }), undefined);
    assert.deepEqual(driverTls(true, { [EXTRA_CA_ENV]: join(dir, 'missing.pem') }), { rejectUnauthorized: true });
  });
});

describe('a real handshake with a self-signed server', () => {
  let server: Server;
  let port = 0;
  before(async () => {
    server = createServer({ key, cert }, (socket) => socket.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** Connects with the driver options for `ssl: true` under `env`: 'authorized' or the TLS error code. */
  const handshake = (env: NodeJS.ProcessEnv): Promise<string> =>
    new Promise((resolve) => {
      const options = driverTls(true, env);
      assert.ok(options);
      const socket = connect({ host: '127.0.0.1', port, servername: 'localhost', ...options }, () => {
        resolve(socket.authorized ? 'authorized' : String(socket.authorizationError));
        socket.destroy();
      });
      socket.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
    });

  it('is refused without the extra certificate', async () => {
    assert.match(await handshake({}), /SELF_SIGNED/);
  });

  it('is verified with the certificate moved to SCHEMASAGE_EXTRA_CA_CERTS', async () => {
    assert.equal(await handshake({ [EXTRA_CA_ENV]: extraFile }), 'authorized');
  });
});

describe("the server's environment (client)", () => {
  const moved = JSON.parse(readFileSync(join(import.meta.dirname, '../../client/src/server-node-flags.json'), 'utf8')).movedEnv as Record<string, string>;

  it('moves NODE_EXTRA_CA_CERTS to the variable the server reads', () => {
    assert.equal(moved.NODE_EXTRA_CA_CERTS, EXTRA_CA_ENV);
    const env = serverEnvironment({ NODE_EXTRA_CA_CERTS: '/etc/corp.pem', PATH: '/bin' }, '/cache', moved);
    assert.equal(env.NODE_EXTRA_CA_CERTS, undefined);
    assert.equal(env[EXTRA_CA_ENV], '/etc/corp.pem');
    assert.equal(env.PATH, '/bin');
    assert.equal(env.SCHEMASAGE_CACHE_DIR, '/cache');
  });

  it('adds nothing when the variable is not set', () => {
    const env = serverEnvironment({ PATH: '/bin' }, '/cache', moved);
    assert.equal(EXTRA_CA_ENV in env, false);
    assert.equal('NODE_EXTRA_CA_CERTS' in env, false);
  });

  const defaults = JSON.parse(readFileSync(join(import.meta.dirname, '../../client/src/server-node-flags.json'), 'utf8')).defaultEnv as Record<string, string>;

  it("sets glibc's malloc thresholds the environment does not set", () => {
    assert.deepEqual(Object.keys(defaults).sort(), ['MALLOC_MMAP_THRESHOLD_', 'MALLOC_TRIM_THRESHOLD_']);
    const env = serverEnvironment({ PATH: '/bin' }, '/cache', moved, defaults);
    assert.equal(env.MALLOC_MMAP_THRESHOLD_, '65536');
    assert.equal(env.MALLOC_TRIM_THRESHOLD_, '1048576');
    assert.equal(env.PATH, '/bin');
  });

  it("keeps the user's own value of a default variable", () => {
    const env = serverEnvironment({ MALLOC_MMAP_THRESHOLD_: '262144', PATH: '/bin' }, '/cache', moved, defaults);
    assert.equal(env.MALLOC_MMAP_THRESHOLD_, '262144');
    assert.equal(env.MALLOC_TRIM_THRESHOLD_, '1048576');
  });
});
