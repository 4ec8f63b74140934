// The Azure AI Inference client for your deployment, built from the environment (see README.md).
import ModelClient from "@azure-rest/ai-inference";
import { DefaultAzureCredential } from "@azure/identity";
import { readEndpoint } from "./config.ts";

/** The Azure OpenAI data-plane API version the requests ask for. */
export const apiVersion = "2024-06-01";

// Keyless: az login, a managed identity or environment credentials, whichever DefaultAzureCredential finds first.
export const client = ModelClient(readEndpoint(), new DefaultAzureCredential(), {
  apiVersion,
  // Azure OpenAI tokens are for Cognitive Services; the SDK's default scope (Azure Machine Learning) gets a 401.
  credentials: { scopes: ["https://cognitiveservices.azure.com/.default"] },
});
