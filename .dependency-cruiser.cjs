// The shape of src/: no import cycles, and a stage imports only the stages before it in the pipeline
// (argv -> args -> options -> plan -> execute -> report). src/types.ts imports nothing.
const stages = [
  ['types', 'src/types\\.ts$'],
  ['shared', '^src/(shared|vendor)/'],
  ['azure', '^src/(azure|template)/'],
  ['options', '^src/options/'],
  ['project', '^src/project/'],
  ['run', '^src/(run|migrate)/'],
  ['cli', '^src/cli/(?!bin\\.ts$)'],
  // The programmatic API, and the executable that loads it.
  ['api', '^src/(index|cli/bin)\\.ts$'],
];

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle: modules that cannot be read, tested or loaded one without the other.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'types-import-nothing',
      severity: 'error',
      comment: 'src/types.ts is the one module every stage may import: it imports nothing itself.',
      from: { path: 'src/types\\.ts$' },
      to: { pathNot: '^$' },
    },
    ...stages.map(([name, path], index) => ({
      name: `${name}-before-later-stages`,
      severity: 'error',
      comment: `The ${name} stage imports only earlier stages.`,
      from: { path },
      to: {
        path:
          stages
            .slice(index + 1)
            .map(([, later]) => later)
            .join('|') || '^$',
      },
    })),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^src/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};
