// Handlebars with its compiler, for custom templates (the built-in ones are compiled at build time and need only the
// runtime); bundled on its own (dist/vendor/) and loaded only by runs that compile a template. A named export: a
// default one would arrive wrapped once more through the bundle's CommonJS interop.
import Handlebars from 'handlebars';

/** A fresh, isolated Handlebars environment with the compiler. */
export function createEnvironment(): typeof Handlebars {
  return Handlebars.create();
}
