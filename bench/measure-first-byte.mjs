// Time to the first body byte of a stream, direct to the mock and through each proxy in turn.
import { JSON_HEADERS } from "./chat-request-body.mjs";

async function firstByteOf(pool, body) {
  const started = performance.now();
  const response = await pool.request({ path: "/v1/chat/completions", method: "POST", headers: JSON_HEADERS, body });
  let firstByteMs;
  let text = "";
  for await (const part of response.body) {
    firstByteMs ??= performance.now() - started;
    text += part;
  }
  const complete = response.statusCode === 200 && text.endsWith("data: [DONE]\n\n");
  return complete ? firstByteMs : undefined;
}

/**
 * Runs `count` streams through each side's pool, one at a time and in turn, so drift in the
 * machine's load touches every side alike. Returns the first-byte times (ms) per side.
 */
export async function measureFirstByte({ sides, count }) {
  const times = Object.fromEntries(sides.map(({ side }) => [side, []]));
  let failures = 0;
  for (let index = 0; index < count; index++) {
    for (const { side, pool, body } of sides) {
      const firstByteMs = await firstByteOf(pool, body).catch(() => undefined);
      if (firstByteMs === undefined) failures++;
      else times[side].push(firstByteMs);
    }
  }
  return { times, failures };
}
