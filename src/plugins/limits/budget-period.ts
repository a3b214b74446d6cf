import type { BudgetPeriod } from "../../stores/keys/limits-schema.js";

export interface PeriodWindow {
  /** Names the period in counter keys, so a new period starts from zero. */
  label: string;
  /** ms until the period ends; 0 for `total`, which never resets. */
  remainingMs: number;
}

/** Calendar periods in UTC: days from midnight, weeks from Monday, months from the 1st. */
export function budgetPeriod(period: BudgetPeriod, now: Date): PeriodWindow {
  if (period === "total") return { label: "total", remainingMs: 0 };
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  let end: Date;
  if (period === "day") {
    end = new Date(start.getTime() + 86_400_000);
  } else if (period === "week") {
    const sinceMonday = (start.getUTCDay() + 6) % 7;
    start.setUTCDate(start.getUTCDate() - sinceMonday);
    end = new Date(start.getTime() + 7 * 86_400_000);
  } else {
    start.setUTCDate(1);
    end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  }
  return { label: `${period}-${start.toISOString().slice(0, 10)}`, remainingMs: end.getTime() - now.getTime() };
}
