// A reverse proxy on loopback that records every byte it sends back (status, headers, body) while passing it on as
// it comes: a browser pointed at it receives exactly what the target sends, and a test can search all of it, streams
// the browser stopped half way included. The browser going away closes the request to the target too.
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordingProxy {
  /** http://127.0.0.1:PORT/ */
  readonly url: string;
  /** Everything sent back to the browser so far: each answer's status line and headers, then its body bytes. */
  received(): Buffer;
  close(): Promise<void>;
}

export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const chunks: Buffer[] = [];
  const server = createServer((req, res) => {
    const upstream = request(new URL(req.url ?? '/', target), {
      method: req.method,
      headers: req.headers,
      agent: false,
    });
    upstream.on('response', (answer) => {
      chunks.push(Buffer.from(`\n${answer.statusCode} ${JSON.stringify(answer.headers)}\n`));
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        res.write(chunk);
      });
      answer.on('end', () => res.end());
      answer.on('error', () => res.destroy());
    });
    upstream.on('error', () => res.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    received: () => Buffer.concat(chunks),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
