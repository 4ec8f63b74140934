/**
 * Reading requests and writing answers. Bodies meant to be split are sent without content-length (chunked), one
 * HTTP chunk per write, and each write is awaited (handed to the socket) before the next: HTTP clients hand each
 * chunk to their reader separately, so a character split between two writes reaches the client split, whatever
 * TCP does with the bytes.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

export interface Incoming {
  method: string;
  path: string;
  /** The path and query as sent (for a redirect's Location). */
  pathAndQuery: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  rawBody: string;
}

export async function readIncoming(req: IncomingMessage): Promise<Incoming> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  }
  const url = new URL(req.url ?? '/', 'https://127.0.0.1');
  return {
    method: req.method ?? '',
    path: url.pathname,
    pathAndQuery: `${url.pathname}${url.search}`,
    query: Object.fromEntries(url.searchParams),
    headers: req.headers,
    rawBody: Buffer.concat(chunks).toString('utf8'),
  };
}

export function singleHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

export function responseHeaders(incoming: Incoming): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {
    'apim-request-id': randomUUID(),
    'x-request-id': randomUUID(),
    'x-ms-region': 'Local Stand-in',
  };
  const clientRequestId = singleHeader(incoming.headers['x-ms-client-request-id']);
  if (clientRequestId !== undefined) {
    headers['x-ms-client-request-id'] = clientRequestId;
  }
  return headers;
}

/**
 * `bytes` cut after the first byte of its first multi-byte UTF-8 character, or [bytes] when it is all ASCII.
 * The first part then ends with an incomplete character.
 */
export function splitInsideCharacter(bytes: Buffer): Buffer[] {
  const lead = bytes.findIndex((byte) => byte >= 0xc0);
  return lead === -1 ? [bytes] : [bytes.subarray(0, lead + 1), bytes.subarray(lead + 1)];
}

/** Writes one HTTP chunk and waits until it is handed to the socket; false when the client has gone. */
function writeChunk(res: ServerResponse, bytes: Buffer): Promise<boolean> {
  if (res.destroyed) {
    return Promise.resolve(false);
  }
  return new Promise((resolve) => {
    res.write(bytes, (error) => resolve(error === undefined || error === null));
  });
}

async function writeParts(res: ServerResponse, parts: readonly Buffer[]): Promise<boolean> {
  for (const part of parts) {
    if (!(await writeChunk(res, part))) {
      return false;
    }
  }
  return true;
}

/** A JSON answer; with `split`, written in two chunks cut inside its first multi-byte character. */
export async function sendJson(
  res: ServerResponse,
  status: number,
  headers: OutgoingHttpHeaders,
  payload: unknown,
  split = false,
): Promise<void> {
  const bytes = Buffer.from(JSON.stringify(payload), 'utf8');
  if (!split) {
    res.writeHead(status, { ...headers, 'content-type': 'application/json', 'content-length': bytes.length });
    res.end(bytes);
    return;
  }
  res.writeHead(status, { ...headers, 'content-type': 'application/json' });
  if (await writeParts(res, splitInsideCharacter(bytes))) {
    res.end();
  }
}

export function sendText(
  res: ServerResponse,
  status: number,
  headers: OutgoingHttpHeaders,
  contentType: string,
  text: string,
): void {
  const bytes = Buffer.from(text, 'utf8');
  res.writeHead(status, { ...headers, 'content-type': contentType, 'content-length': bytes.length });
  res.end(bytes);
}

/**
 * An SSE stream, one event per chunk: `data: <data>` (and `event: <name>` first when given). With `split`, an
 * event holding a multi-byte character goes out as two chunks cut inside that character. With `end: false` the
 * response stays open after the last event.
 */
export async function sendSse(
  res: ServerResponse,
  headers: OutgoingHttpHeaders,
  events: ReadonlyArray<{ event?: string; data: string }>,
  split: boolean,
  { end = true }: { end?: boolean } = {},
): Promise<void> {
  res.writeHead(200, { ...headers, 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const { event, data } of events) {
    const bytes = Buffer.from(`${event === undefined ? '' : `event: ${event}\n`}data: ${data}\n\n`, 'utf8');
    if (!(await writeParts(res, split ? splitInsideCharacter(bytes) : [bytes]))) {
      return;
    }
  }
  if (end) {
    res.end();
  }
}
