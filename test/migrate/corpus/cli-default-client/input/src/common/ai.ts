import OpenAI from "openai";

export const ai = new OpenAI();
