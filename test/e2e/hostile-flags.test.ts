// The built CLI given flags as a careless script writes them: a flag repeated (a default list with an override
// appended), an empty value (an unset variable), an empty path. Each is a usage error naming the flag: exit 2, the
// rule said, valid JSON with --json, and nothing written.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeRun, runCli, tempDir } from '../helpers/cli.js';

const flags = ['--resource', 'contoso', '--deployment', 'chat', '--model', 'gpt-4.1-mini', '--os', 'linux'];
const quiet = ['--no-install', '--no-git', '--yes', '--json'];

describe('the scaffolder refuses a repeated or empty flag', () => {
  it.each([
    [['--resource', 'other'], '--resource given 2 times ("contoso", "other"): give it once'],
    [['--os', 'windows'], '--os given 2 times ("linux", "windows"): give it once'],
    [['--model='], '--model given 2 times ("gpt-4.1-mini", ""): give it once'],
    [['--template='], '--template "": must not be empty'],
    [['--node', ''], '--node "": must not be empty'],
  ])('%j: exit 2, the flag and the rule named, nothing written', async (extra, message) => {
    const cwd = await tempDir();
    const run = await runCli(['app', ...flags, ...quiet, ...extra], { cwd });
    expect(run.exitCode, describeRun(run)).toBe(2);
    expect(run.stderr).toContain(message);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, exitCode: 2, error: expect.stringContaining(message) });
    expect(await readdir(cwd)).toEqual([]);
  });

  it('an empty --model on its own is refused too (it used to mean "not given")', async () => {
    const cwd = await tempDir();
    const base = flags.filter((_, i) => i !== 4 && i !== 5);
    const run = await runCli(['app', ...base, '--model=', '--no-install', '--no-git'], { cwd });
    expect(run.exitCode, describeRun(run)).toBe(2);
    expect(run.stderr).toContain('--model "": must not be empty');
    expect(await readdir(cwd)).toEqual([]);
  });
});

describe('migrate refuses a repeated flag and an empty path', () => {
  async function project(): Promise<string> {
    const cwd = await tempDir();
    await writeFile(join(cwd, 'a.ts'), 'import OpenAI from "openai";\nconst c = new OpenAI();\n');
    return cwd;
  }

  it.each([
    [['.', '--resource', 'a1', '--resource', 'b2'], '--resource given 2 times ("a1", "b2"): give it once'],
    [['.', '--sdk', 'openai', '--sdk', 'azure-inference'], '--sdk given 2 times'],
    [['.', '--endpoint', 'https://a.openai.azure.com', '--endpoint=https://b.openai.azure.com'], '--endpoint given 2'],
    [['', '--resource', 'contoso'], '[path] "": must not be empty'],
  ])('%j --write --force: exit 2, the rule named, no file changed', async (args, message) => {
    const cwd = await project();
    const run = await runCli(['migrate', ...args, '--write', '--force', '--json'], { cwd });
    expect(run.exitCode, describeRun(run)).toBe(2);
    expect(run.stderr).toContain(message);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, exitCode: 2 });
    expect(await readdir(cwd)).toEqual(['a.ts']);
    expect(await readFile(join(cwd, 'a.ts'), 'utf8')).toBe('import OpenAI from "openai";\nconst c = new OpenAI();\n');
  });

  it('--deployment stays repeatable in its <model>=<name> form', async () => {
    const cwd = await project();
    const run = await runCli(['migrate', '--deployment', 'gpt-4o=a', '--deployment', 'gpt-4.1=b', '--json'], { cwd });
    expect(run.exitCode, describeRun(run)).toBe(0);
  });
});
