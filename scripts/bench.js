// npm run bench: this CLI against its peers on this machine, alternating runs, with medians and ratios.
// Writes .bench/results.json and prints a table. Not a test: figures vary by machine; the targets are printed beside.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchMigrate, MIGRATE_FILES, MIGRATE_TARGET_MS } from './bench-migrate.js';

const root = fileURLToPath(new URL('..', import.meta.url));
// The executable as npm links it.
const cli = join(root, JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).bin['create-azure-inference-app']);
const createVite = join(root, 'node_modules', 'create-vite', 'index.js');
const runs = Number(process.env.BENCH_RUNS ?? 21);
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const work = mkdtempSync(join(tmpdir(), 'caia-bench-'));
const env = { ...process.env, CI: '1', NO_COLOR: '1' };

function run(command, args, cwd = work) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  return ms;
}

/** Peak resident memory in MB, from GNU time. */
function peakMb(command, args) {
  if (!gnuTime) return undefined;
  const result = spawnSync(gnuTime, ['-f', '%M', command, ...args], { cwd: work, env, encoding: 'utf8' });
  const kb = Number(result.stderr.trim().split('\n').at(-1));
  return Number.isFinite(kb) ? kb / 1024 : undefined;
}

const median = (values) => {
  const sorted = values.filter((v) => v !== undefined).sort((a, b) => a - b);
  return sorted.length === 0 ? undefined : sorted[Math.floor(sorted.length / 2)];
};

/**
 * Runs a and b alternately `runs` times (after one warm-up each). Returns their medians and the median of the
 * ratios of each pair of neighbouring runs, which the machine's drift (other work, frequency changes) touches less.
 */
function alternate(a, b) {
  a();
  b();
  const times = { a: [], b: [], ratio: [] };
  for (let i = 0; i < runs; i++) {
    times.a.push(a(i));
    times.b.push(b(i));
    times.ratio.push(times.a[i] / times.b[i]);
  }
  return { a: median(times.a), b: median(times.b), ratio: median(times.ratio) };
}

/** Our CLI's arguments for a scaffold into `dir` with nothing installed. */
const scaffoldArgs = (dir) => [
  cli,
  dir,
  '--yes',
  '--resource',
  'contoso',
  '--deployment',
  'gpt-4o-mini',
  '--no-install',
  '--no-git',
];
const ours = (i) => ['node', scaffoldArgs(`ours-${i}-${Math.random()}`)];
const vite = (i) => [
  'node',
  [createVite, `vite-${i}-${Math.random()}`, '--template', 'vanilla-ts', '--no-interactive'],
];

const help = alternate(
  () => run('node', [cli, '--help']),
  () => run('node', ['-e', '0']),
);
const scaffold = alternate(
  (i = 0) => run(...ours(i)),
  (i = 0) => run(...vite(i)),
);
const memory = {
  ours: median([1, 2, 3, 4, 5].map((i) => peakMb(...ours(`m${i}`)))),
  vite: median([1, 2, 3, 4, 5].map((i) => peakMb(...vite(`m${i}`)))),
};

// migrate's dry run over 1,000 files: one run takes seconds, so fewer runs than the millisecond measures.
const migrateMs = benchMigrate(cli, Math.min(runs, 7));

const packed = JSON.parse(spawnSync('npm', ['pack', '--dry-run', '--json'], { cwd: root, encoding: 'utf8' }).stdout)[0];
const pkg = JSON.parse(
  spawnSync('node', ['-p', 'JSON.stringify(require("./package.json"))'], { cwd: root, encoding: 'utf8' }).stdout,
);
const runtimeDependencies = Object.keys(pkg.dependencies ?? {}).length;

// The generated project's install with npm (warm cache, as a user's second project would be).
const project = join(work, 'installed');
run('node', scaffoldArgs(project));
const installMs = run('npm', ['install', '--no-audit', '--no-fund'], project);
const nodeModulesMb = duMb(join(project, 'node_modules'));

function duMb(dir) {
  let bytes = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) bytes += statSync(join(entry.parentPath, entry.name)).size;
  }
  return bytes / 1024 / 1024;
}

const results = {
  date: new Date().toISOString(),
  node: process.version,
  runs,
  help: { oursMs: help.a, bareNodeMs: help.b, ratio: help.ratio, target: '<= 1.3' },
  scaffold: { oursMs: scaffold.a, createViteMs: scaffold.b, ratio: scaffold.ratio, target: '<= 1.0' },
  peakMemoryMb: { ours: memory.ours, createVite: memory.vite },
  tarball: { bytes: packed.size, files: packed.entryCount, target: '<= 200000 bytes' },
  runtimeDependencies,
  migrateDryRun: { files: MIGRATE_FILES, ms: migrateMs, target: `< ${MIGRATE_TARGET_MS} ms` },
  generatedProject: { npmInstallMs: installMs, nodeModulesMb },
};
mkdirSync(join(root, '.bench'), { recursive: true });
writeFileSync(join(root, '.bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
rmSync(work, { recursive: true, force: true });

const f = (n, digits = 1) => (n === undefined ? 'n/a' : n.toFixed(digits));
const ok = (pass) => (pass ? 'met' : 'MISSED');
const rows = [
  ['measure', 'ours', 'peer', 'ratio', 'target'],
  ['--help vs node -e 0 (ms)', f(help.a), f(help.b), f(help.ratio, 2), `<= 1.3 ${ok(help.ratio <= 1.3)}`],
  [
    'scaffold vs create-vite (ms)',
    f(scaffold.a),
    f(scaffold.b),
    f(scaffold.ratio, 2),
    `<= 1.0 ${ok(scaffold.ratio <= 1.0)}`,
  ],
  ['peak memory, scaffold (MB)', f(memory.ours), f(memory.vite), f(memory.ours / memory.vite, 2), ''],
  [
    'packed tarball (kB, files)',
    f(packed.size / 1000),
    `${packed.entryCount} files`,
    '',
    `<= 200 kB ${ok(packed.size <= 200_000)}`,
  ],
  ['runtime dependencies', String(runtimeDependencies), '', '', `0 ${ok(runtimeDependencies === 0)}`],
  [
    `migrate dry run, ${MIGRATE_FILES} files (ms)`,
    f(migrateMs, 0),
    '',
    '',
    `< ${MIGRATE_TARGET_MS} ${ok(migrateMs < MIGRATE_TARGET_MS)}`,
  ],
  ['generated project: npm install (ms)', f(installMs, 0), '', '', ''],
  ['generated project: node_modules (MB)', f(nodeModulesMb), '', '', ''],
];
const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i])).join('  '));
console.log(
  `\n${runs} alternating runs each: medians, and ratios as the median of neighbouring pairs; node ${process.version}; written to .bench/results.json`,
);
