import OpenAI from 'openai';

// One key for the model, whichever is set
const key = process.env.OPENAI_API_KEY || process.env.LLM_API_KEY;
const client = key ? new OpenAI({
  apiKey: key,
  timeout: 30000
}) : null;

export async function plan(goal: string) {
  if (!client) throw new Error('no model key');
  const r = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: goal }] });
  return r.choices[0]?.message.content;
}
