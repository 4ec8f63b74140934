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
import { gzipSync } from 'node:zlib';
import { listenOnLoopback, makeTestCa, writeCaBundle } from './tls.js';

const run = promisify(execFile);

export interface ServedRequest {
  readonly method: string;
  readonly path: string;
  readonly status: number;
}

/** The Authorization header a request came with (or none), and the Host it was sent to. */
export interface SeenAuthorization {
  readonly host: string;
  readonly path: string;
  readonly authorization: string | undefined;
}

export interface TarballServer {
  /** https://127.0.0.1:PORT (no trailing slash). */
  readonly url: string;
  /** PEM bundle for NODE_EXTRA_CA_CERTS: the machine's extra CAs and the test CA. */
  readonly caBundlePath: string;
  readonly requests: ServedRequest[];
  /** Every request's Host and Authorization header. */
  readonly authorizations: SeenAuthorization[];
  /** Serves `body` at `path` (GET and HEAD); any other path is a 404. */
  serve(path: string, body: Buffer, contentType?: string): void;
  /** Answers `path` with a redirect (302 unless given) to `location`. */
  redirect(path: string, location: string, status?: number): void;
  /** Sends the first half of `body` at `path`, then nothing more until the client goes away. */
  stall(path: string, body: Buffer): void;
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

  const files = new Map<string, { body: Buffer; contentType: string }>();
  const redirects = new Map<string, { location: string; status: number }>();
  const stalls = new Map<string, Buffer>();
  const requests: ServedRequest[] = [];
  const authorizations: SeenAuthorization[] = [];
  const server = createServer({ cert: tls.cert, key: tls.key }, (req, res) => {
    const path = new URL(req.url ?? '/', 'https://127.0.0.1').pathname;
    const method = req.method ?? 'GET';
    authorizations.push({ host: req.headers.host ?? '', path, authorization: req.headers.authorization });
    const redirect = redirects.get(path);
    if (redirect) {
      requests.push({ method, path, status: redirect.status });
      res.writeHead(redirect.status, { location: redirect.location });
      res.end();
      return;
    }
    const stalled = stalls.get(path);
    if (stalled) {
      requests.push({ method, path, status: 200 });
      res.writeHead(200, { 'content-type': 'application/gzip', 'content-length': String(stalled.length) });
      res.write(stalled.subarray(0, Math.floor(stalled.length / 2)));
      return;
    }
    const file = files.get(path);
    const body = file?.body;
    const status = body === undefined ? 404 : method === 'GET' || method === 'HEAD' ? 200 : 405;
    requests.push({ method, path, status });
    if (status !== 200 || body === undefined) {
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(status === 404 ? 'Not Found' : 'Method Not Allowed');
      return;
    }
    res.writeHead(200, { 'content-type': file?.contentType ?? '', 'content-length': String(body.length) });
    res.end(method === 'HEAD' ? undefined : body);
  });
  const listening = await listenOnLoopback(server);

  return {
    url: listening.url,
    caBundlePath,
    requests,
    authorizations,
    serve: (path, body, contentType = 'application/gzip') => {
      files.set(path, { body, contentType });
    },
    redirect: (path, location, status = 302) => {
      redirects.set(path, { location, status });
    },
    stall: (path, body) => {
      stalls.set(path, body);
    },
    close: async () => {
      // Stalled responses never end on their own.
      server.closeAllConnections();
      await listening.close();
    },
  };
}

/** One entry of an archive made by `tarGz`. */
export interface TarEntry {
  readonly path: string;
  /** '0' file (default), '5' folder, '2' symbolic link, '6' FIFO. */
  readonly type?: '0' | '5' | '2' | '6';
  readonly body?: Buffer | string;
  readonly linkname?: string;
  /** pax records to put in a header before the entry (as given, malformed ones included), or its raw data. */
  readonly pax?: Readonly<Record<string, string>> | string;
  /** Header fields written as given instead of the right value (the checksum is computed after them). */
  readonly fields?: Readonly<Partial<Record<HeaderField, string>>>;
}

/** Where each numeric field of a ustar header is: offset and length. */
export const HEADER_FIELDS = {
  mode: [100, 8],
  uid: [108, 8],
  gid: [116, 8],
  size: [124, 12],
  mtime: [136, 12],
  checksum: [148, 8],
  devmajor: [329, 8],
  devminor: [337, 8],
} as const;
export type HeaderField = keyof typeof HEADER_FIELDS;

/** A ustar header block; `fields` overrides the numeric fields' text (the checksum too, if given). */
export function tarHeader(
  name: string,
  type: string,
  size: number,
  linkname = '',
  fields: Partial<Record<HeaderField, string>> = {},
): Buffer {
  const block = Buffer.alloc(512);
  const put = (value: string, at: number, length: number) => block.write(value, at, length, 'latin1');
  const octal = (value: number, at: number, length: number) =>
    put(`${value.toString(8).padStart(length - 1, '0')}\0`, at, length);
  block.write(name, 0, 100, 'utf8');
  octal(type === '5' ? 0o755 : 0o644, 100, 8);
  octal(0, 108, 8);
  octal(0, 116, 8);
  octal(size, 124, 12);
  octal(0, 136, 12);
  put('        ', 148, 8);
  put(type, 156, 1);
  put(linkname, 157, 100);
  put('ustar\0', 257, 6);
  put('00', 263, 2);
  for (const [field, value] of Object.entries(fields)) {
    if (field === 'checksum') continue;
    const [at, length] = HEADER_FIELDS[field as HeaderField];
    block.fill(0, at, at + length);
    put(value, at, length);
  }
  let sum = 0;
  for (const byte of block) sum += byte;
  put(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  if (fields.checksum !== undefined) {
    block.fill(0, 148, 156);
    put(fields.checksum, 148, 8);
  }
  return block;
}

/** A pax extended header's data: each record's length counts its own bytes. */
export function paxData(records: Readonly<Record<string, string>>): Buffer {
  return Buffer.concat(
    Object.entries(records).map(([key, value]) => {
      const record = (length: number) => `${length} ${key}=${value}\n`;
      let length = Buffer.byteLength(record(0));
      while (Buffer.byteLength(record(length)) !== length) length = Buffer.byteLength(record(length));
      return Buffer.from(record(length));
    }),
  );
}

const pad = (data: Buffer) => Buffer.concat([data, Buffer.alloc((512 - (data.length % 512)) % 512)]);

/**
 * A .tar.gz made here, for archives the system tar cannot make from a folder (names too long for Linux, a FIFO),
 * under the single top-level folder `top`. Paths over 100 bytes get a pax header.
 */
export function tarGz(top: string, entries: readonly TarEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const type = entry.type ?? '0';
    const body = Buffer.from(entry.body ?? '');
    const path = `${top}/${entry.path}`;
    const records = {
      ...(Buffer.byteLength(path) > 100 ? { path } : {}),
      ...(typeof entry.pax === 'object' ? entry.pax : {}),
    };
    if (typeof entry.pax === 'string' || Object.keys(records).length > 0) {
      const pax = typeof entry.pax === 'string' ? Buffer.from(entry.pax) : paxData(records);
      blocks.push(tarHeader('PaxHeader', 'x', pax.length), pad(pax));
    }
    blocks.push(tarHeader(path.slice(0, 100), type, type === '0' ? body.length : 0, entry.linkname, entry.fields));
    if (type === '0') blocks.push(pad(body));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}
