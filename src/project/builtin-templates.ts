// The built-in templates as data, one loader per folder of templates/ (`_shared`, `openai`, `azure-inference`).
// scripts/build.js replaces this module in the bundle: each folder becomes a chunk of its own (`.hbs` files
// precompiled, others as bytes), loaded only by a run that renders it, so the published CLI reads no template files,
// needs only the Handlebars runtime, and a scaffold never loads the other flavour's files. From source (tests) it is
// undefined and render reads templates/ itself.
import type runtime from 'handlebars/runtime';

export type BuiltinFile =
  | { readonly spec: Parameters<typeof runtime.template>[0]; readonly base64?: undefined }
  | { readonly base64: string; readonly spec?: undefined };

/** One folder's files, keyed by path inside it with forward slashes: `README.md.hbs`, `sub/file.ts.hbs`. */
export type BuiltinFolder = Readonly<Record<string, BuiltinFile>>;

/** Keyed by folder name under templates/. */
const builtinTemplates: Readonly<Record<string, () => Promise<BuiltinFolder>>> | undefined = undefined;
export default builtinTemplates;
