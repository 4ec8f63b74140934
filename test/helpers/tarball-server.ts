/**
 * A local HTTPS server on 127.0.0.1 that serves template tarballs, for end-to-end tests of remote --template sources
 * (giget). It uses a fresh test CA (see tls.ts); a child process trusts it through `caBundlePath`, a bundle of the
 * machine's own extra CAs (NODE_EXTRA_CA_CERTS, if set) plus the test CA.
 *
 * Tarballs are made with the system `tar czf` from a folder holding ONE top-level directory, as GitHub's tarball API
 * does: giget drops the first path component of every entry.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:https';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { listenOnLoopback, makeTestCa, writeCaBundle } from './tls.js';

const run = promisify(execFile);

export interface ServedRequest {
  readonly method: string;
  readonly path: string;
  readonly status: number;
}

export interface TarballServer {
  /** https://127.0.0.1:PORT (no trailing slash). */
  readonly url: string;
  /** PEM bundle for NODE_EXTRA_CA_CERTS: the machine's extra CAs and the test CA. */
  readonly caBundlePath: string;
  readonly requests: ServedRequest[];
  /** Serves `body` at `path` (GET and HEAD); any other path is a 404. */
  serve(path: string, body: Buffer): void;
  close(): Promise<void>;
}

/**
 * A .tar.gz, made with the system `tar czf`, of the contents of `source` placed under the single top-level directory
 * `top` (as GitHub names it, e.g. `acme-templates-0123abc`). `work` is a scratch folder.
 */
export async function makeTarball(source: string, work: string, top: string): Promise<Buffer> {
  const staging = join(work, 'staging');
  await mkdir(staging, { recursive: true });
  await cp(source, join(staging, top), { recursive: true, verbatimSymlinks: true });
  const file = join(work, `${top}.tar.gz`);
  await run('tar', ['czf', file, '-C', staging, top]);
  return readFile(file);
}

export async function startTarballServer(dir: string): Promise<TarballServer> {
  const tls = await makeTestCa(join(dir, 'ca'));
  const caBundlePath = await writeCaBundle(join(dir, 'ca-bundle.pem'), tls.ca);

  const files = new Map<string, Buffer>();
  const requests: ServedRequest[] = [];
  const server = createServer({ cert: tls.cert, key: tls.key }, (req, res) => {
    const path = new URL(req.url ?? '/', 'https://127.0.0.1').pathname;
    const method = req.method ?? 'GET';
    const body = files.get(path);
    const status = body === undefined ? 404 : method === 'GET' || method === 'HEAD' ? 200 : 405;
    requests.push({ method, path, status });
    if (status !== 200 || body === undefined) {
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(status === 404 ? 'Not Found' : 'Method Not Allowed');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/gzip', 'content-length': String(body.length) });
    res.end(method === 'HEAD' ? undefined : body);
  });
  const listening = await listenOnLoopback(server);

  return {
    url: listening.url,
    caBundlePath,
    requests,
    serve: (path, body) => {
      files.set(path, body);
    },
    close: listening.close,
  };
}
