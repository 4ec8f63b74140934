// Remote templates: github:, gitlab:, bitbucket:, sourcehut: and https tarball URLs (as giget names them, and with
// giget's GIGET_AUTH, GIGET_GITHUB_URL and GIGET_GITLAB_URL), fetched and unpacked here rather than by giget, because
// giget follows redirects to plain http, sends GIGET_AUTH to any host, turns unpacking errors into warnings and
// bounds nothing. Here:
// - every request, redirects and info files included, is https; the token goes only to the origin of the provider a
//   `provider:` source names (not where it redirects), never to a plain URL's host;
// - the archive is read in memory, entry by entry, bounded and checked (unpack.ts): anything odd fails the whole
//   download;
// - only then are the files written, one at a time, so a failed write leaves no write still running.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { UsageError } from '../shared/errors.js';
import { redactSource } from '../shared/redact.js';
import { TarError } from './tar.js';
import { DownloadError, unpack } from './unpack.js';

/** The compressed download. */
export const MAX_DOWNLOAD_BYTES = 64 * 1024 * 1024;
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
    const file = join(dir, ...path.split('/'));
    if (contents === null) await mkdir(file, { recursive: true });
    else {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, contents, { flag: 'wx' });
    }
  }
}
