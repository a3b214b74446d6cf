import { describe, expect, it } from "vitest";
import { createAddressPolicy, normalizeAddress } from "./address-policy.js";

describe("createAddressPolicy", () => {
  const policy = createAddressPolicy();
  const refused: Array<[string, string]> = [
    ["127.0.0.1", "loopback"],
    ["127.8.9.10", "loopback"],
    ["::1", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "metadata"],
    ["169.254.1.1", "link-local"],
    ["fd00::1", "unique local"],
    ["fc12::1", "unique local"],
    ["fe80::1", "link-local"],
    ["fd00:ec2::254", "unique local"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:a9fe:a9fe", "metadata"],
    ["[::ffff:10.0.0.1]", "private"],
    ["0.0.0.0", "this-network"],
    ["::", "unspecified"],
    ["100.64.0.1", "carrier-grade"],
  ];
  it.each(refused)("refuses %s (%s)", (address, reason) => {
    expect(policy.refusal(address)).toContain(reason);
  });

  it.each(["8.8.8.8", "93.184.216.34", "172.32.0.1", "2606:4700::1111", "::ffff:8.8.8.8"])("allows %s", (address) => {
    expect(policy.refusal(address)).toBeUndefined();
  });

  it("allows exactly the networks the config names", () => {
    const allowing = createAddressPolicy(["127.0.0.0/8", "::1"]);
    expect(allowing.refusal("127.0.0.1")).toBeUndefined();
    expect(allowing.refusal("::1")).toBeUndefined();
    expect(allowing.refusal("::ffff:127.0.0.1")).toBeUndefined();
    expect(allowing.refusal("10.0.0.1")).toContain("private");
    expect(allowing.refusal("169.254.169.254")).toContain("metadata");
  });

  it("rejects a malformed allow-list entry", () => {
    expect(() => createAddressPolicy(["not-a-network"])).toThrow(/not an IP address/);
    expect(() => createAddressPolicy(["10.0.0.0/40"])).toThrow(/prefix/);
  });

  it("unwraps IPv4-mapped IPv6 addresses", () => {
    expect(normalizeAddress("::ffff:7f00:1")).toBe("127.0.0.1");
    expect(normalizeAddress("[::FFFF:192.168.0.1]")).toBe("192.168.0.1");
  });
});
