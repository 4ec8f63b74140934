// checksum() against a plain BigInt implementation of the same function, and its one promise: a change within one
// 8-byte word always changes the result.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checksum } from '../../src/checksum.js';

function reference(bytes: Uint8Array): bigint {
  let h = 0xcbf29ce484222325n ^ BigInt(bytes.length);
  const padded = new Uint8Array(Math.ceil(bytes.length / 8) * 8);
  padded.set(bytes);
  const view = new DataView(padded.buffer);
  for (let i = 0; i < padded.length; i += 8) {
    h = BigInt.asUintN(64, (h ^ view.getBigUint64(i, true)) * 0x9e3779b97f4a7c15n);
    h ^= h >> 29n;
  }
  return h;
}

describe('checksum', () => {
  it('equals the reference for any bytes, across WebAssembly memory growth', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => checksum(bytes) === reference(bytes)),
      { numRuns: 300 },
    );
    for (const length of [0, 1, 7, 8, 9, 65535, 65536, 65537, 300_001]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 131 + 7) & 255);
      expect(checksum(bytes), `${length} bytes`).toBe(reference(bytes));
    }
  });

  it('changes when any byte changes, and with trailing zeros', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 200 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (bytes, at, flip) => {
          const changed = Uint8Array.from(bytes);
          const index = at % bytes.length;
          changed[index] = (changed[index] ?? 0) ^ flip;
          return checksum(changed) !== checksum(bytes);
        },
      ),
      { numRuns: 500 },
    );
    expect(checksum(new Uint8Array(3))).not.toBe(checksum(new Uint8Array(4)));
  });
});
