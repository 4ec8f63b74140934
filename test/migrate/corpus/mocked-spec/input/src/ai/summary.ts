import { OpenAI } from 'openai'

const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY })

export async function summarize(text: string): Promise<string> {
  const res = await openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: text }] })
  return res.choices[0]?.message?.content ?? ''
}
