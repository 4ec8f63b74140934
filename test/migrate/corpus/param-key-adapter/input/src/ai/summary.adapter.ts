import { OpenAI } from 'openai'

export class SummaryAdapter {
  private openai: OpenAI

  constructor(apiKey: string) {
    this.openai = new OpenAI({ apiKey })
  }

  async summarize(text: string): Promise<string> {
    const res = await this.openai.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: text }],
    })
    return res.choices[0]?.message?.content ?? ''
  }
}
