import Groq from 'groq-sdk';

const groq = new Groq({ apiKey: process.env.GROQ_API_KEY });

export async function* streamGroq(prompt: string) {
  const res = await groq.chat.completions.create({ model: 'llama3-8b-8192', stream: true, messages: [{ role: 'user', content: prompt }] });
  for await (const part of res) {
    yield part.choices[0].delta.content;
  }
}
