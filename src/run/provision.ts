// The provisioning step of a run: say what it costs and how to delete it, create what is missing with the user's az
// (each command shown before it runs), and give back the options the project is written with: the endpoint Azure
// gave and, for key auth, the key it read (for .env only).

import { azRunner } from '../azure/az.js';
import { endpointUrl, parseEndpoint, resourceBase } from '../azure/endpoint.js';
import { costNote } from '../azure/provision/cost.js';
import { type ProvisionProgress, runProvision } from '../azure/provision/run.js';
import { formatCommand } from '../shared/command.js';
import type { Command, ProjectOptions } from '../types.js';
import type { RunState, StepContext } from './context.js';
import { plan, type Step } from './plan.js';

/** Creating an account or a deployment takes minutes; az is given this long for each command. */
export const PROVISION_TIMEOUT_MS = 15 * 60_000;

export interface ProvisionStepHooks {
  /** The command that runs this again (it reuses what exists). */
  readonly again: string;
  readonly onStep: (message: string) => void;
  readonly record: (command: Command) => void;
  readonly progress?: ProvisionProgress;
}

export async function provisionAzure(
  options: ProjectOptions,
  step: Step,
  hooks: ProvisionStepHooks,
): Promise<{ options: ProjectOptions; endpoint: string }> {
  const p = options.provision as NonNullable<ProjectOptions['provision']>;
  hooks.onStep(costNote(p));
  const done = await runProvision(p, azRunner(PROVISION_TIMEOUT_MS), options.auth === 'key', {
    again: hooks.again,
    ...(hooks.progress ? { progress: hooks.progress } : {}),
    onCommand: (command) => {
      // No command holds a secret: the key is read from az's output, never passed to it.
      hooks.onStep(`Running ${formatCommand(command)}`);
      hooks.record(command);
    },
  });
  if (!step.run) hooks.onStep(`Azure has it all already: ${step.reason.replace(/^--provision; /, '')}`);
  // The endpoint Azure gave: <account>.openai.azure.com as asked, or another host (a sovereign cloud, a stand-in).
  const parsed = parseEndpoint(done.endpoint);
  const base = typeof parsed === 'string' ? resourceBase(p.account) : parsed.base;
  const custom = base.toLowerCase() !== resourceBase(p.account).toLowerCase();
  const changed = custom || done.key !== undefined;
  if (!changed) return { options, endpoint: done.endpoint };
  return {
    endpoint: done.endpoint,
    options: {
      ...options,
      ...(custom ? { customEndpoint: base, endpoint: endpointUrl(options.sdk, base, options.deployment) } : {}),
      ...(done.key === undefined ? {} : { apiKey: done.key, apiKeySource: 'az' }),
    },
  };
}

/** The provisioning step of a run: Azure first, then the project's files again with what Azure gave. */
export async function provisionStep(
  step: Step,
  context: Pick<StepContext, 'plan' | 'options' | 'hooks' | 'onStep' | 'record' | 'retry'>,
): Promise<Partial<RunState>> {
  const done = await provisionAzure(context.options, step, {
    // Provisioning comes before the write: a failure's retry is the whole command again.
    again: context.retry as string,
    onStep: context.onStep,
    record: (command) => context.record(command, 'ran', step.reason),
    ...(context.hooks.provisionProgress ? { progress: context.hooks.provisionProgress } : {}),
  });
  if (done.options === context.options) return { accessEndpoint: done.endpoint };
  const { files } = await plan(done.options, context.plan.templatesDir);
  return { accessEndpoint: done.endpoint, options: done.options, files };
}
