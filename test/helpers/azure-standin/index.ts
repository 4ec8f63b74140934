/**
 * A local HTTPS stand-in for an Azure OpenAI resource, for end-to-end tests of generated projects.
 *
 * It serves, on 127.0.0.1 with a fresh test CA (see ../tls.ts), the wire flavours of AZURE.md:
 *   azure-inference  POST /openai/deployments/<deployment>/chat/completions?api-version=<version>
 *   openai           POST /openai/v1/chat/completions   (deployment in the body's `model`)
 *                    POST /openai/v1/responses          (the Responses API; see responses.ts)
 * It checks what a generated example sends (method, path, api-version, content-type, auth headers, body fields:
 * checks.ts) and answers with Azure's documented shapes: a completion, a tool call (chat.ts), an SSE stream, or
 * Azure's error bodies (errors.ts). Every request is recorded; every protocol violation (a request no correct client
 * sends: bad body, wrong api-version, unknown route...) is also pushed, as a sentence, into `problems`, so a test ends
 * with `expect(standin.problems).toEqual([])`. What Azure refuses for a reason other than the request's shape is not a
 * violation: a wrong key or deployment (401, 404), and what a model kind refuses (a reasoning deployment's 400 for
 * max_tokens or a temperature other than 1) are answered like Azure does, so tests can provoke them.
 *
 * Deployments have a model kind (types.ts: ModelKind): `startAzureStandin({ deployment: 'gpt-4.1', deployments:
 * { 'gpt-5-mini': 'reasoning' } })`. Scenarios (types.ts: Scenario) replace the answer until the next setScenario.
 */
export { UTF8_ERROR_MESSAGE } from './errors.js';
export { startAzureStandin, UTF8_REPLY } from './server.js';
export type {
  Deployment,
  DeploymentSpec,
  Flavour,
  ModelKind,
  RecordedRequest,
  RedirectTarget,
  Scenario,
  Standin,
  StandinOptions,
} from './types.js';
