import { OpenAI } from 'openai'
import { expect, it, vi } from 'vitest'
import { summarize } from '../summary'

vi.mock('openai', () => ({ OpenAI: vi.fn(() => ({ chat: { completions: { create: vi.fn().mockResolvedValue({ choices: [] }) } } })) }))

it('returns an empty summary when the model says nothing', async () => {
  expect(await summarize('x')).toBe('')
  expect(OpenAI).toHaveBeenCalledTimes(1)
})
