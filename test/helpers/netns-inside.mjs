// Runs inside a fresh network namespace (test/helpers/netns.ts starts it): the namespace has only loopback, so no
// name resolves and nothing outside answers but what this script forwards. It starts, from the JSON in NETNS_CONFIG:
// - forwards: 127.0.0.1:<port> -> a Unix socket (a path, which crosses namespaces) that the test bridges to a server;
// - proxy: an HTTP CONNECT proxy on 127.0.0.1:<port> that knows only the hosts it maps (to Unix sockets), logging
//   each CONNECT line;
// - trap: a listener on 169.254.169.254:80 (put on lo beforehand) that logs every connection and closes it;
// then runs `command` with bash in `cwd` with exactly `env`, and exits with its code.
import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import net from 'node:net';

const config = JSON.parse(process.env.NETNS_CONFIG ?? '{}');

function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
}

for (const { port, socket } of config.forwards ?? []) {
  await listen(
    net.createServer((client) => {
      const upstream = net.connect(socket);
      client.pipe(upstream).pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    }),
    port,
    '127.0.0.1',
  );
}

if (config.proxy) {
  const { port, log, hosts } = config.proxy;
  await listen(
    net.createServer((client) => {
      let head = Buffer.alloc(0);
      const onData = (chunk) => {
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) return;
        client.off('data', onData);
        const line = head.subarray(0, head.indexOf('\r\n')).toString('latin1');
        appendFileSync(log, `${line}\n`);
        const [method, target] = line.split(' ');
        const socket = method === 'CONNECT' ? hosts[target] : undefined;
        if (!socket) {
          client.end('HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\n\r\n');
          return;
        }
        const upstream = net.connect(socket, () => {
          client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
          const rest = head.subarray(end + 4);
          if (rest.length > 0) upstream.write(rest);
          client.pipe(upstream).pipe(client);
        });
        client.on('error', () => upstream.destroy());
        upstream.on('error', () => client.destroy());
      };
      client.on('data', onData);
      client.on('error', () => {});
    }),
    port,
    '127.0.0.1',
  );
}

if (config.trap) {
  await listen(
    net.createServer((socket) => {
      appendFileSync(config.trap.log, `connection from ${socket.remoteAddress}\n`);
      socket.destroy();
    }),
    80,
    '169.254.169.254',
  );
}

const child = spawn('bash', ['--norc', '--noprofile', '-c', config.command], {
  cwd: config.cwd,
  env: config.env,
  stdio: ['ignore', 'inherit', 'inherit'],
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
