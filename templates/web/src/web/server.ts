// The chat page's server, on Node's own http module: it serves the page (public/) and POST /api/chat, which streams
// the deployment's reply as newline-delimited JSON. The key or credential stays here; the page never sees it.
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { explainFailure } from "../explain.ts";
import { type ChatTurn, checkChat, type Limits, limits as defaultLimits } from "./limits.ts";

/** Streams the reply to a conversation; stops its request to Azure when `signal` aborts. */
export type Reply = (conversation: ChatTurn[], signal: AbortSignal) => AsyncIterable<string>;

export interface ChatServerOptions {
  readonly reply: Reply;
  readonly limits?: Limits;
}

/** What the page may load and do: its own script, style and API, nothing inline, no frames, no forms elsewhere. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const SECURITY_HEADERS = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
};

const PAGES: Record<string, { file: string; type: string }> = {
  "/": { file: "index.html", type: "text/html; charset=utf-8" },
  "/app.js": { file: "app.js", type: "text/javascript; charset=utf-8" },
  "/style.css": { file: "style.css", type: "text/css; charset=utf-8" },
  "/favicon.svg": { file: "favicon.svg", type: "image/svg+xml" },
};

/** The page's files, read once. */
function readPages(): Map<string, { body: Buffer; type: string }> {
  const folder = new URL("../../public/", import.meta.url);
  return new Map(
    Object.entries(PAGES).map(([path, { file, type }]) => [path, { body: readFileSync(new URL(file, folder)), type }]),
  );
}

/** The server; call listen() on it. */
export function createChatServer(options: ChatServerOptions): Server {
  const limits = options.limits ?? defaultLimits;
  const pages = readPages();
  let streaming = 0;

  const send = (res: ServerResponse, status: number, type: string, body: string | Buffer, extra = {}) => {
    res.writeHead(status, { ...SECURITY_HEADERS, "content-type": type, "cache-control": "no-store", ...extra });
    res.end(body);
  };
  const refuse = (res: ServerResponse, status: number, error: string, extra = {}) =>
    send(res, status, "application/json; charset=utf-8", JSON.stringify({ error }), extra);

  const chat = async (req: IncomingMessage, res: ServerResponse) => {
    if (!/^application\/json\b/i.test(req.headers["content-type"] ?? "")) {
      return refuse(res, 415, "Send the conversation as JSON (content-type: application/json).");
    }
    // Another site's page may not spend this deployment's quota: a browser says where a request comes from, and a
    // page that points its own name at this machine (DNS rebinding) still names itself in Host.
    if (!namesLoopback(req)) {
      return refuse(res, 403, "This page's server answers only its own page: open it at 127.0.0.1 or localhost.");
    }
    const origin = req.headers.origin;
    if (origin !== undefined && (!URL.canParse(origin) || new URL(origin).host !== req.headers.host)) {
      return refuse(res, 403, "This page's server answers only its own page.");
    }
    const body = await readBody(req, limits.bodyBytes);
    if (body === undefined) return refuse(res, 413, `The conversation is over ${limits.bodyBytes} bytes: start a new one.`);
    const checked = checkChat(body, limits);
    if (typeof checked === "string") return refuse(res, 400, checked);
    if (streaming >= limits.streams) {
      return refuse(res, 503, "The server is answering other questions: try again in a moment.", { "retry-after": "2" });
    }

    streaming++;
    // The browser going away (the stop button, a closed tab) stops the request to Azure.
    const stop = new AbortController();
    res.on("close", () => stop.abort());
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      "content-type": "application/x-ndjson; charset=utf-8",
      "cache-control": "no-store",
      "x-accel-buffering": "no",
    });
    const line = (value: object) => res.write(`${JSON.stringify(value)}\n`);
    try {
      for await (const text of options.reply(checked, stop.signal)) line({ text });
      line({ done: true });
    } catch (error) {
      if (stop.signal.aborted) return;
      const explanation = explainFailure(error);
      console.error(explanation);
      line({ error: explanation });
    } finally {
      streaming--;
      res.end();
    }
  };

  return createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (path === "/api/chat") {
      if (req.method !== "POST") return refuse(res, 405, "POST the conversation here.", { allow: "POST" });
      chat(req, res).catch((error: unknown) => {
        console.error(error);
        if (!res.headersSent) refuse(res, 500, "The server failed: see its console.");
        else res.destroy();
      });
      return;
    }
    const page = pages.get(path);
    if (!page) return send(res, 404, "text/plain; charset=utf-8", "Not found");
    if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, "text/plain; charset=utf-8", "GET only", { allow: "GET, HEAD" });
    send(res, 200, page.type, req.method === "HEAD" ? "" : page.body);
  });
}

/** Why the server could not listen on `host`:`port`, and what to change (the common cases in words). */
export function listenFailure(error: NodeJS.ErrnoException, host: string, port: number): string {
  const at = `${host.includes(":") ? `[${host}]` : host}:${port}`;
  if (error.code === "EADDRINUSE") return `Another program is listening on ${at}: stop it, or set PORT to a free port (PORT=3001).`;
  if (error.code === "EACCES") return `This user may not listen on ${at}: set PORT to a port above 1023.`;
  if (error.code === "EADDRNOTAVAIL") return `${host} is not an address of this machine: set HOST to 127.0.0.1 (0.0.0.0 in a container).`;
  return `The chat page could not listen on ${at}: ${error.message}`;
}

/**
 * Whether a request that came in over loopback names this machine in its Host header (localhost, a 127.x address or
 * [::1]); a request from elsewhere (HOST=0.0.0.0 in a container) may use any name.
 */
function namesLoopback(req: IncomingMessage): boolean {
  const host = req.headers.host;
  if (host === undefined || !/^(127\.|::1$|::ffff:127\.)/.test(req.socket.localAddress ?? "")) return true;
  return /^(localhost|[a-z0-9-]+\.localhost|127(\.\d{1,3}){3}|\[::1\])(:\d{1,5})?$/i.test(host);
}

/**
 * The request's body as text, or undefined when it is longer than `max` bytes: the rest is read and dropped, so the
 * browser gets the answer rather than a broken connection (Node's requestTimeout bounds how long that takes).
 */
async function readBody(req: IncomingMessage, max: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= max) chunks.push(chunk);
  }
  return size > max ? undefined : Buffer.concat(chunks).toString("utf8");
}
