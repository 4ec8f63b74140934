import { OpenAI } from 'openai'

const apiKey = process.env['AZURE_OPENAI_API_KEY']
const apiVersion = process.env['AZURE_OPENAI_API_VERSION'] || '2025-03-01-preview'
const endpoint = process.env['AZURE_OPENAI_ENDPOINT']

export const azure = new OpenAI({
  apiKey,
  baseURL: `${endpoint}/openai`,
  defaultQuery: { 'api-version': apiVersion },
  defaultHeaders: { 'api-key': apiKey },
})
