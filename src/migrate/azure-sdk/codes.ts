// The codes of the move off the retired Azure AI Inference SDK (and api-version clients) to the OpenAI SDK on the v1
// API: AZM200 to AZM219, in the finding catalogue with the others.
import type { Code } from '../catalogue.js';

export type AzureSdkCode = Extract<Code, `AZM2${string}`>;
