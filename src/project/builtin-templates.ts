// The built-in templates as data. scripts/build.js replaces this module in the bundle with every file of templates/
// (`.hbs` files precompiled, others as bytes), so the published CLI reads no template files and needs only the
// Handlebars runtime. From source (tests) it is undefined and render reads templates/ itself.
import type runtime from 'handlebars/runtime';

export type BuiltinFile =
  | { readonly spec: Parameters<typeof runtime.template>[0]; readonly base64?: undefined }
  | { readonly base64: string; readonly spec?: undefined };

/** Keyed by path under templates/, with forward slashes: `_shared/README.md.hbs`, `openai/client.ts.hbs`. */
const builtinTemplates: Readonly<Record<string, BuiltinFile>> | undefined = undefined;
export default builtinTemplates;
