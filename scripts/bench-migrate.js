// The migrate benchmark: a dry run over a git repository of 1,000 TypeScript files (one in four builds an OpenAI
// client and calls chat), as `npm run bench` reports it. Run alone: node scripts/bench-migrate.js [runs].
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MIGRATE_FILES = 1000;
export const MIGRATE_TARGET_MS = 5000;

function client(i) {
  return `import OpenAI from 'openai';

const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });

export async function ask${i}(question: string): Promise<string> {
  const response = await openai.chat.completions.create({
    model: 'gpt-4o',
    messages: [{ role: 'user', content: question }],
  });
  return response.choices[0]?.message.content ?? '';
}
`;
}

function plain(i) {
  const lines = [
    `// Module ${i}: ordinary code with no OpenAI in it.`,
    `export interface Item${i} { id: number; name: string }`,
  ];
  for (let j = 0; j < 30; j++) {
    lines.push(
      `export function step${j}(items: Item${i}[]): Item${i}[] {`,
      `  return items.filter((item) => item.id % ${j + 2} !== 0).map((item) => ({ ...item, name: item.name.trim() }));`,
      '}',
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A git repository of `count` files; returns its folder. */
export function makeTree(count = MIGRATE_FILES) {
  const dir = mkdtempSync(join(tmpdir(), 'caia-bench-migrate-'));
  for (let i = 0; i < count; i++) {
    const folder = join(dir, 'src', `part${i % 20}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `module${i}.ts`), i % 4 === 0 ? client(i) : plain(i));
  }
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'bench', dependencies: { openai: '^6.0.0' } }, null, 2)}\n`,
  );
  const git = (...args) => spawnSync('git', args, { cwd: dir, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git(
    '-c',
    'user.email=bench@example.com',
    '-c',
    'user.name=bench',
    '-c',
    'commit.gpgsign=false',
    'commit',
    '-qm',
    'tree',
  );
  return dir;
}

/** Median milliseconds of `runs` dry runs of the built CLI on a 1,000-file tree (after one warm-up). */
export function benchMigrate(cli, runs = 7) {
  const dir = makeTree();
  const times = [];
  try {
    for (let i = 0; i <= runs; i++) {
      const start = process.hrtime.bigint();
      const result = spawnSync('node', [cli, 'migrate', '.', '--resource', 'contoso'], {
        cwd: dir,
        env: { ...process.env, CI: '1', NO_COLOR: '1' },
        stdio: ['ignore', 'ignore', 'pipe'],
        maxBuffer: 64 << 20,
      });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (result.status !== 0) throw new Error(`migrate dry run failed (${result.status}): ${result.stderr}`);
      if (i > 0) times.push(ms);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const cli = fileURLToPath(new URL('../dist/cli.cjs', import.meta.url));
  const ms = benchMigrate(cli, Number(process.argv[2] ?? 7));
  console.log(`migrate dry run, ${MIGRATE_FILES} files: ${ms.toFixed(0)} ms (target < ${MIGRATE_TARGET_MS} ms)`);
}
