// The Azure AI Inference client for your deployment, built from the environment (see README.md).
import ModelClient from "@azure-rest/ai-inference";
import { AzureKeyCredential } from "@azure/core-auth";
import { readEndpoint, requireEnv } from "./config.ts";

/** The Azure OpenAI data-plane API version the requests ask for. */
export const apiVersion = "2024-06-01";

export const client = ModelClient(readEndpoint(), new AzureKeyCredential(requireEnv("AZURE_OPENAI_CHAT_KEY")), {
  apiVersion,
});
