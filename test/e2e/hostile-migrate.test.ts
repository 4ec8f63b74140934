// migrate --write on a tree a user has marked: a read-only file is theirs to keep as it is.
import { chmod, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeRun, runCli, tempDir } from '../helpers/cli.js';

const CODE = 'import OpenAI from "openai";\nconst c = new OpenAI();\n';

it('a read-only file among those to change: exit 1, nothing written, the file and the rule named', async () => {
  const cwd = await tempDir();
  await writeFile(join(cwd, 'a.ts'), CODE);
  await writeFile(join(cwd, 'locked.ts'), CODE);
  await chmod(join(cwd, 'locked.ts'), 0o444);
  const run = await runCli(['migrate', '--write', '--force', '--resource', 'contoso', '--json'], { cwd });
  expect(run.exitCode, describeRun(run)).toBe(1);
  expect(JSON.parse(run.stdout).incomplete).toMatchObject({
    reason: 'locked.ts: it is read-only, and is not replaced: make it writable (chmod u+w) to let --write change it',
    written: [],
  });
  expect(await readFile(join(cwd, 'locked.ts'), 'utf8')).toBe(CODE);
  expect(await readFile(join(cwd, 'a.ts'), 'utf8')).toBe(CODE);
  expect((await readdir(cwd)).sort()).toEqual(['a.ts', 'locked.ts']);
});
