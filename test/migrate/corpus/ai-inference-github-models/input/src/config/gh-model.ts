import ModelClient from "@azure-rest/ai-inference";
import { AzureKeyCredential } from "@azure/core-auth";

const endpoint = "https://models.github.ai/inference";
export const modelName = "openai/gpt-4.1-mini";

const ghModel = ModelClient(endpoint, new AzureKeyCredential(process.env.GITHUB_TOKEN ?? ""));

export default ghModel;
