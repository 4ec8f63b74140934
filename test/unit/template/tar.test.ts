// Tar headers are read strictly: what GNU tar writes parses, and any field that is not what the format says (a
// number that is not octal, a checksum that does not match, a pax record of the wrong length or a size that is no
// number) is a TarError, which fails the whole download.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHeader, parsePax, TarError } from '../../../src/template/tar.js';
import { tempDir } from '../../helpers/cli.js';
import { HEADER_FIELDS, type HeaderField, paxData, tarHeader } from '../../helpers/tarball-server.js';

/** What parseHeader makes of `block`: the header, or the TarError's message. */
function read(block: Buffer): ReturnType<typeof parseHeader> | string {
  try {
    return parseHeader(block);
  } catch (error) {
    if (!(error instanceof TarError)) throw error;
    return error.message;
  }
}

describe('parseHeader', () => {
  it.each(['ustar', 'gnu', 'pax', 'v7'])('reads what GNU tar writes (--format=%s)', async (format) => {
    const dir = await tempDir();
    writeFileSync(join(dir, 'hello.txt'), 'hello\n');
    const archive = execFileSync('tar', ['cf', '-', `--format=${format}`, '-C', dir, 'hello.txt']);
    let at = 0;
    let header = parseHeader(archive.subarray(at, at + 512));
    if (header.type === 'x') {
      const records = parsePax(archive.subarray(512, 512 + header.size));
      expect(records.get('mtime')).toMatch(/^\d+(\.\d+)?$/);
      at = 512 + Math.ceil(header.size / 512) * 512;
      header = parseHeader(archive.subarray(at, at + 512));
    }
    expect(header).toEqual({ name: 'hello.txt', type: format === 'v7' ? '\0' : '0', size: 6 });
  });

  it('reads any field written as octal digits padded with spaces or NULs', () => {
    const fields = Object.keys(HEADER_FIELDS).filter((field) => field !== 'checksum') as HeaderField[];
    fc.assert(
      fc.property(
        fc.constantFrom(...fields),
        fc.integer({ min: 0, max: 0o7777777 }),
        fc.nat(3),
        (field, value, spaces) => {
          const length = HEADER_FIELDS[field][1];
          const digits = value.toString(8).padStart(length - 1 - spaces, '0');
          const header = read(tarHeader('a.txt', '0', 0, '', { [field]: `${' '.repeat(spaces)}${digits}` }));
          expect(header).toMatchObject({ name: 'a.txt', size: field === 'size' ? value : 0 });
        },
      ),
    );
  });

  it('refuses any field that is not octal, naming it', () => {
    const fields = Object.keys(HEADER_FIELDS).filter((field) => field !== 'checksum') as HeaderField[];
    const junk = fc.string({
      unit: fc.constantFrom('0', '7', '8', '9', 'a', 'x', '-', '+', '.', ' ', '\0', 'é'),
      minLength: 1,
      maxLength: 7,
    });
    fc.assert(
      fc.property(fc.constantFrom(...fields), junk, (field, value) => {
        // Octal digits with space and NUL padding are the one valid form; everything else is refused.
        fc.pre(!/^ *[0-7]*[ \0]*$/.test(value));
        // A first byte with the high bit set is the base-256 form, which no template needs.
        expect(read(tarHeader('a.txt', '0', 0, '', { [field]: value }))).toMatch(
          new RegExp(`^the archive has (a broken header|an entry too large) \\(${field}\\)$`),
        );
      }),
    );
  });

  it('refuses a header with any byte changed after its checksum was made', () => {
    const valid = tarHeader('top/a.txt', '0', 100);
    fc.assert(
      fc.property(fc.nat(511), fc.integer({ min: 1, max: 255 }), (at, delta) => {
        fc.pre(at < 148 || at >= 156);
        const block = Buffer.from(valid);
        block[at] = ((block[at] ?? 0) + delta) % 256;
        expect(read(block)).toMatch(
          /^the archive has (a header with a bad checksum|a broken header|an entry too large)/,
        );
      }),
    );
    expect(read(tarHeader('a.txt', '0', 0, '', { checksum: '        ' }))).toBe(
      'the archive has a header with a bad checksum',
    );
    expect(read(tarHeader('a.txt', '0', 0, '', { checksum: '12x4' }))).toBe(
      'the archive has a broken header (checksum)',
    );
  });
});

describe('parsePax', () => {
  const key = fc
    .stringMatching(/^[a-zA-Z][a-zA-Z0-9._]{0,20}$/)
    .filter((name) => !['size', 'uid', 'gid', 'mtime', 'atime', 'ctime', 'path', 'linkpath'].includes(name));
  const value = fc.string({ unit: 'grapheme', maxLength: 40 }).filter((text) => !text.includes('\0'));

  it('reads back any well-formed records', () => {
    fc.assert(
      fc.property(fc.dictionary(key, value), fc.nat(2 ** 40), (records, size) => {
        const all = { ...records, size: String(size), mtime: '1700000000.123456789', path: 'top/a.txt' };
        expect(Object.fromEntries(parsePax(paxData(all)))).toEqual(all);
      }),
    );
  });

  it('refuses records cut short or run long', () => {
    fc.assert(
      fc.property(fc.dictionary(key, value, { minKeys: 1 }), fc.integer({ min: 1, max: 20 }), (records, cut) => {
        const data = paxData(records);
        // Cut inside the last record: cut at a record's end, what is left is well formed.
        const [lastKey, lastValue] = Object.entries(records).at(-1) as [string, string];
        fc.pre(cut < paxData({ [lastKey]: lastValue }).length);
        expect(() => parsePax(data.subarray(0, data.length - cut))).toThrow(TarError);
        expect(() => parsePax(Buffer.concat([data, Buffer.from('x'.repeat(cut))]))).toThrow(TarError);
      }),
    );
  });

  it.each([
    ['size=abc', paxData({ size: 'abc' }), 'size="abc"'],
    ['size=-1', paxData({ size: '-1' }), 'size="-1"'],
    ['size=1e3', paxData({ size: '1e3' }), 'size="1e3"'],
    ['an empty size', paxData({ size: '' }), 'size=""'],
    ['mtime=soon', paxData({ mtime: 'soon' }), 'mtime="soon"'],
    ['uid=0x10', paxData({ uid: '0x10' }), 'uid="0x10"'],
    ['an empty path', paxData({ path: '' }), 'an empty path'],
    ['a length that is no number', Buffer.from('ab path=x\n'), 'a record length that is not a number'],
    ['a length of 0', Buffer.from('0 path=x\n'), 'a record length that is not a number'],
    ['a length too short', Buffer.from('5 path=x\n'), 'a record of the wrong length'],
    ['no key', Buffer.from('5 =x\n'), 'a record with no key'],
    ['no =', Buffer.from('7 path\n'), 'a record with no key'],
  ])('refuses %s', (_, data, why) => {
    expect(() => parsePax(data)).toThrow(`the archive has a broken pax header (${why})`);
  });
});
