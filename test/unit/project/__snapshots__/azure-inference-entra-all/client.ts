// The Azure AI Inference client for your deployment, built from the environment (see README.md).
import ModelClient from "@azure-rest/ai-inference";
import { DefaultAzureCredential } from "@azure/identity";
import { readEndpoint } from "./config.ts";

/** The Azure OpenAI data-plane API version the requests ask for. */
export const apiVersion = "2024-10-21";

// Keyless: az login, a managed identity or environment credentials, whichever DefaultAzureCredential finds first
// (AZURE_TOKEN_CREDENTIALS narrows that down: see README.md).
export const client = ModelClient(readEndpoint(), new DefaultAzureCredential(), {
  apiVersion,
  // Azure OpenAI tokens are for Cognitive Services; the SDK's default scope (Azure Machine Learning) gets a 401.
  credentials: { scopes: ["https://cognitiveservices.azure.com/.default"] },
});

/** Exits when a reply is empty because the token budget ran out (a reasoning model can spend it all thinking). */
export function rejectEmptyReply(content: string, finishReason: string | null | undefined): void {
  if (content !== "" || finishReason !== "length") return;
  console.error(
    "The reply is empty: the model used the whole token budget (max_completion_tokens) before writing any text, which reasoning models spend thinking first. Raise max_completion_tokens in the request.",
  );
  process.exit(1);
}
