import ModelClient from '@azure-rest/ai-inference';
import { AzureKeyCredential } from '@azure/core-auth';

if (!process.env.FOUNDRY_KEY || !process.env.FOUNDRY_ENDPOINT) {
  throw new Error('FOUNDRY_KEY and FOUNDRY_ENDPOINT must be set');
}

const model = ModelClient(process.env.FOUNDRY_ENDPOINT, new AzureKeyCredential(process.env.FOUNDRY_KEY));

export default model;
