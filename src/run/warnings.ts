// The warnings of a run that planning can tell: about the Node.js, the model, the SDK and placeholders. They belong to
// the plan, so the command line prints them and create() returns them alike.
import { PLACEHOLDER_DEPLOYMENT, PLACEHOLDER_RESOURCE } from '../azure/endpoint.js';
import { modelWarning } from '../azure/models.js';
import { nodeEngines, projectWarnings, supportsNode } from '../project/versions.js';
import type { ProjectOptions } from '../types.js';

const RETIREMENT =
  'The Azure AI Inference SDK (--sdk azure-inference) was retired by Microsoft on 2026-08-26: it still works but gets no fixes. --sdk openai gives the supported path.';

/** What the user should know before anything is written, for the running Node.js `nodeVersion`. */
export function warningsFor(options: ProjectOptions, nodeVersion: string = process.versions.node): string[] {
  const messages: string[] = [];
  if (!supportsNode(nodeVersion)) {
    messages.push(
      `Node.js ${nodeVersion} is older than the project supports (${nodeEngines}): install a newer Node.js to run it.`,
    );
  } else {
    messages.push(...projectWarnings(options));
  }
  const model = modelWarning(options.model);
  if (model) messages.push(model);
  messages.push(...options.notes);
  if (options.sdk === 'azure-inference') messages.push(RETIREMENT);
  const placeholders = [
    ...(options.resource === PLACEHOLDER_RESOURCE ? [`--resource (${PLACEHOLDER_RESOURCE})`] : []),
    ...(options.deployment === PLACEHOLDER_DEPLOYMENT ? [`--deployment (${PLACEHOLDER_DEPLOYMENT})`] : []),
  ];
  if (placeholders.length > 0) {
    messages.push(
      `No ${placeholders.join(' or ')}: the project uses the guide's placeholder. Replace it before running it.`,
    );
  }
  return messages;
}
