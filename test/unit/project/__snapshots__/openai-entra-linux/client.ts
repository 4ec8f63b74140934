// The OpenAI client for your Azure OpenAI resource's v1 API, built from the environment (see README.md).
import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
import OpenAI from "openai";
import { exitWithError, exitWithServiceError, readEndpoint } from "./config.ts";

/** The deployment to call: with the v1 API it goes in each request's `model` field. */
export const deployment = "gpt-4o-mini";

// Keyless: az login, a managed identity or environment credentials, whichever DefaultAzureCredential finds first.
const credential = new DefaultAzureCredential();
export const client = new OpenAI({
  baseURL: readEndpoint(),
  apiKey: getBearerTokenProvider(credential, "https://cognitiveservices.azure.com/.default"),
});

/** Explains an error the openai package threw, then exits. */
export function exitWithFailure(error: unknown): never {
  if (error instanceof OpenAI.APIError && error.status !== undefined) {
    const body = error.error as { message?: string } | undefined;
    exitWithServiceError(error.status, typeof error.code === "string" ? error.code : undefined, body?.message ?? error.message);
  }
  exitWithError(error);
}
