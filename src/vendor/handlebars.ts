// Handlebars with its compiler, for custom templates (the built-in ones are compiled at build time and need only the
// runtime); bundled on its own (dist/vendor/) and loaded only by runs that compile a template. A named export: the
// bundle's `default` would arrive wrapped in a second `default` through the CommonJS interop.
import Handlebars from 'handlebars';

export const handlebars = Handlebars;
