import { isUnexpected } from '@azure-rest/ai-inference';
import model from './model';

export async function answer(question: string, deployment = 'DeepSeek-V3'): Promise<string> {
  const res = await model.path('/chat/completions').post({
    body: { model: deployment, max_tokens: 64, messages: [{ role: 'user', content: question }] },
  });
  if (isUnexpected(res)) return `error ${res.status}`;
  return res.body.choices[0]?.message.content ?? '';
}
