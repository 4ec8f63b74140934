// The parts of Handlebars' compiler that src/vendor/handlebars-compiler.ts takes from its CommonJS build, where
// Handlebars' own types do not reach.
declare module 'handlebars/dist/cjs/handlebars/compiler/base.js' {
  export function parse(input: string, options?: object): unknown;
}
declare module 'handlebars/dist/cjs/handlebars/compiler/compiler.js' {
  export class Compiler {}
  export function compile(input: string, options: object, environment: object): (context: object) => string;
}
declare module 'handlebars/dist/cjs/handlebars/compiler/javascript-compiler.js' {
  export default class JavaScriptCompiler {}
}
// The runtime's entry: Handlebars' own types describe it only as an augmentation of the full build.
declare module 'handlebars/runtime' {
  import Handlebars from 'handlebars';
  export default Handlebars;
}
// The WebAssembly API src/checksum.ts uses: a global in Node.js, typed by TypeScript's DOM library, which this
// project does not load.
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Instance {
    constructor(module: Module);
    readonly exports: Record<string, unknown>;
  }
  class Memory {
    readonly buffer: ArrayBuffer;
    grow(pages: number): number;
  }
}
