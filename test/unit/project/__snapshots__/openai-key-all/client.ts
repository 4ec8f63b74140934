// The OpenAI client for your Azure OpenAI resource's v1 API, built from the environment (see README.md).
import OpenAI from "openai";
import { exitWithError, exitWithServiceError, readDeployment, readEndpoint, requireEnv } from "./config.ts";

/** The deployment to call (AZURE_OPENAI_CHAT_DEPLOYMENT): with the v1 API it goes in each request's `model` field. */
export const deployment = readDeployment();

export const client = new OpenAI({ baseURL: readEndpoint(), apiKey: requireEnv("AZURE_OPENAI_CHAT_KEY") });

/** Explains an error the openai package threw, then exits. */
export function exitWithFailure(error: unknown): never {
  if (error instanceof OpenAI.APIError && error.status !== undefined) {
    const body = error.error as { message?: string } | undefined;
    exitWithServiceError(error.status, typeof error.code === "string" ? error.code : undefined, body?.message ?? error.message);
  }
  exitWithError(error);
}

/** Exits when a reply is empty because the token budget ran out (a reasoning model can spend it all thinking). */
export function rejectEmptyReply(content: string, finishReason: string | null | undefined): void {
  if (content !== "" || finishReason !== "length") return;
  console.error(
    "The reply is empty: the model used the whole token budget (max_completion_tokens) before writing any text, which reasoning models spend thinking first. Raise max_completion_tokens in the request.",
  );
  process.exit(1);
}
