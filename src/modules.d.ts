// The runtime's entry: Handlebars' own types describe it only as an augmentation of the full build.
declare module 'handlebars/runtime' {
  import Handlebars from 'handlebars';
  export default Handlebars;
}
