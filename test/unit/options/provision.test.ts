// "Create a new resource" in a terminal, with a signed-in az whose subscription has no Azure OpenAI resource yet (a
// newcomer's): the resource question offers it, the new resource's questions follow with their suggestions, and the
// checks run with az before anything is created. The fake az is run directly, as az.ts's runner reads it.
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../src/cli/args.js';
import { resolveOptions } from '../../../src/options/resolve.js';
import type { AzRunner, Prompter, Question } from '../../../src/types.js';
import { tempDir } from '../../helpers/cli.js';
import { makeFakeAz, USER_ID } from '../../helpers/fake-az.js';

async function emptySubscription(): Promise<AzRunner> {
  const az = await makeFakeAz(await tempDir('caia-az-'), { accounts: [], provision: {} });
  return async (args) => {
    const run = await execa(join(az.bin, 'az'), args, { reject: false });
    return run.exitCode === 0
      ? { ok: true, value: String(run.stdout) }
      : {
          ok: false,
          reason:
            String(run.stderr)
              .split('\n')[0]
              ?.replace(/^ERROR:\s*/, '') ?? '',
        };
  };
}

/** Answers each field in turn from its list: a choice by its label, text as given, else the suggestion. */
function person(answers: Record<string, string[]>) {
  const questions: Question[] = [];
  const notes: string[] = [];
  const prompter: Prompter = {
    async ask(question) {
      questions.push(question);
      const answer = answers[question.field]?.shift();
      if (question.choices) {
        const choice = question.choices.find((c) => c.label === answer) ?? question.choices[0];
        return choice?.value ?? '';
      }
      return answer ?? question.initial ?? '';
    },
    confirm: async () => false,
    secret: async () => '',
    progress: (_message, work) => work(),
    note: (message) => notes.push(message),
  };
  return { prompter, questions, notes };
}

describe('Create a new resource, in a terminal', { timeout: 120_000 }, () => {
  it('is offered when az has no resources, asks the new resource’s values and checks them with az', async () => {
    const azure = await emptySubscription();
    const { prompter, questions, notes } = person({
      // A choice first, then the new name as text.
      resource: ['Create a new resource', 'contoso-new'],
      auth: ['Microsoft Entra ID'],
    });

    const options = await resolveOptions(
      parseArgs(['app', '--sdk', 'openai', '--app', 'console', '--os', 'linux', '--no-install', '--no-git']),
      { cwd: '/work', platform: 'linux', userAgent: undefined, nodeVersion: '24.11.0', azure },
      prompter,
    );
    expect(notes[0]).toBe('Azure CLI: no Azure OpenAI or AI Services resources in this subscription.');
    expect(questions[0]?.choices?.map((c) => c.label)).toEqual(['Create a new resource', 'Type a name instead']);
    expect(questions.map((q) => [q.field, q.initial])).toEqual([
      ['resource', undefined],
      ['resource', undefined],
      ['resourceGroup', 'rg-contoso-new'],
      ['location', 'eastus2'],
      ['model', 'gpt-4.1-mini'],
      ['deployment', 'gpt-4.1-mini'],
      ['auth', 'key'],
    ]);
    expect(options).toMatchObject({
      resource: 'contoso-new',
      deployment: 'gpt-4.1-mini',
      model: 'gpt-4.1-mini',
      auth: 'entra',
      endpoint: 'https://contoso-new.openai.azure.com/openai/v1/',
      apiKey: undefined,
      provision: {
        account: 'contoso-new',
        resourceGroup: 'rg-contoso-new',
        location: 'eastus2',
        modelVersion: '2025-04-14',
        role: true,
        found: { group: false, account: undefined, deployment: false, userId: USER_ID, role: false },
      },
    });
  });
});
