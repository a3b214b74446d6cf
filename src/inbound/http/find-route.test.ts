import { describe, expect, it } from "vitest";
import { findRoute } from "./find-route.js";

const routes = new Map([
  ["/admin/keys", "list"],
  ["/admin/keys/:id", "one"],
  ["/admin/keys/:id/rotate", "rotate"],
]);

describe("findRoute", () => {
  it.each([
    ["/admin/keys", "list"],
    ["/admin/keys/key_1", "one"],
    ["/admin/keys/key_1/rotate", "rotate"],
    ["/admin/keys/", undefined],
    ["/admin/keys/key_1/other", undefined],
    ["/v1/other", undefined],
  ])("%s", (path, expected) => {
    expect(findRoute(routes, path)).toBe(expected);
  });
});
