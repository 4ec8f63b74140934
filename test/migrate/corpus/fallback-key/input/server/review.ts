import OpenAI from 'openai';

const reviewer = new OpenAI({
  apiKey: process.env.OPENAI_API_KEY || process.env.LLM_API_KEY,
});

export async function review(draft: string) {
  const r = await reviewer.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: draft }] });
  return r.choices[0]?.message.content;
}
