// Closed-loop throughput: autocannon keeps a fixed number of connections busy for a while.
import autocannon from "autocannon";
import { JSON_HEADERS } from "./chat-request-body.mjs";

/** Requests/s at `connections` concurrent connections. */
export async function measureThroughput({ url, body, connections, durationSeconds }) {
  const result = await autocannon({
    url: `${url}/v1/chat/completions`,
    method: "POST",
    headers: JSON_HEADERS,
    body,
    connections,
    pipelining: 1,
    duration: durationSeconds,
  });
  return {
    requestsPerSecond: result["2xx"] / result.duration,
    requests: result["2xx"],
    seconds: result.duration,
    failures: result.errors + result.timeouts + result.non2xx,
  };
}
