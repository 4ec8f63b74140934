// Remote templates: github:, gitlab:, bitbucket:, sourcehut: and https tarball URLs (as giget names them, and with
// giget's GIGET_AUTH, GIGET_GITHUB_URL and GIGET_GITLAB_URL), fetched and unpacked here rather than by giget, because
// giget follows redirects to plain http, sends GIGET_AUTH to any host, turns unpacking errors into warnings and
// bounds nothing. Here:
// - every request, redirects and info files included, is https; the token goes only to the origin of the provider a
//   `provider:` source names (not where it redirects), never to a plain URL's host;
// - the archive is read in memory, entry by entry, with its size, entry count and the template's files bounded while
//   it is read; a malformed header anywhere (tar.ts) and anything odd in the part that is kept (a link, a device,
//   `..`, a truncated archive) fail the whole download;
// - only then are the files written, one at a time, so a failed write leaves no write still running.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { UsageError } from '../shared/errors.js';
import { redactSource } from '../shared/redact.js';
import { checkPortableName } from '../shared/validate.js';
import { MAX_FILE_BYTES, MAX_FILES, MAX_TOTAL_BYTES } from './layout.js';
import { parseHeader, parsePax, TarError } from './tar.js';

/** The compressed download. */
export const MAX_DOWNLOAD_BYTES = 64 * 1024 * 1024;
/** The unpacked archive, parts outside the template included (a repository's other folders). */
export const MAX_ARCHIVE_BYTES = 256 * 1024 * 1024;
export const MAX_ARCHIVE_ENTRIES = 20_000;
const MAX_INFO_BYTES = 64 * 1024;
const MAX_REDIRECTS = 5;

/** Where a source's tarball is, the folder inside it that is the template, and who may see the token. */
interface Located {
  readonly url: string;
  readonly subdir: string;
  readonly headers: Record<string, string>;
  /** The origin GIGET_AUTH belongs to: sent to no other. */
  readonly tokenOrigin: string;
}

/** A download's failure that is not the template's content (network, HTTP status, a broken archive): exit 1. */
export class DownloadError extends Error {
  override readonly name = 'DownloadError';
}

function httpsBase(name: string, fallback: string): string {
  const value = (process.env[name] || fallback).replace(/\/+$/, '');
  if (!/^https:\/\//i.test(value)) throw new UsageError(`${name} must be an https URL`);
  return value;
}

/** `org/repo/sub/dir#ref` as giget reads it; gitlab groups nest, so there the folder follows `::`. */
function parseRepo(input: string, nested: boolean): { repo: string; subdir: string; ref: string } {
  const [path = '', ref = 'main'] = input.split('#', 2);
  if (nested) {
    const [repo = '', subdir = ''] = path.split('::', 2);
    return { repo, subdir, ref };
  }
  const [owner = '', name = '', ...rest] = path.split('/');
  return { repo: `${owner}/${name}`, subdir: rest.join('/'), ref };
}

function locate(source: string): Located | { readonly info: string } {
  const match = /^(github|gh|gitlab|bitbucket|sourcehut):(.*)$/.exec(source);
  if (!match) return { info: source };
  const [, provider, rest = ''] = match;
  const { repo, subdir, ref } = parseRepo(rest, provider === 'gitlab');
  if (!/^[\w.-]+(\/[\w.-]+)+$/.test(repo) || !/^[\w./@-]+$/.test(ref)) {
    throw new UsageError(`--template ${redactSource(source)}: write it as ${provider}:owner/repo/folder#ref`);
  }
  const at = (url: string, headers: Record<string, string> = {}): Located => ({
    url,
    subdir,
    headers,
    tokenOrigin: new URL(url).origin,
  });
  switch (provider) {
    case 'gitlab':
      return at(`${httpsBase('GIGET_GITLAB_URL', 'https://gitlab.com')}/${repo}/-/archive/${ref}.tar.gz`);
    case 'bitbucket':
      return at(`https://bitbucket.org/${repo}/get/${ref}.tar.gz`);
    case 'sourcehut':
      return at(`https://git.sr.ht/~${repo}/archive/${ref}.tar.gz`);
    default:
      return at(`${httpsBase('GIGET_GITHUB_URL', 'https://api.github.com')}/repos/${repo}/tarball/${ref}`, {
        accept: 'application/vnd.github+json',
        'x-github-api-version': '2022-11-28',
      });
  }
}

/** GET with redirects followed by hand: https only, the token (if any origin may have it) only for that origin. */
async function get(
  url: string,
  headers: Record<string, string>,
  tokenOrigin: string | undefined,
  signal: AbortSignal,
): Promise<Response> {
  const token = process.env.GIGET_AUTH;
  let current = new URL(url);
  for (let hop = 0; ; hop++) {
    if (current.protocol !== 'https:') {
      throw new DownloadError(
        hop === 0 ? `${current.href} is not https` : `redirected to ${current.href}, which is not https`,
      );
    }
    const response = await fetch(current, {
      redirect: 'manual',
      signal,
      headers: {
        ...headers,
        ...(token && current.origin === tokenOrigin ? { authorization: `Bearer ${token}` } : {}),
      },
    });
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      if (hop >= MAX_REDIRECTS) throw new DownloadError(`more than ${MAX_REDIRECTS} redirects`);
      current = new URL(location, current);
      continue;
    }
    if (response.status >= 300) {
      await response.body?.cancel();
      throw new DownloadError(`${current.href} answered ${response.status} ${response.statusText}`.trim());
    }
    return response;
  }
}

