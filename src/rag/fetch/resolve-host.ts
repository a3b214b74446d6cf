import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import type { AddressPolicy } from "./address-policy.js";
import { FetchError } from "./fetch-error.js";

/**
 * Resolves a host name and checks every address it has: one forbidden address refuses the host,
 * so a name with a public and a private record cannot be used to reach the private one.
 */
export async function resolveHost(
  hostname: string,
  policy: AddressPolicy,
): Promise<{ address: string; family: number }> {
  const bare = hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(bare)
    ? [{ address: bare, family: isIP(bare) }]
    : await lookup(bare, { all: true, verbatim: true }).catch((error: Error) => {
        throw new FetchError(`Cannot resolve ${hostname}: ${error.message}`, "failed");
      });
  if (addresses.length === 0) throw new FetchError(`${hostname} has no address`, "failed");
  for (const entry of addresses) {
    const refusal = policy.refusal(entry.address);
    if (refusal) {
      throw new FetchError(
        `Refused to fetch from ${hostname}: ${refusal}. Allow it explicitly with rag.fetch.allowedNetworks.`,
        "refused",
      );
    }
  }
  const first = addresses[0] as { address: string; family: number };
  return first;
}
