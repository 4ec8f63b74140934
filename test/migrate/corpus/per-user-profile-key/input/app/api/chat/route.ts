import OpenAI from "openai"
import { loadAccount } from "@/lib/account"

export const runtime = "edge"

export async function POST(req: Request) {
  const { prompt } = await req.json()
  const account = await loadAccount()

  const client = new OpenAI({
    apiKey: account.openaiKey || "",
    organization: account.openaiOrg
  })

  const answer = await client.chat.completions.create({
    model: "gpt-4o",
    messages: [{ role: "user", content: prompt }]
  })
  return Response.json(answer.choices[0]?.message ?? null)
}
