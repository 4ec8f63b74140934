// A downloaded template's .tar.gz, unpacked in memory: its size, entry count and the template's files bounded while it
// is read; a malformed header anywhere (tar.ts) and anything odd in the part that is kept (a link, a device, `..`, a
// truncated archive) fail the whole archive.
import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { UsageError } from '../shared/errors.js';
import { checkPortableName } from '../shared/validate.js';
import { MAX_FILE_BYTES, MAX_FILES, MAX_TOTAL_BYTES } from './layout.js';
import { parseHeader, parsePax } from './tar.js';

/** The unpacked archive, parts outside the template included (a repository's other folders). */
export const MAX_ARCHIVE_BYTES = 256 * 1024 * 1024;
export const MAX_ARCHIVE_ENTRIES = 20_000;
const MAX_EXTENDED_HEADER_BYTES = 64 * 1024;

/** A download's failure that is not the template's content (network, HTTP status, a broken archive): exit 1. */
export class DownloadError extends Error {
  override readonly name = 'DownloadError';
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
 * as GitHub and GitLab make them) is dropped, then only entries below `subdir` are kept, without it. A folder is
 * kept as null.
 */
export async function unpack(compressed: AsyncIterable<Buffer>, subdir: string): Promise<Map<string, Buffer | null>> {
  const archive = gunzipped(compressed);
  try {
    return await readEntries(archive.reader, subdir.split('/').filter(Boolean));
  } finally {
    await archive.close();
  }
}

/** The unpacked bytes, bounded, and how to stop reading the network and the decompressor whatever happened. */
function gunzipped(compressed: AsyncIterable<Buffer>) {
  const gunzip = createGunzip();
  // A failure of the download reaches the reader through gunzip.
  pipeline(Readable.from(compressed), gunzip, () => {});
  let archiveBytes = 0;
  const counted = (async function* () {
    for await (const chunk of gunzip) {
      archiveBytes += (chunk as Buffer).length;
      if (archiveBytes > MAX_ARCHIVE_BYTES)
        throw new DownloadError(`the archive unpacks to more than ${MAX_ARCHIVE_BYTES >> 20} MiB`);
      yield chunk as Buffer;
    }
  })();
  return {
    reader: new Reader(counted[Symbol.asyncIterator]()),
    close: async () => {
      await counted.return(undefined).catch(() => undefined);
      gunzip.destroy();
    },
  };
}

interface Counts {
  entries: number;
  files: number;
  bytes: number;
}

async function readEntries(reader: Reader, prefix: string[]): Promise<Map<string, Buffer | null>> {
  const kept = new Map<string, Buffer | null>();
  const counts: Counts = { entries: 0, files: 0, bytes: 0 };
  let pax = new Map<string, string>();
  let longName: string | undefined;
  for (;;) {
    const block = await reader.read(512);
    if (!block) throw new DownloadError('the archive is truncated (no end-of-archive marker)');
    if (block.every((byte) => byte === 0)) return kept;
    if (++counts.entries > MAX_ARCHIVE_ENTRIES)
      throw new DownloadError(`the archive has more than ${MAX_ARCHIVE_ENTRIES} entries`);
    const header = parseHeader(block);
    const { type } = header;
    const extended = type === 'x' || type === 'g' || type === 'L';
    // A pax size is the next entry's, not another extended header's.
    const size = !extended && pax.has('size') ? Number(pax.get('size')) : header.size;
    const padded = Math.ceil(size / 512) * 512;
    if (extended) {
      if (size > MAX_EXTENDED_HEADER_BYTES) throw new DownloadError('the archive has an oversized extended header');
      const data = ((await reader.read(padded)) ?? Buffer.alloc(0)).subarray(0, size);
      // A global header's records are checked, and apply to nothing kept here.
      if (type === 'x' || type === 'g') {
        const records = parsePax(data);
        if (type === 'x') pax = records;
      }
      if (type === 'L') longName = data.toString('utf8').replace(/\0.*$/s, '');
      continue;
    }
    const path = templatePath(pax.get('path') ?? longName ?? header.name, prefix);
    pax = new Map();
    longName = undefined;
    if (path === undefined) {
      await reader.skip(padded);
      continue;
    }
    checkEntry(path, type, size, kept, counts);
    if (type === '5') {
      kept.set(path, null);
      await reader.skip(padded);
    } else {
      const data = (await reader.read(padded)) ?? Buffer.alloc(0);
      kept.set(path, Buffer.from(data.subarray(0, size)));
    }
  }
}

/** An entry's path inside the template: without the archive's top folder and `prefix`; undefined outside it. */
function templatePath(name: string, prefix: string[]): string | undefined {
  const parts = name
    .split('/')
    .filter((part) => part !== '' && part !== '.')
    .slice(1);
  const path = parts.slice(prefix.length).join('/');
  return prefix.every((part, i) => parts[i] === part) && path !== '' ? path : undefined;
}

/** Refuses an entry the template may not hold with a UsageError naming it and the rule; counts the files kept. */
function checkEntry(path: string, type: string, size: number, kept: Map<string, Buffer | null>, counts: Counts) {
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
    return;
  }
  if (type !== '0' && type !== '\0' && type !== '7')
    refuse(`is an archive entry of an unknown type (${JSON.stringify(type)})`);
  if (size > MAX_FILE_BYTES) refuse(`is larger than ${MAX_FILE_BYTES / 1024} KiB`);
  if (++counts.files > MAX_FILES) refuse(`is one file too many: a template may hold at most ${MAX_FILES}`);
  counts.bytes += size;
  if (counts.bytes > MAX_TOTAL_BYTES)
    refuse(`is past the limit: a template may hold at most ${MAX_TOTAL_BYTES >> 20} MiB`);
  if (kept.has(path)) refuse('is in the archive twice');
}
