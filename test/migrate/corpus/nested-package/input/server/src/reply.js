import OpenAI from "openai";

const ai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });

export async function reply(text) {
  const out = await ai.chat.completions.create({ model: "gpt-4.1-mini", messages: [{ role: "user", content: text }] });
  return out.choices[0].message.content;
}
