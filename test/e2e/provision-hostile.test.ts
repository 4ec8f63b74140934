// --provision against hostile input and a misbehaving az, through the built CLI with the fake az first on PATH:
// values az would read as flags, a file in the way of the key found only after Azure answered, an az that exits 0
// without doing the work, and signals during each az step.
import { chmod, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { CLI, type CliRun, describeRun, runCli, tempDir } from '../helpers/cli.js';
import { type FakeAz, type FakeAzOptions, makeFakeAz } from '../helpers/fake-az.js';

const noSteps = ['--no-install', '--no-git'];
const NEW = ['--provision', '--resource', 'contoso-new', '--resource-group', 'rg-new', '--location', 'eastus2'];
const MODEL = ['--model', 'gpt-4.1-mini', '--deployment', 'chat'];

function expectExit(run: CliRun, code: number): void {
  expect(run.exitCode, describeRun(run)).toBe(code);
}

async function setup(options: FakeAzOptions = {}): Promise<{ cwd: string; az: FakeAz; PATH: string }> {
  const az = await makeFakeAz(await tempDir('caia-az-'), { provision: {}, ...options });
  return { cwd: await tempDir('caia-provision-'), az, PATH: `${az.bin}:${process.env.PATH}` };
}

/** Puts a wrapper in front of the fake az: calls whose words start with `prefix` run `action` (shell) instead. */
async function intercept(az: FakeAz, prefix: string, action: string): Promise<void> {
  const real = join(az.bin, 'az');
  const inner = join(az.bin, 'az-inner');
  await writeFile(inner, await readFile(real, 'utf8'), { mode: 0o755 });
  await writeFile(
    real,
    [
      '#!/bin/sh',
      `case "$*" in '${prefix}'*) printf '%s\\n' "$*" >> '${az.log}'; ${action} ;; esac`,
      `exec '${inner}' "$@"`,
      '',
    ].join('\n'),
  );
  await chmod(real, 0o755);
}

describe('--provision refuses values az would misread, before any az call', () => {
  for (const value of ['-x', '--yes', '--subscription']) {
    it(`--resource-group=${value} is exit 2 naming the rule, with no az call and nothing written`, async () => {
      const { cwd, az, PATH } = await setup();
      const run = await runCli(
        [
          'my-app',
          ...NEW.filter((word) => word !== 'rg-new' && word !== '--resource-group'),
          ...MODEL,
          ...noSteps,
        ].concat(`--resource-group=${value}`),
        { cwd, env: { PATH } },
      );
      expectExit(run, 2);
      expect(run.stderr).toContain(`--resource-group "${value}"`);
      expect(run.stderr).toContain('not starting with a hyphen');
      expect(await az.calls()).toEqual([]);
      expect(await readdir(cwd)).toEqual([]);
    });
  }
});

describe('--provision checks the target folder for every file it will write, before creating anything', () => {
  it('a folder named .env in the way of the key is exit 2 with nothing created in Azure', async () => {
    const { cwd, az, PATH } = await setup();
    await mkdir(join(cwd, 'my-app', '.env'), { recursive: true });
    const run = await runCli(['my-app', ...NEW, ...MODEL, '--auth', 'key', '--overwrite', ...noSteps], {
      cwd,
      env: { PATH },
    });
    expectExit(run, 2);
    expect(run.stderr).toContain('Cannot write .env: .env in');
    expect(await az.calls()).not.toContainEqual(expect.stringMatching(/\bcreate\b|keys list/));
    expect((await az.state()).groups).toEqual({});
  });
});

describe('--provision believes az only when its output shows what it made', () => {
  it('a deployment create that exits 0 with an error and no output is exit 1, the deployment not confirmed', async () => {
    const { cwd, az, PATH } = await setup();
    await intercept(
      az,
      'cognitiveservices account deployment create',
      "echo 'ERROR: (InternalServerError) something went wrong' >&2; exit 0",
    );
    const run = await runCli(['my-app', ...NEW, ...MODEL, '--auth', 'key', ...noSteps], { cwd, env: { PATH } });
    expectExit(run, 1);
    expect(run.stderr).toContain(
      'az cognitiveservices account deployment create exited without error but its output shows no deployment chat',
    );
    expect(run.stderr).toContain(
      'Created by this run: resource group rg-new, account contoso-new. Not confirmed: deployment chat (Azure may hold it). Not created: nothing.',
    );
    expect(run.stderr).toContain('To remove what this run created: az group delete -n rg-new --yes');
    expect(await az.calls()).not.toContainEqual(expect.stringContaining('keys list'));
    // One way to finish, said once: the command below, which reuses what exists.
    expect(run.stderr.match(/To finish/g)).toHaveLength(1);
    expect(run.stderr).toMatch(/The command below reuses what exists\.\nTo finish, run:\n {2}npm create /);
    expect(await readdir(cwd)).toEqual([]);
  });

  it('a group create that answers with a failed provisioning state stops before the account', async () => {
    const { cwd, az, PATH } = await setup();
    await intercept(az, 'group create', `echo '{"properties":{"provisioningState":"Failed"}}'; exit 0`);
    const run = await runCli(['my-app', ...NEW, ...MODEL, '--auth', 'key', ...noSteps], { cwd, env: { PATH } });
    expectExit(run, 1);
    expect(run.stderr).toContain(
      'az group create exited without error but its output shows no resource group rg-new (provisioning state Failed)',
    );
    expect(await az.calls()).not.toContainEqual(expect.stringContaining('account create'));
    expect(await readdir(cwd)).toEqual([]);
  });
});

describe('the key az gives is checked before it is written, and never shown', () => {
  for (const [what, key] of [
    ['a quote', "abc'def0123456789"],
    ['an escape sequence', 'abc\u001b[2Jdef0123456789'],
  ] as const) {
    it(`a key1 holding ${what} is exit 1 saying what was created, with nothing written and the key not printed`, async () => {
      const { cwd, az, PATH } = await setup();
      await intercept(
        az,
        'cognitiveservices account keys list',
        `printf '%s\\n' '${JSON.stringify({ key1: key }).replaceAll("'", "'\\''")}'; exit 0`,
      );
      const run = await runCli(['my-app', ...NEW, ...MODEL, '--auth', 'key', ...noSteps], { cwd, env: { PATH } });
      expectExit(run, 1);
      expect(run.stderr).toContain(
        'az gave a key1 for contoso-new that is not an API key (it holds spaces, quotes or control characters)',
      );
      expect(run.stderr).toContain(
        'Created by this run: resource group rg-new, account contoso-new, deployment chat. Not created: nothing.',
      );
      expect(run.stderr).toMatch(/To finish, run:\n {2}npm create azure-inference-app@latest my-app -- /);
      expect(run.stdout + run.stderr).not.toContain('def0123456789');
      expect(await readdir(cwd)).toEqual([]);
    });
  }
});

describe('the endpoint az gives is checked before anything uses it', () => {
  it('an account endpoint with control characters is exit 1 saying what was created; no token is sent there', async () => {
    const { cwd, az, PATH } = await setup({ provision: { endpoint: 'https://evil\u001b[2J.example.com/' } });
    const run = await runCli(['my-app', ...NEW, ...MODEL, '--auth', 'entra', '--verify', ...noSteps], {
      cwd,
      env: { PATH },
    });
    expectExit(run, 1);
    expect(run.stderr).toContain(
      'az gave account contoso-new an endpoint this project cannot use: must not contain spaces or control characters',
    );
    expect(run.stderr).toContain('Created by this run: resource group rg-new, account contoso-new.');
    expect(run.stdout + run.stderr).not.toContain('\u001b');
    const calls = await az.calls();
    expect(calls).not.toContainEqual(expect.stringContaining('deployment create'));
    expect(calls).not.toContainEqual(expect.stringContaining('--method get'));
    expect(await readdir(cwd)).toEqual([]);
  });
});

describe('a signal during each az step says exactly what this run created', () => {
  const CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
  const WORDS = { SIGINT: 'Cancelled', SIGTERM: 'Stopped by SIGTERM', SIGHUP: 'Stopped by SIGHUP' } as const;
  const ROLE = 'the role "Cognitive Services OpenAI User" for you on contoso-new';
  const cases = [
    {
      step: 'group create',
      signal: 'SIGINT',
      report:
        'Created by this run: nothing. Under way when stopped: resource group rg-new (Azure may hold it). Not created: account contoso-new, deployment chat, ROLE. To remove what this run created: az group delete -n rg-new --yes',
    },
    {
      step: 'cognitiveservices account create',
      signal: 'SIGTERM',
      report:
        'Created by this run: resource group rg-new. Under way when stopped: account contoso-new (Azure may hold it). Not created: deployment chat, ROLE. To remove what this run created: az group delete -n rg-new --yes',
    },
    {
      step: 'cognitiveservices account deployment create',
      signal: 'SIGHUP',
      report:
        'Created by this run: resource group rg-new, account contoso-new. Under way when stopped: deployment chat (Azure may hold it). Not created: ROLE. To remove what this run created: az group delete -n rg-new --yes',
    },
    {
      step: 'role assignment create',
      signal: 'SIGINT',
      report:
        'Created by this run: resource group rg-new, account contoso-new, deployment chat. Under way when stopped: ROLE (Azure may hold it). Not created: nothing. To remove what this run created: az group delete -n rg-new --yes',
    },
  ] as const;
  for (const { step, signal, report } of cases) {
    it(`${signal} during az ${step}`, async () => {
      const { cwd, az, PATH } = await setup({ provision: { failures: { hang: step } } });
      const run = await stopDuring(az, cwd, PATH, step, signal, ['--auth', 'entra']);
      expect(run.exitCode, run.stderr).toBe(CODES[signal]);
      expect(run.stderr).toContain(
        `${WORDS[signal]}: nothing was written here. ${report.replace('ROLE', ROLE)} The same command again finishes it (it reuses what exists).`,
      );
      expect(await readdir(cwd)).toEqual([]);
    });
  }

  it('SIGTERM during the account of a group that existed: no az group delete is offered', async () => {
    const { cwd, az, PATH } = await setup({
      provision: { groups: { 'rg-new': 'eastus2' }, failures: { hang: 'cognitiveservices account create' } },
    });
    const run = await stopDuring(az, cwd, PATH, 'cognitiveservices account create', 'SIGTERM', ['--auth', 'key']);
    expect(run.exitCode, run.stderr).toBe(143);
    expect(run.stderr).toContain(
      'Created by this run: nothing. Under way when stopped: account contoso-new (Azure may hold it). Not created: deployment chat. To remove what this run created: az cognitiveservices account delete -n contoso-new -g rg-new && az cognitiveservices account purge -n contoso-new -g rg-new -l eastus2',
    );
    expect(run.stderr).not.toContain('az group delete');
  });
});

/** Runs --provision and sends `signal` once az is running `step` (the fake never answers it). */
async function stopDuring(
  az: FakeAz,
  cwd: string,
  PATH: string,
  step: string,
  signal: NodeJS.Signals,
  extra: readonly string[],
): Promise<{ exitCode: number | undefined; stderr: string }> {
  const child = execa(process.execPath, [CLI, 'my-app', ...NEW, ...MODEL, ...extra, ...noSteps], {
    cwd,
    env: { PATH, CI: undefined },
    reject: false,
    stdin: 'ignore',
  });
  // Waits for the call itself, not for a time.
  while (!(await az.calls()).some((call) => call.startsWith(step))) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill(signal);
  const run = await child;
  return { exitCode: run.exitCode, stderr: String(run.stderr) };
}

describe('the key az gives stays out of every other place', () => {
  it('with --json and --verify: not in stdout, stderr or any az call; in .env only, mode 0600', async () => {
    const { cwd, az, PATH } = await setup();
    const run = await runCli(['my-app', ...NEW, ...MODEL, '--auth', 'key', '--verify', '--json', ...noSteps], {
      cwd,
      env: { PATH },
    });
    expectExit(run, 0);
    const key = (await az.state()).key;
    expect(run.stdout + run.stderr).not.toContain(key);
    expect((await az.calls()).join('\n')).not.toContain(key);
    const env = join(cwd, 'my-app', '.env');
    expect(await readFile(env, 'utf8')).toContain(key);
    expect((await stat(env)).mode & 0o777).toBe(0o600);
    for (const file of await readdir(join(cwd, 'my-app'), { recursive: true })) {
      if (file !== '.env')
        expect(await readFile(join(cwd, 'my-app', file), 'utf8').catch(() => ''), file).not.toContain(key);
    }
  });
});