/** Reads at most `limit` bytes of a body, failing beyond. */
async function* bounded(body: ReadableStream<Uint8Array> | null, limit: number): AsyncGenerator<Buffer> {
  if (!body) return;
  let total = 0;
  for await (const chunk of Readable.fromWeb(body as Parameters<typeof Readable.fromWeb>[0])) {
    total += (chunk as Buffer).length;
    if (total > limit) throw new DownloadError(`the download is larger than ${limit >> 20} MiB`);
    yield chunk as Buffer;
  }
}

/** An https URL's info file ({"tar": "https://...", "subdir": "..."}, as giget reads one), or the tarball itself. */
async function fetchTarball(source: string, signal: AbortSignal): Promise<{ body: Response; subdir: string }> {
  const located = locate(source);
  if ('url' in located) {
    return { body: await get(located.url, located.headers, located.tokenOrigin, signal), subdir: located.subdir };
  }
  // A plain URL names no provider: GIGET_AUTH is a provider's token, and goes to no host named this way.
  const response = await get(source, {}, undefined, signal);
  const isInfo =
    new URL(source).pathname.endsWith('.json') ||
    (response.headers.get('content-type') ?? '').includes('application/json');
  if (!isInfo) return { body: response, subdir: '' };
  const chunks: Buffer[] = [];
  for await (const chunk of bounded(response.body, MAX_INFO_BYTES)) chunks.push(chunk);
  let info: unknown;
  try {
    info = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new DownloadError('the template info file is not valid JSON');
  }
  const { tar, subdir = '' } = (typeof info === 'object' && info !== null ? info : {}) as Record<string, unknown>;
  if (typeof tar !== 'string' || typeof subdir !== 'string') {
    throw new DownloadError('the template info file has no "tar" URL');
  }
  const tarUrl = new URL(tar, source);
  if (tarUrl.protocol !== 'https:')
    throw new DownloadError(`the template info file's tar URL ${tarUrl.href} is not https`);
  return { body: await get(tarUrl.href, {}, undefined, signal), subdir };
}

/** Pulls exact byte counts from a stream of chunks. */
class Reader {
  private readonly chunks: Buffer[] = [];
  private buffered = 0;
  private done = false;
  constructor(private readonly source: AsyncIterator<Buffer>) {}

  /** Exactly `n` bytes, or undefined at the end of the stream (a partial read is an error). */
  async read(n: number): Promise<Buffer | undefined> {
    while (this.buffered < n && !this.done) {
      const next = await this.source.next();
      if (next.done) this.done = true;
      else {
        this.chunks.push(next.value);
        this.buffered += next.value.length;
      }
    }
    if (this.buffered === 0 && this.done) return undefined;
    if (this.buffered < n) throw new DownloadError('the archive is truncated');
    const all = Buffer.concat(this.chunks);
    this.chunks.length = 0;
    if (all.length > n) this.chunks.push(all.subarray(n));
    this.buffered = all.length - n;
    return all.subarray(0, n);
  }

  async skip(n: number): Promise<void> {
    for (let left = n; left > 0; left -= Math.min(left, 1 << 20)) {
      if (!(await this.read(Math.min(left, 1 << 20)))) throw new DownloadError('the archive is truncated');
    }
  }
}

const KINDS: Record<string, string> = {
  '1': 'a hard link',
  '2': 'a symbolic link',
  '3': 'a character device',
  '4': 'a block device',
  '6': 'a FIFO',
};

/**
 * Unpacks the template part of a .tar.gz stream into memory: the first path component (the archive's top folder,
 * as GitHub and GitLab make them) is dropped, then only entries below `subdir` are kept, without it.
 */
