// The Handlebars compiler's own build, without the Node entry's require.extensions hook and source-map dependency.
declare module 'handlebars/dist/cjs/handlebars.js' {
  import Handlebars from 'handlebars';
  export default Handlebars;
}
