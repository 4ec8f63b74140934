// giget, for remote --template sources; bundled on its own (dist/vendor/) and loaded only by runs that download one.
export { downloadTemplate } from 'giget';
