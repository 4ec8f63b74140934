// The package ships typings under bindings/node but does not point to them from package.json.
declare module 'tree-sitter-powershell' {
  import type { Language } from 'tree-sitter';

  const language: Language;
  export default language;
}
