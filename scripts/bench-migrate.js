// Times a `migrate` dry run over 1,000 generated files of about 300 lines (a third of them OpenAI code) and prints
// the peak memory. A benchmark, not a test: `node scripts/bench-migrate.js [files]`.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const count = Number(process.argv[2] ?? 1000);
const dir = await mkdtemp(join(tmpdir(), 'bench-migrate-'));
// Inside the package, so the bundle finds templates/ (for the setup scripts) as a run from source does.
const bundle = join(root, 'node_modules', '.cache', `bench-migrate-${process.pid}.mjs`);

function source(i) {
  const openai = i % 3 === 0;
  const lines = [openai ? "import OpenAI from 'openai';" : "import { readFile } from 'node:fs/promises';", ''];
  if (openai) lines.push(`const client${i} = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });`, '');
  for (let f = 0; lines.length < 290; f++) {
    lines.push(
      `/** Step ${f} of module ${i}: does a little work. */`,
      `export async function step${f}(input: string): Promise<string> {`,
    );
    if (openai && f % 4 === 0) {
      lines.push(
        `  const completion = await client${i}.chat.completions.create({`,
        "    model: 'gpt-4o',",
        "    messages: [{ role: 'user', content: input }],",
        '    max_tokens: 200,',
        '  });',
        "  return completion.choices[0]?.message.content ?? '';",
      );
    } else {
      lines.push(
        '  const parts = input.split(/\\s+/).filter(Boolean);',
        '  const counts = new Map<string, number>();',
        '  for (const part of parts) counts.set(part, (counts.get(part) ?? 0) + 1);',
        "  return [...counts].map(([k, v]) => k + ':' + v).join(',');",
      );
    }
    lines.push('}', '');
  }
  return `${lines.join('\n')}\n`;
}

try {
  for (let i = 0; i < count; i++) {
    const folder = join(dir, 'src', `m${Math.floor(i / 100)}`);
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, `file${i}.ts`), source(i));
  }
  await build({
    entryPoints: [join(root, 'src/migrate/index.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: bundle,
    logLevel: 'warning',
  });
  const { migrate } = await import(pathToFileURL(bundle).href);
  const start = performance.now();
  const cpu = process.cpuUsage();
  const result = await migrate({
    path: dir,
    sdk: 'openai',
    auth: 'key',
    deployments: { byModel: {} },
    write: false,
    force: true,
    strict: false,
  });
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const { filesScanned, filesChanged, clientsRewritten, errors, warnings } = result.summary;
  console.log(`${filesScanned} files (${count} generated, ~300 lines each): dry run ${Math.round(ms)} ms`);
  // CPU time of this process: on a loaded machine the wall-clock figure says more about the other processes.
  console.log(
    `CPU ${Math.round((used.user + used.system) / 1000)} ms (user ${Math.round(used.user / 1000)}, system ${Math.round(used.system / 1000)})`,
  );
  console.log(`${filesChanged} to change, ${clientsRewritten} clients, ${errors} errors, ${warnings} warnings`);
  console.log(`peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
} finally {
  await rm(dir, { recursive: true, force: true });
  await rm(bundle, { force: true });
}
