// The chat page: `npm run dev` (restarts when a file changes) or `npm start`, then open the address it
// prints. PORT and HOST choose where it listens (default 127.0.0.1:3000; in a container, HOST=0.0.0.0).
import { createClient } from "./src/client.ts";
import { readSettings } from "./src/settings.ts";
import { replyWith } from "./src/web/reply.ts";
import { createChatServer, listenFailure } from "./src/web/server.ts";

const port = Number(process.env["PORT"] || 3000);
const host = process.env["HOST"] || "127.0.0.1";
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT is ${process.env["PORT"]}: set it to a port number (0-65535), or leave it unset for 3000.`);
  process.exit(1);
}

const settings = readSettings();
const server = createChatServer({ reply: replyWith(createClient(settings), settings) });
server.on("error", (error: NodeJS.ErrnoException) => {
  console.error(listenFailure(error, host, port));
  process.exit(1);
});
server.listen(port, host, () => {
  const address = server.address();
  const at = typeof address === "object" && address ? address.port : port;
  console.log(`The chat page is at http://${host.includes(":") ? `[${host}]` : host}:${at}/`);
});

// App Service and Container Apps stop a container with SIGTERM: finish cleanly.
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    server.close();
    server.closeAllConnections();
  });
}
