// throwaway: profile the gateway under steady closed-loop load
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startMock, startGateway, pinSelf, CLIENT_CORE } from "./bench-processes.mjs";
import { measureThroughput } from "./measure-throughput.mjs";
import { chatRequestBody } from "./chat-request-body.mjs";
const stream = process.argv[2] === "stream";
const tree = process.argv[3];
const layout = { pinned: true };
pinSelf(CLIENT_CORE);
const mock = await startMock(layout);
const dir = mkdtempSync(join(tmpdir(), "prof-"));
const gw = await startGateway(mock.url, layout, { profileDirectory: dir, ...(tree ? { tree } : {}) });
const body = chatRequestBody("bench", stream);
for (let i = 0; i < 8; i++) {
  const r = await measureThroughput({ url: gw.url, body, connections: 50, durationSeconds: 3 });
  console.log(r.requestsPerSecond.toFixed(0));
}
await gw.stop(); await mock.stop();
console.log(join(dir, readdirSync(dir)[0]));
