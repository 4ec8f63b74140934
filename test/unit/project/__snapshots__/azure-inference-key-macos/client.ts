// The Azure AI Inference client for your deployment, built from the environment (see README.md).
import ModelClient from "@azure-rest/ai-inference";
import { AzureKeyCredential } from "@azure/core-auth";
import { readEndpoint, requireEnv } from "./config.ts";

/** The Azure OpenAI data-plane API version the requests ask for. */
export const apiVersion = "2024-10-21";

export const client = ModelClient(readEndpoint(), new AzureKeyCredential(requireEnv("AZURE_OPENAI_CHAT_KEY")), {
  apiVersion,
});

/** Exits when a reply is empty because the token budget ran out (a reasoning model can spend it all thinking). */
export function rejectEmptyReply(content: string, finishReason: string | null | undefined): void {
  if (content !== "" || finishReason !== "length") return;
  console.error(
    "The reply is empty: the model used the whole token budget (max_completion_tokens) before writing any text, which reasoning models spend thinking first. Raise max_completion_tokens in the request.",
  );
  process.exit(1);
}
