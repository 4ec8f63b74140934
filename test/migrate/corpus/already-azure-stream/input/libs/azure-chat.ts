import OpenAI from 'openai';

const client = new OpenAI({
  apiKey: process.env.AZURE_OPENAI_KEY,
  baseURL: 'https://contoso.openai.azure.com/openai/v1/',
});

export async function* streamAzure(prompt: string, deployment: string) {
  const stream = await client.chat.completions.create({ model: deployment, stream: true, messages: [{ role: 'user', content: prompt }] });
  for await (const chunk of stream) {
    if (chunk.choices.length) {
      yield chunk.choices[0].delta.content;
    }
  }
}
