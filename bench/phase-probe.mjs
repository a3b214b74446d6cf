// Loaded into a gateway or the minimal proxy with `--import` (bench:compare --phases): times
// each request's way through the process from Node's and undici's diagnostics channels, without
// touching the code under test. On SIGTERM it writes the times of the requests that had the
// process to themselves (another request open at the same time would blur every phase) to
// $SWITCHYARD_PHASE_PROBE_DIR/<pid>.json. The request and its upstream call are matched by
// order, which holds for one request at a time.
import { subscribe } from "node:diagnostics_channel";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

const directory = process.env.SWITCHYARD_PHASE_PROBE_DIR;
/** The moments of one request: arrived, upstream request made, written, answered, answer ended. */
const requests = [];
let current;
let open = 0;

subscribe("http.server.request.start", ({ response }) => {
  if (open > 0 && current) current.shared = true;
  open++;
  const request = { arrived: performance.now(), shared: open > 1 };
  current = request;
  requests.push(request);
  // The moment the answer is handed to the socket: "finish" would come only after the work the
  // process does once the answer has left (the gateway's log event), which the client never waits for.
  const end = response.end;
  response.end = function endTimed(...args) {
    request.ended ??= performance.now();
    return end.apply(this, args);
  };
  // "close" also comes for an answer cut short (the load generator stopping).
  response.once("close", () => {
    open--;
  });
});
const firstTime = (field) => () => {
  if (current && current[field] === undefined) current[field] = performance.now();
};
subscribe("undici:request:create", firstTime("created"));
subscribe("undici:client:sendHeaders", firstTime("written"));
subscribe("undici:request:headers", firstTime("answered"));

process.on("SIGTERM", () => {
  if (!directory || requests.length === 0) return;
  const complete = requests.filter(
    (request) => !request.shared && request.created !== undefined && request.ended !== undefined,
  );
  writeFileSync(join(directory, `${process.pid}.json`), JSON.stringify(complete));
});
