import { BlockList, isIP } from "node:net";

/** Networks a fetch may never reach unless the config names them: loopback, private, link-local, metadata. */
const FORBIDDEN_NETWORKS: ReadonlyArray<readonly [string, number, "ipv4" | "ipv6", string]> = [
  ["0.0.0.0", 8, "ipv4", "this-network"],
  ["10.0.0.0", 8, "ipv4", "private"],
  ["100.64.0.0", 10, "ipv4", "carrier-grade NAT"],
  ["127.0.0.0", 8, "ipv4", "loopback"],
  ["169.254.0.0", 16, "ipv4", "link-local / cloud metadata"],
  ["172.16.0.0", 12, "ipv4", "private"],
  ["192.0.0.0", 24, "ipv4", "IETF protocol assignments"],
  ["192.168.0.0", 16, "ipv4", "private"],
  ["198.18.0.0", 15, "ipv4", "benchmarking"],
  ["224.0.0.0", 4, "ipv4", "multicast"],
  ["240.0.0.0", 4, "ipv4", "reserved"],
  ["::", 128, "ipv6", "unspecified"],
  ["::1", 128, "ipv6", "loopback"],
  ["64:ff9b::", 96, "ipv6", "NAT64"],
  ["fc00::", 7, "ipv6", "unique local (private)"],
  ["fe80::", 10, "ipv6", "link-local"],
  ["fec0::", 10, "ipv6", "site-local"],
  ["ff00::", 8, "ipv6", "multicast"],
  ["fd00:ec2::254", 128, "ipv6", "cloud metadata"],
];

/** What a fetch may reach: public addresses, plus networks the config allows explicitly. */
export interface AddressPolicy {
  /** The reason an address is refused, or undefined when it may be reached. */
  refusal(address: string): string | undefined;
}

/**
 * Builds the policy from the config's allow-list (CIDRs or single addresses, such as
 * "127.0.0.0/8" or "::1"). Everything outside FORBIDDEN_NETWORKS is always allowed.
 */
export function createAddressPolicy(allowedNetworks: readonly string[] = []): AddressPolicy {
  const allowed = new BlockList();
  for (const entry of allowedNetworks) addNetwork(allowed, entry);
  return {
    refusal(address) {
      const normalized = normalizeAddress(address);
      const family = isIP(normalized);
      if (family === 0) return `"${address}" is not an IP address`;
      const type = family === 4 ? "ipv4" : "ipv6";
      if (allowed.check(normalized, type)) return undefined;
      for (const [network, prefix, networkType, reason] of FORBIDDEN_NETWORKS) {
        if (networkType !== type) continue;
        if (inSubnet(normalized, network, prefix, type)) return `${address} is a ${reason} address`;
      }
      return undefined;
    },
  };
}

function inSubnet(address: string, network: string, prefix: number, type: "ipv4" | "ipv6"): boolean {
  const list = new BlockList();
  list.addSubnet(network, prefix, type);
  return list.check(address, type);
}

function addNetwork(list: BlockList, entry: string): void {
  const [network = "", prefixText] = entry.split("/");
  const address = normalizeAddress(network);
  const family = isIP(address);
  if (family === 0) throw new Error(`"${entry}" is not an IP address or CIDR network`);
  const type = family === 4 ? "ipv4" : "ipv6";
  const prefix = prefixText === undefined ? (family === 4 ? 32 : 128) : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)) {
    throw new Error(`"${entry}" has an invalid prefix length`);
  }
  list.addSubnet(address, prefix, type);
}

/** Strips brackets and unwraps IPv4-mapped IPv6 (::ffff:10.0.0.1), which reaches the IPv4 host. */
export function normalizeAddress(address: string): string {
  const bare = address.replace(/^\[|\]$/g, "").toLowerCase();
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare);
  if (dotted?.[1]) return dotted[1];
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(bare);
  if (hex?.[1] && hex[2]) {
    const high = Number.parseInt(hex[1], 16);
    const low = Number.parseInt(hex[2], 16);
    return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
  }
  return bare;
}
