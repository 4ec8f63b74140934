import OpenAI from "openai"

export async function POST(req: Request) {
  const { model, messages } = await req.json()

  let deployment = ""
  switch (model) {
    case "gpt-4o":
      deployment = process.env.AZURE_DEPLOYMENT_LARGE ?? ""
      break
    case "gpt-4o-mini":
      deployment = process.env.AZURE_DEPLOYMENT_SMALL ?? ""
      break
    default:
      return new Response("unknown model", { status: 400 })
  }

  const azure = new OpenAI({
    apiKey: process.env.AZURE_OPENAI_KEY,
    baseURL: "https://contoso.openai.azure.com/openai/v1/"
  })
  const result = await azure.chat.completions.create({ model: deployment, messages })
  return Response.json(result.choices[0]?.message ?? null)
}
