export function pickTranslator(provider: string): string {
  switch (provider) {
    case 'openai':
    case 'chatgpt':
    default:
      return 'llm';
  }
}
