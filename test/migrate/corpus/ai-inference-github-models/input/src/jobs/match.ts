import { isUnexpected } from "@azure-rest/ai-inference";
import ghModel, { modelName } from "../config/gh-model";

export async function score(cv: string, job: string) {
  const res = await ghModel.path("/chat/completions").post({
    body: { model: modelName, messages: [{ role: "system", content: "Score 0-10" }, { role: "user", content: `${cv}\n---\n${job}` }] },
  });
  if (isUnexpected(res)) throw res.body.error;
  return res.body.choices[0].message.content;
}
