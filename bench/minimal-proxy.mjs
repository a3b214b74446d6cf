// The floor for any Node gateway on this machine: a proxy that does nothing but forward the
// request body to the mock and the answer back (node:http in, undici out, like the gateway).
// Run on the gateway's core, its added latency is what one more process and two more loopback
// hops cost before the gateway does any work of its own.
import { createServer } from "node:http";
import { Pool } from "undici";

const [upstreamUrl] = process.argv.slice(2);
const upstream = new Pool(upstreamUrl, { connections: 1_100 });

async function forward(request, response) {
  const parts = [];
  for await (const part of request) parts.push(part);
  const answer = await upstream.request({
    path: request.url,
    method: "POST",
    headers: { "content-type": "application/json" },
    body: Buffer.concat(parts),
  });
  response.writeHead(answer.statusCode, { "content-type": answer.headers["content-type"] });
  for await (const part of answer.body) response.write(part);
  response.end();
}

const server = createServer({ keepAliveTimeout: 65_000 }, (request, response) => {
  forward(request, response).catch(() => response.destroy());
});
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`minimal proxy listening on http://127.0.0.1:${server.address().port}\n`);
});
process.on("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
