// A command run in a network namespace of its own (unshare -rn: loopback only, no name resolves), reaching the
// test's servers only through Unix sockets bridged here: a project behind a proxy that alone knows the endpoint's
// host, or a machine where the cloud metadata address 169.254.169.254 is a trap that records every visitor.
import { mkdtemp } from 'node:fs/promises';
import { createServer, connect as netConnect, type Server } from 'node:net';
import { join } from 'node:path';
import { execa } from 'execa';
import { ROOT, tempDir } from './cli.js';
import type { ShellRun } from './project.js';

const INSIDE = join(ROOT, 'test', 'helpers', 'netns-inside.mjs');

/** A Unix socket that forwards each connection to `url`'s host and port on this side. */
export async function bridge(url: string): Promise<{ socket: string; close(): void }> {
  const { hostname, port } = new URL(url);
  const socket = join(await mkdtemp(join(await tempDir('caia-bridge-'), 's')), 'socket');
  const server: Server = createServer((client) => {
    const upstream = netConnect(Number(port), hostname);
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  return { socket, close: () => server.close() };
}

export interface NetnsOptions {
  /** 127.0.0.1:<port> inside -> a bridge's socket. */
  readonly forwards?: readonly { readonly port: number; readonly socket: string }[];
  /** A CONNECT proxy inside on 127.0.0.1:<port>, mapping "host:port" to a bridge's socket; its request lines go to `log`. */
  readonly proxy?: { readonly port: number; readonly log: string; readonly hosts: Record<string, string> };
  /** A listener on 169.254.169.254:80 logging each connection to `log`. */
  readonly trap?: { readonly log: string };
  readonly cwd: string;
  readonly env: Record<string, string>;
}

/** Runs `command` with bash inside a new network namespace, with the servers `options` asks for. */
export async function runInNetns(command: string, options: NetnsOptions): Promise<ShellRun> {
  const setup = ['ip link set lo up', ...(options.trap ? ['ip addr add 169.254.169.254/32 dev lo'] : [])];
  const config = JSON.stringify({ ...options, command });
  const result = await execa(
    'unshare',
    ['-rn', 'sh', '-c', `${setup.join(' && ')} && exec "$0" "$1"`, process.execPath, INSIDE],
    {
      env: { NETNS_CONFIG: config, PATH: process.env.PATH ?? '' },
      extendEnv: false,
      reject: false,
      stdin: 'ignore',
      stripFinalNewline: false,
    },
  );
  return { command, exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}
