import { describe, expect, it } from "vitest";
import { budgetPeriod } from "./budget-period.js";

describe("budget periods (UTC)", () => {
  const now = new Date("2026-11-26T18:00:00Z"); // a Thursday

  it.each([
    ["day", "day-2026-11-26", 6 * 3_600_000],
    ["week", "week-2026-11-23", (3 * 24 + 6) * 3_600_000],
    ["month", "month-2026-11-01", (4 * 24 + 6) * 3_600_000],
    ["total", "total", 0],
  ] as const)("%s", (period, label, remainingMs) => {
    expect(budgetPeriod(period, now)).toEqual({ label, remainingMs });
  });

  it("rolls a December month over into the next year", () => {
    expect(budgetPeriod("month", new Date("2026-12-31T23:00:00Z")).remainingMs).toBe(3_600_000);
  });
});
