// Failures explained in plain words, with what usually fixes them (src/client.ts imports this file).
for (const event of ["uncaughtException", "unhandledRejection"] as const) {
  process.on(event, (error: unknown) => {
    console.error(explainFailure(error));
    process.exit(1);
  });
}

/** Hints by status and by what the answer says (Azure's error code, then its message). */
const SERVICE_HINTS: [number, RegExp, string][] = [
  [401, /tenant/i, "The token is from another Microsoft Entra tenant than the resource's: sign in to the resource's tenant with `az login --tenant <tenant-id>` (or set AZURE_TENANT_ID)."],
  [401, /^PermissionDenied/, 'Your Microsoft Entra identity lacks the data-plane role: assign it "Cognitive Services OpenAI User" on the resource (see README.md; role assignments take a few minutes).'],
  [401, /./, 'Your Microsoft Entra identity was refused: sign in with `az login` to the tenant of the resource; your identity needs the "Cognitive Services OpenAI User" role on it.'],
  [403, /network|firewall/i, "The resource's network rules refuse your address: add it under Networking in the Azure portal, or call from an allowed network (private endpoint, VPN)."],
  [403, /./, "Access refused: check the resource's Networking settings and that your identity has the \"Cognitive Services OpenAI User\" role."],
  [404, /^DeploymentNotFound/, "No deployment of that name on this resource: check AZURE_OPENAI_CHAT_DEPLOYMENT against Deployments in the Microsoft Foundry portal (it is case-sensitive)."],
  [404, /./, "Check AZURE_OPENAI_CHAT_ENDPOINT: the resource name or the path is wrong."],
  [429, /./, "Rate limit reached, still after the SDK's own retries: wait a moment and run again, or raise the deployment's tokens-per-minute quota."],
  [400, /^content_filter/, "Azure's content filter refused the prompt or the reply: change the prompt, or review the deployment's content filter in the Microsoft Foundry portal."],
  [400, /^unsupported_(parameter|value)/, "The model refuses a parameter of this request: reasoning models (o-series, gpt-5) take max_completion_tokens and no temperature; classic ones (gpt-4o, gpt-4.1) take the guide's. Generate the project again with --model <your model>, or edit `parameters` in src/chat.ts (chat completions) or src/responses.ts (the Responses API)."],
];

/** Hints by the error code of a request that got no answer (the deepest code along the cause chain). */
const NETWORK_HINTS: [RegExp, string][] = [
  [/^(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|UNABLE_TO_VERIFY_LEAF_SIGNATURE|CERT_UNTRUSTED)$/, "The endpoint's certificate is not trusted here ($code): a proxy or gateway on your network may re-sign HTTPS with its own certificate authority. Trust that authority: set NODE_EXTRA_CA_CERTS to its PEM file, or let Node.js use your system's certificate store with NODE_OPTIONS=--use-system-ca (Node.js 22.15 or later); see README.md, \"Proxies and certificates\"."],
  [/^(CERT_HAS_EXPIRED|ERR_TLS_CERT_ALTNAME_INVALID)$/, "The endpoint's certificate is expired or for another host name ($code): check the host in AZURE_OPENAI_CHAT_ENDPOINT$via."],
  [/^(ENOTFOUND|EAI_AGAIN)$/, "The endpoint's host name was not found$via: check the resource name in AZURE_OPENAI_CHAT_ENDPOINT. Behind a proxy, $proxy."],
  [/^(ECONNREFUSED|ETIMEDOUT|ECONNRESET|UND_ERR_CONNECT_TIMEOUT)$/, "Nothing answered at AZURE_OPENAI_CHAT_ENDPOINT$via: check the URL and your network; behind a proxy, $proxy."],
  [/^(AggregateAuthentication|CredentialUnavailable)Error$/, "No Microsoft Entra credential was found. On your machine: sign in with `az login` (or `azd auth login`, or Azure PowerShell's Connect-AzAccount). In Azure: give the app a managed identity (App Service, Functions and Container Apps announce it themselves; on a VM, also set AZURE_TOKEN_CREDENTIALS=ManagedIdentityCredential; a user-assigned one needs AZURE_CLIENT_ID). See README.md, \"Microsoft Entra ID\"."],
];

/** What a reply with no text (ReplyError, src/chat.ts) means, by its finish_reason. */
const EMPTY_REPLY_HINTS: Record<string, string> = {
  length: "The reply is empty: the model used the whole token budget before writing any text, which reasoning models spend thinking first. Raise the budget in `parameters` in src/chat.ts.",
  content_filter: "The reply is empty: Azure's content filter withheld it (finish_reason: content_filter). Change the prompt, or review the deployment's content filter in the Microsoft Foundry portal.",
};

/** What went wrong, and what usually fixes it. */
export function explainFailure(error: unknown): string {
  if (error instanceof Error && error.name === "ReplyError") return EMPTY_REPLY_HINTS[/finish_reason: (\w+)/.exec(error.message)?.[1] ?? ""] ?? error.message;
  const { status, code, error: body } = (error ?? {}) as { status?: unknown; code?: unknown; error?: { message?: unknown } };
  if (error instanceof Error && typeof status === "number" && status >= 100 && status <= 599) {
    const message = typeof body?.message === "string" ? body.message : error.message;
    // An HTML page's title, else the text: on one line, without a repeated status, cut when long.
    let text = (/<title>([^<]*)<\/title>/i.exec(message)?.[1] ?? message).replace(/\s+/g, " ").trim();
    text = text.replace(new RegExp(`^${status}( |$)`), "").trim();
    if (text.length > 300) text = `${text.slice(0, 297)}...`;
    const named = typeof code === "string" && code !== String(status) ? ` ${code}` : "";
    const hint = SERVICE_HINTS.find(([s, what]) => s === status && what.test(`${code} ${text}`))?.[2];
    return [`The service answered ${status}${named}${text ? `: ${text}` : ""}`, ...(hint ? [hint] : [])].join("\n");
  }
  const chain: Error[] = [];
  for (let cause = error; cause instanceof Error && chain.length < 8 && !chain.includes(cause); cause = cause.cause) chain.push(cause);
  const errorCode = chain.map((cause) => (cause as NodeJS.ErrnoException).code).filter((c) => typeof c === "string" && /^[A-Z][A-Z0-9_]+$/.test(c)).at(-1) ?? "";
  // A thrown object may have no toString, or one that throws: its tag is enough.
  const said = error instanceof Error ? error.message : typeof error === "object" && error !== null ? Object.prototype.toString.call(error) : String(error);
  const root = chain.length > 1 ? (chain.at(-1)?.message ?? "") : "";
  const detail = root && !said.includes(root) ? ` (${root}${errorCode && !root.includes(errorCode) ? `, ${errorCode}` : ""})` : "";
  const proxy = process.env["HTTPS_PROXY"] || process.env["https_proxy"];
  const via = proxy ? ` (through the proxy in HTTPS_PROXY, ${proxy.replace(/\/\/([^:@/]*):[^@/]*@/, "//$1:***@")})` : "";
  const around = proxy ? "check that the proxy in HTTPS_PROXY can reach the endpoint's host, and that NO_PROXY does not name that host" : "set HTTPS_PROXY (see README.md)";
  const hint = NETWORK_HINTS.find(([codes]) => codes.test(errorCode) || chain.some((cause) => codes.test(cause.name)))?.[1];
  return [`The request failed: ${said}${detail}`, ...(hint ? [hint.replace("$code", () => errorCode).replace("$via", () => via).replace("$proxy", () => around)] : [])].join("\n");
}
