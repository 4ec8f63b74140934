// The runtime's entry: Handlebars' own types describe it only as an augmentation of the full build.
declare module 'handlebars/runtime' {
  import Handlebars from 'handlebars';
  export default Handlebars;
}

// cross-spawn has no types of its own; its parser (what execa calls too) is all that is used.
declare module 'cross-spawn' {
  import type { SpawnOptions } from 'node:child_process';

  const crossSpawn: {
    _parse(
      command: string,
      args: string[],
      options: SpawnOptions,
    ): {
      command: string;
      args: string[];
      options: SpawnOptions;
    };
  };
  export default crossSpawn;
}
