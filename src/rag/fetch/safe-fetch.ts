import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { FetchError } from "./fetch-error.js";
import { type FetchLimits, isTextLike } from "./fetch-limits.js";
import { resolveHost } from "./resolve-host.js";

export interface FetchedPage {
  /** The URL after redirects. */
  url: string;
  status: number;
  contentType: string;
  body: Buffer;
}

export interface SafeFetchOptions {
  /** Accept any content type (robots.txt and sitemaps are read with their own checks). */
  anyContentType?: boolean;
  signal?: AbortSignal;
}

/**
 * GETs a URL within the limits: http(s) only, every hop's address checked (the connection is
 * pinned to the address that was checked, so DNS cannot change between check and connect),
 * redirects counted, the body capped, text-like content types only.
 */
export async function safeFetch(
  url: string,
  limits: FetchLimits,
  options: SafeFetchOptions = {},
): Promise<FetchedPage> {
  const deadline = AbortSignal.timeout(limits.timeoutMs);
  const signal = options.signal ? AbortSignal.any([deadline, options.signal]) : deadline;
  let current = new URL(url);
  for (let hop = 0; ; hop++) {
    if (current.protocol !== "http:" && current.protocol !== "https:") {
      throw new FetchError(`Refused ${current.href}: only http and https URLs are fetched`, "refused");
    }
    const resolved = await resolveHost(current.hostname, limits.policy);
    const response = await get(current, resolved, limits, signal);
    const status = response.statusCode ?? 0;
    if (status >= 300 && status < 400 && response.headers.location) {
      response.resume();
      if (hop >= limits.maxRedirects) {
        throw new FetchError(`${url} redirected more than ${limits.maxRedirects} times`, "refused");
      }
      current = new URL(response.headers.location, current);
      continue;
    }
    const contentType = response.headers["content-type"] ?? "";
    if (status >= 200 && status < 300 && !options.anyContentType && !isTextLike(contentType)) {
      response.destroy();
      throw new FetchError(`Skipped ${current.href}: content type "${contentType || "none"}" is not text`, "refused");
    }
    const body = await readCapped(response, limits.maxBytes, current.href);
    return { url: current.href, status, contentType, body };
  }
}

function get(
  url: URL,
  resolved: { address: string; family: number },
  limits: FetchLimits,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  // The checked address is handed to the socket, so a second DNS answer cannot differ.
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if (typeof options === "object" && options.all) {
      (callback as unknown as (error: null, addresses: Array<{ address: string; family: number }>) => void)(null, [
        resolved,
      ]);
      return;
    }
    callback(null, resolved.address, resolved.family);
  };
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = send(
      url,
      { method: "GET", lookup: pinned, signal, headers: { "user-agent": limits.userAgent, accept: "*/*" } },
      resolve,
    );
    outgoing.once("error", (error) => {
      reject(
        signal.aborted
          ? new FetchError(`Fetching ${url.href} took longer than ${limits.timeoutMs} ms`, "failed")
          : new FetchError(`Fetching ${url.href} failed: ${error.message}`, "failed"),
      );
    });
    outgoing.end();
  });
}

async function readCapped(response: IncomingMessage, maxBytes: number, url: string): Promise<Buffer> {
  const declared = Number(response.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    throw new FetchError(`Skipped ${url}: ${declared} bytes is over the limit of ${maxBytes}`, "refused");
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) {
        response.destroy();
        throw new FetchError(`Skipped ${url}: the body is over the limit of ${maxBytes} bytes`, "refused");
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof FetchError) throw error;
    throw new FetchError(`Reading ${url} failed: ${(error as Error).message}`, "failed");
  }
  return Buffer.concat(chunks);
}
