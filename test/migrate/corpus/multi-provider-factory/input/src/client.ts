import OpenAI from "openai";

export interface Provider { name: "openai" | "groq" | "fireworks"; baseURL: string; apiKey: string }

export const clientFor = (provider: Provider) => {
  switch (provider.name) {
    case "openai":
    case "groq":
    default:
      return new OpenAI({ baseURL: provider.baseURL, apiKey: provider.apiKey });
  }
};