async function unpack(compressed: AsyncIterable<Buffer>, subdir: string): Promise<Map<string, Buffer | null>> {
  const gunzip = createGunzip();
  let archiveBytes = 0;
  // A failure of the download reaches the loop below through gunzip.
  pipeline(Readable.from(compressed), gunzip, () => {});
  const counted = (async function* () {
    for await (const chunk of gunzip) {
      archiveBytes += (chunk as Buffer).length;
      if (archiveBytes > MAX_ARCHIVE_BYTES)
        throw new DownloadError(`the archive unpacks to more than ${MAX_ARCHIVE_BYTES >> 20} MiB`);
      yield chunk as Buffer;
    }
  })();
  const reader = new Reader(counted[Symbol.asyncIterator]());
  const prefix = subdir.split('/').filter(Boolean);
  const kept = new Map<string, Buffer | null>();
  let entries = 0;
  let files = 0;
  let total = 0;
  let pax = new Map<string, string>();
  let longName: string | undefined;
  try {
    for (;;) {
      const block = await reader.read(512);
      if (!block) throw new DownloadError('the archive is truncated (no end-of-archive marker)');
      if (block.every((byte) => byte === 0)) return kept;
      if (++entries > MAX_ARCHIVE_ENTRIES)
        throw new DownloadError(`the archive has more than ${MAX_ARCHIVE_ENTRIES} entries`);
      const header = parseHeader(block);
      const { type } = header;
      const extended = type === 'x' || type === 'g' || type === 'L';
      // A pax size is the next entry's, not another extended header's.
      const size = !extended && pax.has('size') ? Number(pax.get('size')) : header.size;
      const padded = Math.ceil(size / 512) * 512;
      if (extended) {
        if (size > MAX_INFO_BYTES) throw new DownloadError('the archive has an oversized extended header');
        const data = (await reader.read(padded)) ?? Buffer.alloc(0);
        // A global header's records are checked, and apply to nothing kept here.
        if (type === 'x' || type === 'g') {
          const records = parsePax(data.subarray(0, size));
          if (type === 'x') pax = records;
        }
        if (type === 'L') longName = data.subarray(0, size).toString('utf8').replace(/\0.*$/s, '');
        continue;
      }
      const name = pax.get('path') ?? longName ?? header.name;
      pax = new Map();
      longName = undefined;
      const parts = name
        .split('/')
        .filter((part) => part !== '' && part !== '.')
        .slice(1);
      const inside = prefix.every((part, i) => parts[i] === part);
      const path = parts.slice(prefix.length).join('/');
      if (!inside || path === '') {
        await reader.skip(padded);
        continue;
      }
      const refuse = (rule: string): never => {
        throw new UsageError(`--template: ${path} ${rule}`);
      };
      for (const part of path.split('/')) {
        const broken = checkPortableName(part);
        if (broken) refuse(`has a name that ${broken}`);
      }
      const kind = KINDS[type];
      if (kind) refuse(`is ${kind}; a template may hold only files and folders`);
      if (type === '5') {
        if (kept.get(path)) refuse('is in the archive both as a file and as a folder');
        kept.set(path, null);
        await reader.skip(padded);
        continue;
      }
      if (type !== '0' && type !== '\0' && type !== '7')
        refuse(`is an archive entry of an unknown type (${JSON.stringify(type)})`);
      if (size > MAX_FILE_BYTES) refuse(`is larger than ${MAX_FILE_BYTES / 1024} KiB`);
      if (++files > MAX_FILES) refuse(`is one file too many: a template may hold at most ${MAX_FILES}`);
      total += size;
      if (total > MAX_TOTAL_BYTES)
        refuse(`is past the limit: a template may hold at most ${MAX_TOTAL_BYTES >> 20} MiB`);
      if (kept.has(path)) refuse('is in the archive twice');
      const data = (await reader.read(padded)) ?? Buffer.alloc(0);
      kept.set(path, Buffer.from(data.subarray(0, size)));
    }
  } finally {
    // Stop reading the network and the decompressor whatever happened.
    await counted.return(undefined).catch(() => undefined);
    gunzip.destroy();
  }
}

/**
 * Downloads `source` into the empty folder `dir`. Nothing is written unless the whole archive arrived and was read
 * without a problem; `signal` stops it at any point. Content the template may not hold is a UsageError naming it;
 * anything else is a DownloadError.
 */
export async function downloadTemplate(source: string, dir: string, signal: AbortSignal): Promise<void> {
  const { body, subdir } = await fetchTarball(source, signal);
  let files: Map<string, Buffer | null>;
  try {
    files = await unpack(bounded(body.body, MAX_DOWNLOAD_BYTES), subdir);
  } catch (error) {
    if (error instanceof UsageError || error instanceof DownloadError || signal.aborted) throw error;
    if (error instanceof TarError) throw new DownloadError(error.message, { cause: error });
    // zlib's and the network's own errors: "unexpected end of file", "incorrect header check", resets.
    throw new DownloadError(`the archive could not be read: ${(error as Error).message}`, { cause: error });
  }
  if (files.size === 0)
    throw new DownloadError(subdir ? `the archive has no folder ${subdir}` : 'the archive is empty');
  for (const [path, contents] of files) {
    signal.throwIfAborted();
    const target = join(dir, ...path.split('/'));
    if (contents === null) await mkdir(target, { recursive: true });
    else {
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, contents, { flag: 'wx' });
    }
  }
}
