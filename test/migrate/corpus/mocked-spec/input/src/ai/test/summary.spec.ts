import { OpenAI } from 'openai'
import { describe, expect, it, vi } from 'vitest'

vi.mock('openai', () => ({ OpenAI: vi.fn() }))

describe('summarize', () => {
  it('builds its client with the key', async () => {
    const create = vi.fn().mockResolvedValue({ choices: [{ message: { content: 'ok' } }] })
    vi.mocked(OpenAI).mockImplementation(() => ({ chat: { completions: { create } } }) as unknown as OpenAI)
    const client = new OpenAI({ apiKey: 'test-key' })
    await client.chat.completions.create({ model: 'gpt-4o', messages: [] })
    expect(create).toHaveBeenCalledWith({ model: 'gpt-4o', messages: [] })
  })
})
