import { ai } from "../common/ai";

export async function talk(prompt: string, onText: (t: string) => void) {
  const stream = await ai.chat.completions.create({ model: "gpt-4o", stream: true, messages: [{ role: "user", content: prompt }] });
  for await (const chunk of stream) {
    onText(chunk.choices[0].delta.content || "");
  }
}
