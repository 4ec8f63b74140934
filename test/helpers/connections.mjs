// Loaded with `node --import` into a generated project's process: appends the target of every outgoing connection
// (host:port, or a socket path) to the file CONNECTIONS_LOG names, one per line. Every TCP and TLS client socket of
// Node (http, https, fetch) goes through net.Socket.prototype.connect.
import { appendFileSync } from 'node:fs';
import net from 'node:net';

const log = process.env.CONNECTIONS_LOG;
if (!log) throw new Error('CONNECTIONS_LOG is not set');

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  // net.connect() passes its normalised arguments as one array; a direct call passes (options) or (port, host).
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const target =
    typeof first === 'object' && first !== null
      ? (first.path ?? `${first.host ?? 'localhost'}:${first.port}`)
      : `${args[1] ?? 'localhost'}:${first}`;
  appendFileSync(log, `${target}\n`);
  return connect.apply(this, args);
};
