import { describe, expect, it } from "vitest";
import { isConnectionFailure } from "./is-connection-failure.js";

describe("isConnectionFailure", () => {
  it.each([
    ["a refused connection", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })],
    ["a connection ended mid-query", new Error("Connection terminated unexpectedly")],
    ["a connect timeout", new Error("timeout exceeded when trying to connect")],
    ["a terminated backend", Object.assign(new Error("terminating connection"), { code: "57P01" })],
    ["a connection exception", Object.assign(new Error("connection failure"), { code: "08006" })],
  ])("counts %s as an outage", (_name, error) => {
    expect(isConnectionFailure(error)).toBe(true);
  });

  it.each([
    ["a unique violation", Object.assign(new Error("duplicate key"), { code: "23505" })],
    ["a syntax error", Object.assign(new Error("syntax error"), { code: "42601" })],
    ["something that is not an error", "nope"],
    ["a bug in the writer", new TypeError("Cannot read properties of undefined")],
  ])("does not count %s", (_name, error) => {
    expect(isConnectionFailure(error)).toBe(false);
  });
});
