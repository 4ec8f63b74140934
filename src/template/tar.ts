// Tar headers, read strictly: a template archive is used only if it arrives whole and valid, so every numeric field of
// a header (mode, owner, size, time, checksum, device numbers) must be octal digits padded with spaces or NULs, the
// checksum must match, and every pax record must be well formed (its length exact, its key named, the numbers it
// gives decimal). Anything else throws a TarError naming the field.

/** A header or pax record that is not what the format says. */
export class TarError extends Error {
  override readonly name = 'TarError';
}

export interface TarHeader {
  /** The entry's path: ustar's prefix and name joined (a pax `path` or GNU long name replaces it). */
  readonly name: string;
  /** The type flag: '0' or NUL a file, '5' a folder, 'x'/'g' pax headers, 'L' a GNU long name... */
  readonly type: string;
  readonly size: number;
}

const text = (block: Buffer, start: number, length: number) =>
  block
    .subarray(start, start + length)
    .toString('utf8')
    .replace(/\0.*$/s, '');

/** A numeric field: octal digits, with spaces before and spaces or NULs after; all NULs or spaces reads 0. */
function octal(block: Buffer, start: number, length: number, what: string): number {
  if ((block[start] ?? 0) & 0x80) throw new TarError(`the archive has an entry too large (${what})`);
  const field = block.subarray(start, start + length).toString('latin1');
  const match = /^ *([0-7]*)[ \0]*$/.exec(field);
  if (!match) throw new TarError(`the archive has a broken header (${what})`);
  return match[1] === '' ? 0 : Number.parseInt(match[1] as string, 8);
}

const FIELDS: readonly [string, number, number][] = [
  ['mode', 100, 8],
  ['uid', 108, 8],
  ['gid', 116, 8],
  ['mtime', 136, 12],
  ['devmajor', 329, 8],
  ['devminor', 337, 8],
];

/** Reads a 512-byte header block that is not all zeros; throws a TarError for any malformed field. */
export function parseHeader(block: Buffer): TarHeader {
  if (block.length !== 512) throw new TarError('the archive has a header cut short');
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : (block[i] ?? 0);
  const stored = octal(block, 148, 8, 'checksum');
  if (sum !== stored) throw new TarError('the archive has a header with a bad checksum');
  const size = octal(block, 124, 12, 'size');
  for (const [what, start, length] of FIELDS) octal(block, start, length, what);
  const type = String.fromCharCode(block[156] ?? 0);
  const ustarPrefix = text(block, 257, 5) === 'ustar' ? text(block, 345, 155) : '';
  const name = ustarPrefix ? `${ustarPrefix}/${text(block, 0, 100)}` : text(block, 0, 100);
  if (name === '') throw new TarError('the archive has an entry with no name');
  return { name, type, size };
}

/** Keys whose value is a decimal number (a time may have a fraction); a pax `size` replaces the header's. */
const DECIMAL: Record<string, RegExp> = {
  size: /^\d{1,15}$/,
  uid: /^\d{1,15}$/,
  gid: /^\d{1,15}$/,
  mtime: /^-?\d{1,15}(\.\d{1,9})?$/,
  atime: /^-?\d{1,15}(\.\d{1,9})?$/,
  ctime: /^-?\d{1,15}(\.\d{1,9})?$/,
};

/** pax records, "<length> <key>=<value>\n" each, where length counts the record's own bytes. */
export function parsePax(data: Buffer): Map<string, string> {
  const records = new Map<string, string>();
  const broken = (why: string): never => {
    throw new TarError(`the archive has a broken pax header (${why})`);
  };
  for (let at = 0; at < data.length; ) {
    const space = data.indexOf(0x20, at);
    const digits = space < 0 ? '' : data.subarray(at, space).toString('latin1');
    if (!/^[1-9]\d{0,5}$/.test(digits)) broken('a record length that is not a number');
    const length = Number(digits);
    if (at + length > data.length || data[at + length - 1] !== 0x0a) broken('a record of the wrong length');
    const line = data.subarray(space + 1, at + length - 1).toString('utf8');
    const equals = line.indexOf('=');
    const key = line.slice(0, Math.max(equals, 0));
    if (!/^[^\s=\0]+$/.test(key)) broken('a record with no key');
    const value = line.slice(equals + 1);
    if (value.includes('\0')) broken(`a NUL in ${key}`);
    const number = DECIMAL[key];
    if (number && !number.test(value)) broken(`${key}=${JSON.stringify(value.slice(0, 20))}`);
    if ((key === 'path' || key === 'linkpath') && value === '') broken(`an empty ${key}`);
    records.set(key, value);
    at += length;
  }
  return records;
}
