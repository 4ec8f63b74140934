const { default: createModelClient, isUnexpected } = require("@azure-rest/ai-inference");
const { AzureKeyCredential } = require("@azure/core-auth");

const llm = createModelClient(process.env.LLM_ENDPOINT, new AzureKeyCredential(process.env.LLM_KEY));

module.exports = { llm, isUnexpected };
