/**
 * Throw-away TLS material for tests: each call makes, with the system `openssl`, a fresh certificate authority and a
 * server certificate for localhost (DNS:localhost, IP:127.0.0.1, IP:::1) signed by it, valid for a few days; it also
 * names contoso.openai.azure.com, the host a proxy in a network namespace maps to the stand-in (test/helpers/netns.ts).
 *
 * Trust it in a child process with `NODE_EXTRA_CA_CERTS=<caCertPath>` (Node reads that variable only at start), or in
 * this process with the `ca` option of node:https. No test may run without it: a missing openssl is an error.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export interface TestCa {
  /** PEM file of the CA certificate: the value for NODE_EXTRA_CA_CERTS. */
  caCertPath: string;
  /** PEM server certificate for localhost / 127.0.0.1 / ::1. */
  cert: string;
  /** PEM private key of the server certificate. */
  key: string;
  /** PEM CA certificate (the contents of caCertPath). */
  ca: string;
}

const VALIDITY_DAYS = '3';

/** Extension sections for the CA and the server certificate; `req` needs a distinguished_name section to exist. */
const OPENSSL_CONFIG = `[req]
distinguished_name = dn
[dn]
[ca_ext]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[server_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1, IP:::1, DNS:contoso.openai.azure.com
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
`;

function isErrnoException(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && 'code' in error;
}

/** Runs openssl with arguments (no shell); rejects with openssl's stderr, or says plainly when openssl is missing. */
function openssl(args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('openssl', args, (error, _stdout, stderr) => {
      if (error === null) {
        resolve();
      } else if (isErrnoException(error) && error.code === 'ENOENT') {
        reject(
          new Error(
            'openssl was not found on PATH: the HTTPS test stand-in needs it to make a test CA (Debian package "openssl")',
          ),
        );
      } else {
        reject(new Error(`openssl ${args[0] ?? ''} failed: ${stderr.trim() || error.message}`));
      }
    });
  });
}

/** A positive random 128-bit serial number, as openssl wants it. */
function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x01;
  return `0x${bytes.toString('hex')}`;
}

function generateP256Key(path: string): Promise<void> {
  return openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', path]);
}

export async function makeTestCa(dir: string): Promise<TestCa> {
  await mkdir(dir, { recursive: true });
  const file = (name: string): string => join(dir, name);
  const config = file('openssl.cnf');
  await writeFile(config, OPENSSL_CONFIG);

  const caKey = file('test-ca.key');
  const caCertPath = file('test-ca.crt');
  await generateP256Key(caKey);
  await openssl([
    'req',
    '-new',
    '-x509',
    '-config',
    config,
    '-extensions',
    'ca_ext',
    '-key',
    caKey,
    '-subj',
    `/CN=create-azure-inference-app test CA ${randomBytes(4).toString('hex')}`,
    '-days',
    VALIDITY_DAYS,
    '-sha256',
    '-set_serial',
    randomSerial(),
    '-out',
    caCertPath,
  ]);

  const serverKey = file('localhost.key');
  const serverCsr = file('localhost.csr');
  const serverCert = file('localhost.crt');
  await generateP256Key(serverKey);
  await openssl(['req', '-new', '-config', config, '-key', serverKey, '-subj', '/CN=localhost', '-out', serverCsr]);
  await openssl([
    'x509',
    '-req',
    '-in',
    serverCsr,
    '-CA',
    caCertPath,
    '-CAkey',
    caKey,
    '-set_serial',
    randomSerial(),
    '-days',
    VALIDITY_DAYS,
    '-sha256',
    '-extfile',
    config,
    '-extensions',
    'server_ext',
    '-out',
    serverCert,
  ]);

  const [cert, key, ca] = await Promise.all([
    readFile(serverCert, 'utf8'),
    readFile(serverKey, 'utf8'),
    readFile(caCertPath, 'utf8'),
  ]);
  return { caCertPath, cert, key, ca };
}

/**
 * Writes a PEM bundle for a child's NODE_EXTRA_CA_CERTS: the machine's own extra CAs (a proxy's, for the npm
 * registry) and then `ca`, so that installs run in the same environment still reach the registry.
 */
export async function writeCaBundle(path: string, ca: string): Promise<string> {
  const machineCas = process.env.NODE_EXTRA_CA_CERTS ? await readFile(process.env.NODE_EXTRA_CA_CERTS, 'utf8') : '';
  await writeFile(path, `${machineCas}\n${ca}`);
  return path;
}

/** Starts `server` on 127.0.0.1 at a free port; close() also drops keep-alive sockets, and is safe to call twice. */
export async function listenOnLoopback(server: Server): Promise<{ url: string; close(): Promise<void> }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `https://127.0.0.1:${port}`,
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections(); // keep-alive sockets of SDK clients would hold close() open
      });
      return closing;
    },
  };
}
