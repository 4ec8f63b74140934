// The Handlebars compiler, for custom templates (the built-in ones are compiled at build time); bundled on its own
// (dist/vendor/) and loaded only by runs that compile a template. Only the compiler: src/handlebars.ts adds it to
// the runtime environment the run already has, as Handlebars' full build does to its own.
export { parse } from 'handlebars/dist/cjs/handlebars/compiler/base.js';
export { Compiler, compile } from 'handlebars/dist/cjs/handlebars/compiler/compiler.js';
export { default as JavaScriptCompiler } from 'handlebars/dist/cjs/handlebars/compiler/javascript-compiler.js';
