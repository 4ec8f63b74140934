import OpenAI from "openai";

export async function title(text: string) {
  const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });
  const r = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: `Title for: ${text}` }] });
  return r.choices[0]?.message.content;
}

export async function tags(text: string) {
  const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });
  const r = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: `Tags for: ${text}` }] });
  return r.choices[0]?.message.content;
}
