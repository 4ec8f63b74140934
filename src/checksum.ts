// A 64-bit checksum of bytes, at native speed without node:zlib or node:crypto: loading either takes longer than the
// whole check, which runs on every start (src/code-cache.ts). It is one small WebAssembly function:
//
//   h = 0xcbf29ce484222325 ^ length
//   for each 8-byte little-endian word w (the last one padded with zeros):
//     h = (h ^ w) * 0x9e3779b97f4a7c15;  h = h ^ (h >>> 29)
//
// Each step is a bijection of h for a given word, so any change confined to one word always changes the result;
// other changes go unnoticed with a chance of about 2^-64. Not a defence against someone who means harm (nor needs
// to be: see code-cache.ts).

// prettier-ignore
const MODULE = Uint8Array.from([
  0x00,
  0x61,
  0x73,
  0x6d,
  0x01,
  0x00,
  0x00,
  0x00, // \0asm, version 1
  0x01,
  0x07,
  0x01,
  0x60,
  0x02,
  0x7f,
  0x7e,
  0x01,
  0x7e, // types: (i32 words, i64 seed) -> i64
  0x03,
  0x02,
  0x01,
  0x00, // functions: one, of type 0
  0x05,
  0x03,
  0x01,
  0x00,
  0x01, // memory: one, at least 1 page
  0x07,
  0x09,
  0x02,
  0x01,
  0x68,
  0x00,
  0x00,
  0x01,
  0x6d,
  0x02,
  0x00, // exports: "h" function 0, "m" memory 0
  0x0a,
  0x3f,
  0x01,
  0x3d, // code: one body of 61 bytes
  0x01,
  0x01,
  0x7f, // locals: i (i32); the words count is param 0, h is param 1
  0x02,
  0x40,
  0x03,
  0x40, // block, loop
  0x20,
  0x02,
  0x20,
  0x00,
  0x4f,
  0x0d,
  0x01, // if i >= words: break
  0x20,
  0x01,
  0x20,
  0x02,
  0x41,
  0x03,
  0x74,
  0x29,
  0x03,
  0x00,
  0x85, // h ^ i64.load(i << 3)
  0x42,
  0x95,
  0xf8,
  0xa9,
  0xfa,
  0x97,
  0xb7,
  0xde,
  0x9b,
  0x9e,
  0x7f,
  0x7e, // * 0x9e3779b97f4a7c15
  0x22,
  0x01,
  0x20,
  0x01,
  0x42,
  0x1d,
  0x88,
  0x85,
  0x21,
  0x01, // h = h ^ (h >>> 29)
  0x20,
  0x02,
  0x41,
  0x01,
  0x6a,
  0x21,
  0x02, // i += 1
  0x0c,
  0x00,
  0x0b,
  0x0b, // continue; end loop, end block
  0x20,
  0x01,
  0x0b, // return h
]);

const SEED = 0xcbf29ce484222325n;
const PAGE = 65536;

let instance: WebAssembly.Instance | undefined;

export function checksum(bytes: Uint8Array): bigint {
  instance ??= new WebAssembly.Instance(new WebAssembly.Module(MODULE));
  const { h, m } = instance.exports as { h: (words: number, seed: bigint) => bigint; m: WebAssembly.Memory };
  const words = Math.ceil(bytes.length / 8);
  const missing = Math.ceil((words * 8) / PAGE) - m.buffer.byteLength / PAGE;
  if (missing > 0) m.grow(missing);
  const memory = new Uint8Array(m.buffer);
  memory.set(bytes);
  memory.fill(0, bytes.length, words * 8);
  return BigInt.asUintN(64, h(words, SEED ^ BigInt(bytes.length)));
}
