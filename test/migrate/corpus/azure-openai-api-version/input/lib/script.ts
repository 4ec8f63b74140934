import { client } from "../config/openai"

export async function writeScript(topic: string) {
  const r = await client.chat.completions.create({ model: "", messages: [{ role: "user", content: `A 30 second script about ${topic}` }] })
  return r.choices[0]?.message.content
}
