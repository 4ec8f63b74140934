// Handlebars with its compiler, for custom templates (the built-in ones are compiled at build time and need only the
// runtime); bundled on its own (dist/vendor/) and loaded only by runs that compile a template.
export { default } from 'handlebars';
